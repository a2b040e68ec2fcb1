// The gateway's answer to "whose credential is this, and may it call this API product?" from memory: an index of
// every app's key hashes, OAuth client ids, subscriptions and metadata, loaded once and kept current by a change
// feed, so portalAuth never waits on the database on the request path (architecture: the hot path never waits on
// the control plane or a disk).
//   - PostgreSQL (postgres-view-feed.ts): LISTEN/NOTIFY with the changed app's id; that app is reloaded.
//   - SQLite (sqlite-view-feed.ts, one host): a worker thread polls PRAGMA data_version, which changes when any
//     other connection (the portal server, another gateway process) commits, reloads every app and posts the
//     ones that changed. The gateway's event loop never reads the file.
// A change reaches the view within one notification round trip or poll period plus one reload (well under 1 s).
// If the view cannot follow changes for longer than `staleAfterMs` (listener down, reload failing, feed worker
// dead), lookups fail closed (APPS_UNAVAILABLE → 503) rather than keep honouring credentials that may have been
// revoked.
// A credential the view does not know may have been committed an instant ago (a key shown to its user, used at
// once): a miss waits for the feed to catch up — one round trip on the LISTEN connection, or one message round
// trip to the SQLite feed's worker — and looks again. Concurrent misses share that wait (a coalesced barrier),
// so a flood of unknown credentials costs one barrier at a time and leaves nothing behind.
import { hashApiKey } from '@portico/apikeys/keys';
import { createCoalescedBarrier } from '@portico/async';
import { fail, ok, type Result } from '../errors.ts';
import type { AppEntry } from './app-entries.ts';
import type { AppsFeedHandlers, AppsFeedSource } from './apps-feed.ts';
import type { AppCredential, AppCredentialLookup, AppGrant } from './lookup.ts';

export interface CredentialViewOptions {
  /** Fail closed once changes could not be followed for this long (default 1000 ms). */
  staleAfterMs?: number;
  /** SQLite: how often to check for other connections' commits (default 100 ms). */
  pollMs?: number;
  /** Longest a lookup of an unknown credential waits for the feed to catch up (default 1000 ms). */
  missWaitMs?: number;
  now?: () => number;
  onError?: (err: Error) => void;
  /**
   * Where changes come from; by default the view's own feed on `location` (its own LISTEN connection, or its own
   * SQLite worker thread). A gateway worker of `portico up --workers N` passes relayedAppsFeed(process) to follow
   * the one feed the primary runs (startAppsFeedRelay); `location` is then unused.
   */
  feed?: AppsFeedSource;
}

export interface CredentialView extends AppCredentialLookup {
  close(): Promise<void>;
}

export async function openCredentialView(location: string, opts: CredentialViewOptions = {}): Promise<CredentialView> {
  const staleAfterMs = opts.staleAfterMs ?? 1000;
  const missWaitMs = opts.missWaitMs ?? 1000;
  const now = opts.now ?? (() => performance.now());
  const onError = opts.onError ?? (() => undefined);
  const apps = new Map<string, AppEntry>();
  const byKey = new Map<string, AppEntry>();
  const byClient = new Map<string, AppEntry>();
  let closed = false;
  /** When the view stopped following changes (null: it follows them). */
  let lostSince: number | null = null;

  const remove = (id: string) => {
    const old = apps.get(id);
    if (!old) return;
    apps.delete(id);
    for (const h of old.keyHashes) byKey.delete(h);
    for (const c of old.clientIds) byClient.delete(c);
  };
  const put = (e: AppEntry) => {
    remove(e.appId);
    apps.set(e.appId, e);
    for (const h of e.keyHashes) byKey.set(h, e);
    for (const c of e.clientIds) byClient.set(c, e);
  };
  const handlers: AppsFeedHandlers = {
    reset(all) {
      apps.clear();
      byKey.clear();
      byClient.clear();
      for (const e of all) put(e);
    },
    changes(changed, removed) {
      for (const id of removed) remove(id);
      for (const e of changed) put(e);
    },
    lost(err) {
      lostSince ??= now();
      onError(err);
    },
    following() {
      lostSince = null;
    },
  };
  // Its own connection(s): on SQLite, data_version only moves for commits of *other* connections.
  // The database feed (and with it the SQL client) loads only when the view follows the database itself: a gateway
  // worker follows the primary's relayed feed and loads neither (@portico/portal-apps/view).
  const feed = opts.feed ? await opts.feed(handlers) : await (await import('./database-feed.ts')).startDatabaseAppsFeed(location, handlers, opts);

  /** A feed barrier that started after the caller asked (one in flight, at most one queued behind it, shared). */
  const catchUp = createCoalescedBarrier({ name: 'portal credential view catch-up', round: () => feed.sync() });
  /** Waits for catchUp, at most missWaitMs; a failed or slow barrier leaves the answer to the view as it is. */
  async function caughtUp(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((r) => (timer = setTimeout(r, missWaitMs)));
    try {
      await Promise.race([catchUp.wait().catch((err: Error) => closed || onError(err)), bound]);
    } finally {
      clearTimeout(timer);
    }
  }
  const find = (credential: AppCredential): AppEntry | undefined =>
    'apiKey' in credential ? byKey.get(hashApiKey(credential.apiKey)) : byClient.get(credential.clientId);

  return {
    async lookup(credential: AppCredential, apiProductId: string): Promise<Result<AppGrant | null>> {
      if (lostSince !== null && now() - lostSince > staleAfterMs) {
        return fail('APPS_UNAVAILABLE', `portal credential view is not following database changes (for ${Math.round(now() - lostSince)} ms)`);
      }
      let app = find(credential);
      if (!app && !closed) {
        await caughtUp();
        app = find(credential);
      }
      if (!app) return ok(null);
      const sub = app.subscriptions.get(apiProductId);
      return ok({
        appId: app.appId,
        appName: app.appName,
        teamId: app.teamId,
        teamName: app.teamName,
        subscription: sub ? { id: sub.id, status: sub.status } : null,
        rateLimit: sub?.rateLimit ?? app.rateLimit,
        customMetadata: sub && Object.keys(sub.custom).length ? { ...app.custom, ...sub.custom } : app.custom,
      });
    },
    async close() {
      closed = true;
      catchUp.close();
      await feed.close();
    },
  };
}
