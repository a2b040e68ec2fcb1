import { api } from '../api/client.ts';
import type { UsagePlan } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { useSession } from '../auth/session.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';

export function describeLimit(plan: UsagePlan): string {
  const rl = plan.rateLimitPolicy;
  if (!rl || !rl.requestsPerUnit) return 'No rate limit';
  const unit = rl.unit === 'UNKNOWN' ? 'unit' : rl.unit.toLowerCase();
  return `${rl.requestsPerUnit} request${rl.requestsPerUnit === 1 ? '' : 's'} per ${unit}`;
}

export function UsagePlans() {
  const { session } = useSession();
  const plans = useResource(() => api.get<UsagePlan[]>('/usage-plans'), [session.status]);
  return (
    <section aria-labelledby="plans-title">
      <h1 id="plans-title">Usage plans</h1>
      {plans.state === 'loading' && <Loading label="Loading usage plans" />}
      {plans.state === 'error' && <ErrorState error={plans.error} retry={plans.retry} what="the usage plans" />}
      {plans.state === 'ready' && plans.data.length === 0 && <Empty title="This portal has no usage plans." />}
      {plans.state === 'ready' && plans.data.length > 0 && (
        // A focusable scroll box: on a narrow screen the table scrolls by itself (keyboard too), not the whole page.
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Usage plans table">
          <table className="table">
            <caption className="visually-hidden">Usage plans and their limits</caption>
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Limit</th>
                <th scope="col">Authentication</th>
                <th scope="col">APIs</th>
              </tr>
            </thead>
            <tbody>
              {plans.data.map((p) => (
                <tr key={p.name}>
                  <th scope="row">
                    {p.displayName || p.name}
                    {p.description && <div className="help">{p.description}</div>}
                  </th>
                  <td>{describeLimit(p)}</td>
                  <td>{(p.authPolicies ?? []).map((a) => a.authType).join(', ') || '—'}</td>
                  <td>{(p.apiIds ?? []).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
