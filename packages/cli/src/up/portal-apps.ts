// The teams-and-apps portal's pieces for `portico up`: its database (--portal-db postgres://…, else
// <state dir>/portal.db), the per-install secrets (the dev IdP's registration token, the key sealing the IdP
// clients' registration access tokens) and the dev-IdP connector, the store for the portal server and the
// in-memory credential view for ext-auth's portalAuth step.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDcrConnector, openCredentialView, openPortalAppsDb, PortalApps, type AppCredentialLookup } from '@portico/portal-apps';

export interface PortalAppsRuntime {
  store: PortalApps;
  /** The credential view for a gateway in this process; null when asked for none. */
  lookup: AppCredentialLookup | null;
  description: string;
  close(): Promise<void>;
}

/** A random per-install secret in <stateDir>/portal/<name> (created once; every process of the install shares it). */
export function installSecret(stateDir: string, name: string): Buffer {
  const dir = join(stateDir, 'portal');
  const path = join(dir, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte secret`);
  return key;
}

export async function openPortalApps(opts: {
  stateDir: string;
  url: string | null;
  idpUrl: string | null;
  registrationToken: string;
  /** The view lost its change feed or a reload failed (it retries; past 1 s lookups fail closed). */
  onViewError?: (err: Error) => void;
  /** Whether a gateway runs in this process and needs the credential view. With gateway workers it does not:
   *  they follow the feed the primary relays (workers/feed-relays.ts), and a view here would be one more SQLite
   *  poller on its own thread — its own V8 isolate — that nothing reads. */
  view: boolean;
}): Promise<PortalAppsRuntime> {
  mkdirSync(opts.stateDir, { recursive: true });
  const location = opts.url ?? join(opts.stateDir, 'portal.db');
  const db = await openPortalAppsDb(location);
  // The in-process gateway's portalAuth answers from memory, kept current by the database's change feed.
  const view = opts.view ? await openCredentialView(location, opts.onViewError ? { onError: opts.onViewError } : {}) : null;
  const idp = opts.idpUrl
    ? createDcrConnector({ registrationEndpoint: `${opts.idpUrl}/reg`, initialAccessToken: opts.registrationToken, sealKey: installSecret(opts.stateDir, 'seal.key') })
    : null;
  return {
    store: new PortalApps({ db: db.db, idp }),
    lookup: view,
    description: db.description,
    async close() {
      await view?.close();
      await db.close();
    },
  };
}
