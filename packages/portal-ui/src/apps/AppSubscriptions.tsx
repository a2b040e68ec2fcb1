import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeRateLimit, type ApiProductSummary, type Member, type Subscription } from '../api/apps-types.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { useAction } from './useAction.ts';

interface View {
  subscriptions: Subscription[];
  products: ApiProductSummary[];
}

async function load(appId: string): Promise<View> {
  const [subscriptions, products] = await Promise.all([
    api.get<Subscription[]>(`/apps/${encodeURIComponent(appId)}/subscriptions`),
    api.get<ApiProductSummary[]>('/api-products'),
  ]);
  return { subscriptions, products };
}

/** The app's subscriptions with their state, and a form to subscribe it to another API product (pending at first). */
export function AppSubscriptions({ appId, me }: { appId: string; me: Member }) {
  const view = useResource(() => load(appId), [appId]);
  const [product, setProduct] = useState('');
  const [toCancel, setToCancel] = useState<Subscription | null>(null);
  const subscribe = useAction();
  const cancel = useAction();
  const reload = () => view.state === 'ready' && view.reload();
  if (view.state === 'loading') return <Loading label="Loading the app's subscriptions" />;
  if (view.state === 'error') return <ErrorState error={view.error} retry={view.retry} what="the app's subscriptions" />;
  const { subscriptions, products } = view.data;
  const nameOf = (id: string) => products.find((p) => p.id === id)?.name || id;
  const open = products.filter((p) => !subscriptions.some((s) => s.apiProductId === p.id));
  const chosen = open.some((p) => p.id === product) ? product : (open[0]?.id ?? '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    if (await subscribe.run(() => api.post(`/apps/${encodeURIComponent(appId)}/subscriptions`, { apiProductId: chosen }))) reload();
  }

  async function confirmCancel() {
    const s = toCancel;
    setToCancel(null);
    if (s && (await cancel.run(() => api.del(`/subscriptions/${encodeURIComponent(s.id)}`)))) reload();
  }

  return (
    <section aria-labelledby="subscriptions-title">
      <h2 id="subscriptions-title">Subscriptions</h2>
      {!me.isAdmin && (
        <form className="panel create-key" onSubmit={submit} aria-labelledby="subscribe-title" noValidate>
          <h3 id="subscribe-title">Subscribe to an API product</h3>
          {open.length === 0 ? (
            <p className="help">This app is subscribed to every API product of the portal.</p>
          ) : (
            <>
              <label>
                API product
                <select value={chosen} onChange={(e) => setProduct(e.target.value)}>
                  {open.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name || p.id}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="button button-primary" disabled={subscribe.busy}>
                {subscribe.busy ? 'Subscribing…' : 'Subscribe'}
              </button>
              <p className="help">A portal admin approves each subscription before the app's credentials open the product.</p>
            </>
          )}
          {subscribe.error && (
            <p className="field-error" role="alert">
              {subscribe.error}
            </p>
          )}
        </form>
      )}
      {cancel.error && (
        <p className="state state-error" role="alert">
          The subscription was not removed: {cancel.error}
        </p>
      )}
      {subscriptions.length === 0 ? (
        <p className="help">No subscriptions yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Subscriptions of the app</caption>
            <thead>
              <tr>
                <th scope="col">API product</th>
                <th scope="col">Status</th>
                <th scope="col">Rate limit</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {subscriptions.map((s) => (
                <tr key={s.id} data-testid={`subscription-${s.apiProductId}`}>
                  <th scope="row">
                    <Link to={`/products/${encodeURIComponent(s.apiProductId)}`}>{nameOf(s.apiProductId)}</Link>
                  </th>
                  <td>
                    <StatusBadge subscription={s} />
                  </td>
                  <td>{describeRateLimit(s.metadata?.rateLimit)}</td>
                  <td>
                    <button type="button" className="button button-danger" onClick={() => setToCancel(s)} aria-label={`Unsubscribe from ${nameOf(s.apiProductId)}`}>
                      Unsubscribe
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={toCancel !== null}
        title="Unsubscribe from this product?"
        message={`The app's credentials stop opening ${toCancel ? nameOf(toCancel.apiProductId) : ''} at once. Subscribing again needs a new approval.`}
        confirmLabel="Unsubscribe"
        onConfirm={confirmCancel}
        onCancel={() => setToCancel(null)}
      />
    </section>
  );
}
