import { subscriptionStatus, type Subscription } from '../api/apps-types.ts';

const LABEL = { pending: 'Pending approval', approved: 'Approved', rejected: 'Rejected' } as const;

/** The subscription's state in words (never colour alone). */
export function StatusBadge({ subscription }: { subscription: Subscription }) {
  const status = subscriptionStatus(subscription);
  return <span className={`badge badge-${status}`}>{LABEL[status]}</span>;
}
