// The gateway's answer to "whose credential is this, and may it call this API product?" from memory: an index of
// every app's key hashes, OAuth client ids, subscriptions and metadata, loaded once and kept current by change
// notifications, so portalAuth never waits on the database on the request path (architecture: the hot path never
// waits on the control plane or a disk).
//   - PostgreSQL: a dedicated connection LISTENs on the channel the schema's triggers notify at each commit with
//     the changed app's id (migration 0002); that app is reloaded. After a lost connection it reconnects,
//     LISTENs again, then reloads everything (changes made meanwhile are not lost).
//   - SQLite (one host): the view's own connection polls PRAGMA data_version, which changes when any other
//     connection (the portal server, another gateway process) commits; then everything is reloaded.
// A change reaches the view within one notification round trip or poll period plus one reload (well under 1 s).
// If the view cannot follow changes for longer than `staleAfterMs` (listener down, reload failing), lookups fail
// closed (APPS_UNAVAILABLE → 503) rather than keep honouring credentials that may have been revoked.
// A credential the view does not know may have been committed an instant ago (a key shown to its user, used at
// once): a miss waits for the feed to catch up — one round trip on the LISTEN connection, or one data_version read —
// and looks again. Concurrent misses share that wait, so a flood of unknown credentials costs one barrier at a time
// and leaves nothing behind.
import { hashApiKey } from '@portico/apikeys';
import { createCoalescedBarrier } from '@portico/async';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { fail, ok, type Result } from '../errors.ts';
import { subscriptionStatus, type RateLimit, type RateLimitUnit, type SubscriptionStatus } from '../model/types.ts';
import { CHANGES_CHANNEL } from '../storage/migrations.ts';
import { openPortalAppsDb, type PortalAppsDb } from '../storage/open.ts';
import type { PortalAppsDatabase } from '../storage/schema.ts';
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
}

export interface CredentialView extends AppCredentialLookup {
  close(): Promise<void>;
}

interface Grant {
  id: string;
  status: SubscriptionStatus;
  rateLimit: RateLimit | null;
  custom: Record<string, string>;
}

interface AppEntry {
  appId: string;
  appName: string;
  teamId: string;
  teamName: string;
  rateLimit: RateLimit | null;
  custom: Record<string, string>;
  keyHashes: string[];
  clientIds: string[];
  /** By API product id. */
  subscriptions: Map<string, Grant>;
}

const limitOf = (requests: string | null, unit: string | null): RateLimit | null =>
  requests !== null && unit !== null && unit !== 'UNKNOWN' ? { requestsPerUnit: requests, unit: unit as RateLimitUnit } : null;
const custom = (json: string | null): Record<string, string> => (json ? (JSON.parse(json) as Record<string, string>) : {});

type Reader = Kysely<PortalAppsDatabase>;

/** The LISTEN connection's application_name: operators (and tests) find it in pg_stat_activity by it. */
const LISTENER_NAME = 'portico-credential-view';

/** The apps with these ids (all apps when null), with everything the gateway needs of them. */
async function readApps(db: Reader, ids: string[] | null) {
  const some = ids ?? [];
  let apps = db.selectFrom('apps').innerJoin('teams', 'teams.id', 'apps.team_id').leftJoin('metadata as m', 'm.owner_id', 'apps.id')
    .select(['apps.id', 'apps.name', 'teams.id as teamId', 'teams.name as teamName', 'm.custom_metadata', 'm.rate_limit_requests', 'm.rate_limit_unit']);
  let keys = db.selectFrom('app_api_keys').select(['app_id', 'key_hash']);
  let clients = db.selectFrom('oauth_credentials').select(['app_id', 'idp_client_id']);
  let subs = db.selectFrom('subscriptions as s').leftJoin('metadata as m', 'm.owner_id', 's.id')
    .select(['s.id', 's.app_id', 's.api_product_id', 's.approved', 's.rejected', 'm.custom_metadata', 'm.rate_limit_requests', 'm.rate_limit_unit']);
  if (ids !== null) {
    apps = apps.where('apps.id', 'in', some);
    keys = keys.where('app_id', 'in', some);
    clients = clients.where('app_id', 'in', some);
    subs = subs.where('s.app_id', 'in', some);
  }
  return { apps: await apps.execute(), keys: await keys.execute(), clients: await clients.execute(), subs: await subs.execute() };
}

/**
 * PostgreSQL reads the four tables in one REPEATABLE READ snapshot. SQLite reads them one after the other (a
 * transaction there would take the write lock); a commit landing in between moves data_version, so the next
 * poll reloads again and the view converges.
 */
async function loadApps(store: PortalAppsDb, ids: string[] | null): Promise<AppEntry[]> {
  if (ids !== null && ids.length === 0) return [];
  const { apps, keys, clients, subs } =
    store.kind === 'postgres'
      ? await store.db.transaction().setIsolationLevel('repeatable read').execute((trx) => readApps(trx, ids))
      : await readApps(store.db, ids);
  const byId = new Map<string, AppEntry>();
  for (const a of apps) {
    byId.set(a.id, {
      appId: a.id, appName: a.name, teamId: a.teamId, teamName: a.teamName,
      rateLimit: limitOf(a.rate_limit_requests, a.rate_limit_unit), custom: custom(a.custom_metadata),
      keyHashes: [], clientIds: [], subscriptions: new Map(),
    });
  }
  for (const k of keys) byId.get(k.app_id)?.keyHashes.push(k.key_hash);
  for (const c of clients) byId.get(c.app_id)?.clientIds.push(c.idp_client_id);
  for (const s of subs) {
    byId.get(s.app_id)?.subscriptions.set(s.api_product_id, {
      id: s.id,
      status: subscriptionStatus({ approved: s.approved === 1, rejected: s.rejected === 1 }),
      rateLimit: limitOf(s.rate_limit_requests, s.rate_limit_unit),
      custom: custom(s.custom_metadata),
    });
  }
  return [...byId.values()];
}

export async function openCredentialView(location: string, opts: CredentialViewOptions = {}): Promise<CredentialView> {
  const staleAfterMs = opts.staleAfterMs ?? 1000;
  const now = opts.now ?? (() => performance.now());
  const onError = opts.onError ?? (() => undefined);
  // Its own connection(s): on SQLite, data_version only moves for commits of *other* connections.
  const store: PortalAppsDb = await openPortalAppsDb(location);
  const apps = new Map<string, AppEntry>();
  const byKey = new Map<string, AppEntry>();
  const byClient = new Map<string, AppEntry>();
  let closed = false;
  /** When the view stopped following changes (null: it follows them). */
  let lostSince: number | null = null;
  const pending = new Set<string>();
  let draining: Promise<void> | null = null;
  let retry: NodeJS.Timeout | null = null;

  const remove = (id: string) => {
    const old = apps.get(id);
    if (!old) return;
    apps.delete(id);
    for (const h of old.keyHashes) byKey.delete(h);
    for (const c of old.clientIds) byClient.delete(c);
  };
  const put = (e: AppEntry) => {
    apps.set(e.appId, e);
    for (const h of e.keyHashes) byKey.set(h, e);
    for (const c of e.clientIds) byClient.set(c, e);
  };

  async function reload(ids: string[] | null): Promise<void> {
    const loaded = await loadApps(store, ids);
    if (ids === null) {
      apps.clear();
      byKey.clear();
      byClient.clear();
    } else {
      for (const id of ids) remove(id);
    }
    for (const e of loaded) put(e);
  }

  /** Applies queued changes one batch at a time ('*' = everything); a failed reload is retried. */
  function drain(): Promise<void> {
    draining ??= (async () => {
      while (pending.size && !closed) {
        const batch = [...pending];
        pending.clear();
        try {
          await reload(batch.includes('*') ? null : batch);
          if (!listenerDown) lostSince = null;
        } catch (err) {
          for (const id of batch) pending.add(id);
          lostSince ??= now();
          onError(err as Error);
          await new Promise<void>((r) => (retry = setTimeout(r, 200)));
        }
      }
    })().finally(() => {
      draining = null;
      if (pending.size && !closed) void drain(); // queued between the loop's last check and here
    });
    return draining;
  }
  /** Until the first full load is in, changes only queue: a reload racing it could be overwritten by older rows. */
  let loaded = false;
  const changed = (id: string) => {
    pending.add(id);
    if (loaded) void drain();
  };

  // ---- change feeds ----
  let listenerDown = false;
  let listener: pg.Client | null = null;
  let poll: NodeJS.Timeout | null = null;

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: location, connectionTimeoutMillis: 5000, application_name: LISTENER_NAME });
    const lost = (err?: Error) => {
      if (listener !== client || closed) return;
      listener = null;
      listenerDown = true;
      lostSince ??= now();
      if (err) onError(err);
      client.end().catch(() => undefined);
      retry = setTimeout(() => void reconnect(), 200);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => changed(n.payload ?? '*'));
    listener = client;
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
  }
  async function reconnect(): Promise<void> {
    if (closed) return;
    try {
      await listen();
      listenerDown = false;
      changed('*'); // whatever changed while no one listened
    } catch (err) {
      onError(err as Error);
      retry = setTimeout(() => void reconnect(), 1000);
    }
  }

  // SQLite: data_version as last read; a different value means another connection committed since.
  let version = -1;
  const readVersion = async () => Number((await sql<{ data_version: number }>`PRAGMA data_version`.execute(store.db)).rows[0]!.data_version);
  /** Reads data_version and queues a full reload when it moved. */
  async function versionMoved(): Promise<boolean> {
    const v = await readVersion();
    if (v === version) return false;
    version = v;
    changed('*');
    return true;
  }

  /**
   * Everything committed before this call is in the view once it resolves: on PostgreSQL, notifications for
   * earlier commits arrive on the LISTEN connection before the answer to a query sent on it; on SQLite,
   * data_version covers them. Then the queued reloads are applied.
   */
  async function barrier(): Promise<void> {
    if (store.kind === 'postgres') await listener?.query('SELECT 1');
    else await versionMoved();
    while (draining) await draining;
  }
  /** A barrier that started after the caller asked (one in flight, at most one queued behind it, shared). */
  const catchUp = createCoalescedBarrier({ name: 'portal credential view catch-up', round: barrier });
  const missWaitMs = opts.missWaitMs ?? 1000;
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

  if (store.kind === 'postgres') {
    await listen(); // before the first load: nothing committed in between is missed
  } else {
    version = await readVersion();
    const tick = async () => {
      try {
        if (!(await versionMoved())) {
          if (!draining && pending.size === 0) {
            lostSince = null; // data_version covers every commit since the last good read: nothing was missed
          }
        }
      } catch (err) {
        lostSince ??= now();
        onError(err as Error);
      }
      if (!closed) poll = setTimeout(() => void tick(), opts.pollMs ?? 100);
    };
    poll = setTimeout(() => void tick(), opts.pollMs ?? 100);
  }
  await reload(null);
  loaded = true;
  if (pending.size) void drain();

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
      if (poll) clearTimeout(poll);
      if (retry) clearTimeout(retry);
      const l = listener;
      listener = null;
      await l?.end().catch(() => undefined);
      while (draining) await draining.catch(() => undefined);
      await store.close();
    },
  };
}
