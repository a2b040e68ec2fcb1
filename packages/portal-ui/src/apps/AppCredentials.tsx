import { useState, type FormEvent } from 'react';
import type { AppApiKey, OauthCredential } from '../api/apps-types.ts';
import { api, ApiError } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DeleteKeyDialog, KeyItem } from '../components/KeyItem.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { SecretOnce } from './SecretOnce.tsx';
import { useAction } from './useAction.ts';

const base = (appId: string) => `/apps/${encodeURIComponent(appId)}`;

/** An app's credentials: its API keys and its one OAuth client; each secret is shown once, when created. */
export function AppCredentials({ appId, appName, admin }: { appId: string; appName: string; admin: boolean }) {
  return (
    <section aria-labelledby="credentials-title">
      <h2 id="credentials-title">Credentials</h2>
      <ApiKeys appId={appId} admin={admin} />
      <OauthClient appId={appId} appName={appName} />
    </section>
  );
}

/** Admins see and delete keys but create none (the server refuses it; they are not the app's team). */
function ApiKeys({ appId, admin }: { appId: string; admin: boolean }) {
  const keys = useResource(() => api.get<AppApiKey[]>(`${base(appId)}/api-keys`), [appId]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<AppApiKey | null>(null);
  const [toDelete, setToDelete] = useState<AppApiKey | null>(null);
  const create = useAction();
  const remove = useAction();
  const reload = () => keys.state === 'ready' && keys.reload();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return create.setError('Please give the key a name.');
    await create.run(async () => {
      const key = await api.post<AppApiKey>(`${base(appId)}/api-keys`, { apiKeyName: name.trim() });
      setCreated(key);
      setName('');
      reload();
    });
  }

  async function confirmDelete() {
    const key = toDelete;
    setToDelete(null);
    if (!key) return;
    if (await remove.run(() => api.del(`/api-keys/${encodeURIComponent(key.id)}`))) {
      if (created?.id === key.id) setCreated(null);
      reload();
    }
  }

  return (
    <section aria-labelledby="app-keys-title">
      <h3 id="app-keys-title">API keys</h3>
      <p className="help">
        Send a key in the <code>api-key</code> header. It opens only the API products this app has an approved subscription to.
      </p>
      {!admin && (
        <form className="panel create-key" onSubmit={submit} aria-labelledby="create-app-key-title" noValidate>
          <h4 id="create-app-key-title">Create an API key</h4>
          <label>
            Key name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={200}
              aria-invalid={create.error ? true : undefined}
              aria-describedby={create.error ? 'create-app-key-error' : undefined}
            />
          </label>
          <button type="submit" className="button button-primary" disabled={create.busy}>
            {create.busy ? 'Creating…' : 'Create key'}
          </button>
          {create.error && (
            <p id="create-app-key-error" className="field-error" role="alert">
              {create.error}
            </p>
          )}
        </form>
      )}
      {created?.apiKey && (
        <SecretOnce title={`Your new key "${created.name}"`} what={`the key ${created.name}`} secret={created.apiKey} testId="new-app-api-key" onDismiss={() => setCreated(null)} />
      )}
      {remove.error && (
        <p className="state state-error" role="alert">
          The key was not deleted: {remove.error}
        </p>
      )}
      {keys.state === 'loading' && <Loading label="Loading the app's keys" />}
      {keys.state === 'error' && <ErrorState error={keys.error} retry={keys.retry} what="the app's keys" />}
      {keys.state === 'ready' &&
        (keys.data.length === 0 ? (
          <p className="help">No API keys yet.</p>
        ) : (
          <ul className="key-list" aria-label="API keys">
            {keys.data.map((k) => (
              <KeyItem key={k.id} name={k.name} onDelete={() => setToDelete(k)} />
            ))}
          </ul>
        ))}
      <DeleteKeyDialog keyName={toDelete?.name ?? null} onConfirm={confirmDelete} onCancel={() => setToDelete(null)} />
    </section>
  );
}

/** GET answers 404 while the app has no OAuth client: that is "none", not an error. */
async function loadCredential(appId: string): Promise<OauthCredential | null> {
  try {
    return await api.get<OauthCredential>(`${base(appId)}/oauth-credentials`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

function OauthClient({ appId, appName }: { appId: string; appName: string }) {
  const cred = useResource(() => loadCredential(appId), [appId]);
  const [created, setCreated] = useState<OauthCredential | null>(null);
  const [confirm, setConfirm] = useState(false);
  const create = useAction();
  const remove = useAction();
  const reload = () => cred.state === 'ready' && cred.reload();

  async function confirmDelete() {
    setConfirm(false);
    if (cred.state !== 'ready' || !cred.data) return;
    const id = cred.data.id;
    if (await remove.run(() => api.del(`/oauth-credentials/${encodeURIComponent(id)}`))) {
      setCreated(null);
      reload();
    }
  }

  return (
    <section aria-labelledby="oauth-title">
      <h3 id="oauth-title">OAuth client</h3>
      <p className="help">
        The app gets access tokens with the client-credentials grant from the identity provider; like its keys, they open only approved subscriptions.
      </p>
      {create.error && (
        <p className="state state-error" role="alert">
          The OAuth client was not created: {create.error}
        </p>
      )}
      {remove.error && (
        <p className="state state-error" role="alert">
          The OAuth client was not deleted: {remove.error}
        </p>
      )}
      {created?.idpClientSecret && (
        <SecretOnce
          title="Your new OAuth client"
          what="the client secret"
          secret={created.idpClientSecret}
          testId="new-client-secret"
          details={[{ label: 'Client id', value: created.idpClientId }]}
          onDismiss={() => setCreated(null)}
        />
      )}
      {cred.state === 'loading' && <Loading label="Loading the OAuth client" />}
      {cred.state === 'error' && <ErrorState error={cred.error} retry={cred.retry} what="the OAuth client" />}
      {cred.state === 'ready' &&
        (cred.data ? (
          <p className="key-row">
            <span>
              Client id <code data-testid="oauth-client-id">{cred.data.idpClientId}</code>
            </span>
            <button type="button" className="button button-danger" onClick={() => setConfirm(true)}>
              Delete OAuth client
            </button>
          </p>
        ) : (
          <button
            type="button"
            className="button button-primary"
            disabled={create.busy}
            onClick={() =>
              create.run(async () => {
                setCreated(await api.post<OauthCredential>(`${base(appId)}/oauth-credentials`, undefined));
                reload();
              })
            }
          >
            {create.busy ? 'Creating…' : 'Create OAuth client'}
          </button>
        ))}
      <ConfirmDialog
        open={confirm}
        title="Delete the OAuth client?"
        message={`The client of "${appName}" is removed from the identity provider: it gets no new tokens, and its tokens are refused at once.`}
        confirmLabel="Delete client"
        onConfirm={confirmDelete}
        onCancel={() => setConfirm(false)}
      />
    </section>
  );
}
