import { useState } from 'react';
import { Link } from 'react-router';
import { describeRateLimit, subscriptionStatus, type ApiProductSummary, type Subscription, type SubscriptionStatus } from '../api/apps-types.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { loadTeamApps, type TeamApps } from './AppsPage.tsx';
import { MetadataForm } from './MetadataForm.tsx';
import { RequireMember } from './RequireMember.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { useAction } from './useAction.ts';

interface View {
  subscriptions: Subscription[];
  teams: TeamApps[];
  products: ApiProductSummary[];
}

async function load(): Promise<View> {
  const [subscriptions, teams, products] = await Promise.all([api.get<Subscription[]>('/subscriptions'), loadTeamApps(), api.get<ApiProductSummary[]>('/api-products')]);
  return { subscriptions, teams, products };
}

const FILTERS: { value: SubscriptionStatus | ''; label: string }[] = [
  { value: 'pending', label: 'Pending approval' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: '', label: 'All' },
];

/** Admins: every subscription, to approve or reject, with its metadata and rate limit. */
export function AdminSubscriptionsPage() {
  return (
    <RequireMember title="Subscriptions" admin>
      {() => <AdminSubscriptions />}
    </RequireMember>
  );
}

function AdminSubscriptions() {
  const view = useResource(load, []);
  const [filter, setFilter] = useState<SubscriptionStatus | ''>('pending');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Subscriptions</h1>
      <label className="inline-label">
        Show
        <select value={filter} onChange={(e) => setFilter(e.target.value as SubscriptionStatus | '')}>
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      {view.state === 'loading' && <Loading label="Loading subscriptions" />}
      {view.state === 'error' && <ErrorState error={view.error} retry={view.retry} what="the subscriptions" />}
      {view.state === 'ready' && <SubscriptionList view={view.data} filter={filter} reload={view.reload} />}
    </section>
  );
}

function SubscriptionList({ view, filter, reload }: { view: View; filter: SubscriptionStatus | ''; reload: () => void }) {
  const shown = view.subscriptions.filter((s) => !filter || subscriptionStatus(s) === filter);
  if (shown.length === 0) return <Empty title={filter ? `No ${filter} subscriptions.` : 'No subscriptions yet.'} />;
  const appOf = (id: string) => {
    for (const t of view.teams) {
      const app = t.apps.find((a) => a.id === id);
      if (app) return { app, team: t.team };
    }
    return null;
  };
  const productName = (id: string) => view.products.find((p) => p.id === id)?.name || id;
  return (
    <ul className="subscription-list" aria-label="Subscriptions">
      {shown.map((s) => (
        <SubscriptionItem key={s.id} subscription={s} owner={appOf(s.applicationId)} product={productName(s.apiProductId)} reload={reload} />
      ))}
    </ul>
  );
}

function SubscriptionItem(props: { subscription: Subscription; owner: { app: { id: string; name: string }; team: { name: string } } | null; product: string; reload: () => void }) {
  const s = props.subscription;
  const decide = useAction();
  const meta = useAction();
  const status = subscriptionStatus(s);
  const appName = props.owner?.app.name ?? s.applicationId;
  const titleId = `sub-${s.id}`;
  const act = (decision: 'approve' | 'reject') => decide.run(async () => (await api.post(`/subscriptions/${encodeURIComponent(s.id)}/${decision}`, undefined), props.reload()));
  return (
    <li className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {props.owner ? <Link to={`/apps/${encodeURIComponent(props.owner.app.id)}`}>{appName}</Link> : appName} → {props.product}
        <StatusBadge subscription={s} />
      </h2>
      <p className="meta">
        {props.owner && <span>Team {props.owner.team.name}</span>}
        {s.requestedAt && <span>Requested {new Date(s.requestedAt).toLocaleString()}</span>}
        <span>Rate limit: {describeRateLimit(s.metadata?.rateLimit)}</span>
      </p>
      <p className="key-row">
        {status !== 'approved' && (
          <button type="button" className="button button-primary" disabled={decide.busy} onClick={() => act('approve')} aria-label={`Approve ${appName} for ${props.product}`}>
            Approve
          </button>
        )}
        {status !== 'rejected' && (
          <button type="button" className="button button-danger" disabled={decide.busy} onClick={() => act('reject')} aria-label={`Reject ${appName} for ${props.product}`}>
            Reject
          </button>
        )}
      </p>
      {decide.error && (
        <p className="field-error" role="alert">
          {decide.error}
        </p>
      )}
      <details>
        <summary>Metadata and rate limit</summary>
        <MetadataForm
          title={`Metadata and rate limit of ${appName} → ${props.product}`}
          initial={s.metadata}
          busy={meta.busy}
          error={meta.error}
          onSave={(v) => meta.run(async () => (await api.post(`/subscriptions/${encodeURIComponent(s.id)}/metadata`, v), props.reload()))}
        />
      </details>
    </li>
  );
}
