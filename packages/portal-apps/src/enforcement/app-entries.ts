// What the gateway's credential view holds of one app — names, team, limits, metadata, key hashes, OAuth client
// ids and subscriptions by API product — and the reads that build it from the portal database. Used on the event
// loop for PostgreSQL (an async driver) and in the SQLite view's worker thread (sqlite-view-worker.ts).
import type { Kysely } from 'kysely';
import { subscriptionStatus, type RateLimit, type RateLimitUnit, type SubscriptionStatus } from '../model/types.ts';
import type { PortalAppsDb } from '../storage/open.ts';
import type { PortalAppsDatabase } from '../storage/schema.ts';

export interface Grant {
  id: string;
  status: SubscriptionStatus;
  rateLimit: RateLimit | null;
  custom: Record<string, string>;
}

export interface AppEntry {
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
export async function loadApps(store: PortalAppsDb, ids: string[] | null): Promise<AppEntry[]> {
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
