import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { ApiKey, ApiKeysByPlan, UsagePlan } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { useSession } from '../auth/session.tsx';
import { DeleteKeyDialog, KeyItem } from '../components/KeyItem.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { saveKeyDraft, takeKeyDraft } from './key-draft.ts';
import { forgetTryItKey, rememberTryItKey } from './try-it-key.ts';
import { describeLimit } from './UsagePlans.tsx';

interface KeysView {
  plans: UsagePlan[];
  keys: ApiKeysByPlan[];
}

async function loadKeys(): Promise<KeysView> {
  const plans = await api.get<UsagePlan[]>('/usage-plans');
  if (plans.length === 0) return { plans, keys: [] };
  const query = plans.map((p) => `usagePlans=${encodeURIComponent(p.name)}`).join('&');
  const keys = await api.get<ApiKeysByPlan[]>(`/api-keys?${query}`);
  return { plans, keys };
}

export function ApiKeys() {
  const { session, login } = useSession();
  if (session.status === 'loading') return <Loading label="Checking your session" />;
  if (session.status !== 'signed-in') {
    return (
      <section aria-labelledby="keys-title">
        <h1 id="keys-title">My API keys</h1>
        <Empty title="Log in to manage your API keys.">
          <button type="button" className="button button-primary" onClick={login}>
            Log in
          </button>
        </Empty>
      </section>
    );
  }
  return <SignedInKeys />;
}

function SignedInKeys() {
  const { onUnauthorized } = useSession();
  const view = useResource(loadKeys, []);
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [toDelete, setToDelete] = useState<ApiKey | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  if (view.state === 'error' && onUnauthorized(view.error)) return <Loading label="Your session expired; logging in again" />;

  async function confirmDelete() {
    const key = toDelete;
    setToDelete(null);
    if (!key) return;
    try {
      await api.del(`/api-keys/${encodeURIComponent(key.id)}`);
      setDeleteError(null);
      if (created?.id === key.id) setCreated(null);
      forgetTryItKey(key.id);
      if (view.state === 'ready') view.reload();
    } catch (err) {
      if (onUnauthorized(err)) return;
      setDeleteError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">My API keys</h1>
      {view.state === 'loading' && <Loading label="Loading your API keys" />}
      {view.state === 'error' && <ErrorState error={view.error} retry={view.retry} what="your API keys" />}
      {view.state === 'ready' && (
        <>
          {view.data.plans.length === 0 ? (
            <Empty title="There is no usage plan to create a key for." />
          ) : (
            <CreateKeyForm
              plans={view.data.plans}
              onCreated={(key) => {
                setCreated(key);
                if (key.apiKey) rememberTryItKey(key.id, key.apiKey);
                view.reload();
              }}
            />
          )}
          {created?.apiKey && <NewKey apiKey={created} onDismiss={() => setCreated(null)} />}
          {deleteError && (
            <p className="state state-error" role="alert">
              The key was not deleted: {deleteError}
            </p>
          )}
          <KeyList view={view.data} onDelete={setToDelete} />
        </>
      )}
      <DeleteKeyDialog keyName={toDelete?.name ?? null} onConfirm={confirmDelete} onCancel={() => setToDelete(null)} />
    </section>
  );
}

function CreateKeyForm({ plans, onCreated }: { plans: UsagePlan[]; onCreated: (key: ApiKey) => void }) {
  const { onUnauthorized } = useSession();
  const [draft] = useState(takeKeyDraft);
  const [plan, setPlan] = useState(draft && plans.some((p) => p.name === draft.plan) ? draft.plan : (plans[0]?.name ?? ''));
  const [name, setName] = useState(draft?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError('Please give the key a name.');
      return;
    }
    setBusy(true);
    try {
      const key = await api.post<ApiKey>('/api-keys', { usagePlan: plan, apiKeyName: name.trim() });
      setError(null);
      setName('');
      onCreated({ ...key, usagePlan: key.usagePlan ?? plan });
    } catch (err) {
      // Keep what the user typed: only the error changes — and across the login an expired session needs.
      if (err instanceof ApiError && err.status === 401) saveKeyDraft({ plan, name });
      if (onUnauthorized(err)) return;
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel create-key" onSubmit={submit} aria-labelledby="create-title" noValidate>
      <h2 id="create-title">Create an API key</h2>
      <label>
        Usage plan
        <select value={plan} onChange={(e) => setPlan(e.target.value)}>
          {plans.map((p) => (
            <option key={p.name} value={p.name}>
              {(p.displayName || p.name) + ' — ' + describeLimit(p)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Key name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={100}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'create-error' : undefined}
        />
      </label>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create key'}
      </button>
      {error && (
        <p id="create-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function NewKey({ apiKey, onDismiss }: { apiKey: ApiKey; onDismiss: () => void }) {
  return (
    <div className="panel new-key" role="region" aria-labelledby="new-key-title">
      <h2 id="new-key-title">Your new key "{apiKey.name}"</h2>
      <p>Copy it now: it is shown only once. It is also filled in for try-it in this tab.</p>
      <p className="key-row">
        <code data-testid="new-api-key">{apiKey.apiKey}</code>
        <CopyButton value={apiKey.apiKey ?? ''} what={`the key ${apiKey.name}`} />
      </p>
      <button type="button" className="button" onClick={onDismiss}>
        I have copied it
      </button>
    </div>
  );
}

function KeyList({ view, onDelete }: { view: KeysView; onDelete: (key: ApiKey) => void }) {
  const byPlan = new Map(view.keys.map((k) => [k.usagePlan, k.apiKeys]));
  return (
    <>
      {view.plans.map((plan) => {
        const keys = byPlan.get(plan.name) ?? [];
        return (
          <section key={plan.name} aria-labelledby={`plan-${plan.name}`} className="plan-keys">
            <h2 id={`plan-${plan.name}`}>
              {plan.displayName || plan.name} <span className="help">{describeLimit(plan)}</span>
            </h2>
            {keys.length === 0 ? (
              <p className="help">No keys for this plan.</p>
            ) : (
              <ul className="key-list">
                {keys.map((k) => (
                  <KeyItem key={k.id} name={k.name} onDelete={() => onDelete(k)} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}
