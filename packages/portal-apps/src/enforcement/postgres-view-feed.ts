// The PostgreSQL credential view's change feed, on the event loop (pg is an async driver: reads never block it).
// A dedicated connection LISTENs on the channel the schema's triggers notify at each commit with the changed app's
// id (migration 0002); that app is reloaded. After a lost connection it reconnects, LISTENs again, then reloads
// everything (changes made meanwhile are not lost). sync(): notifications for earlier commits arrive on the
// LISTEN connection before the answer to a query sent on it; then the queued reloads are applied.
import { CHANGES_CHANNEL } from '../storage/migrations.ts';
import { openPortalAppsDb } from '../storage/open.ts';
import { listenerClient, type PgClient } from '../storage/postgres.ts';
import { loadApps } from './app-entries.ts';
import type { AppsFeed, AppsFeedHandlers } from './apps-feed.ts';

/** The LISTEN connection's application_name: operators (and tests) find it in pg_stat_activity by it. */
const LISTENER_NAME = 'portico-credential-view';

/** Resolves after the first full load (handed to `reset`). */
export async function startPostgresAppsFeed(location: string, h: AppsFeedHandlers): Promise<AppsFeed> {
  const store = await openPortalAppsDb(location);
  let closed = false;
  /** App ids to reload ('*' = everything). */
  const pending = new Set<string>();
  let draining: Promise<void> | null = null;
  let retry: NodeJS.Timeout | null = null;

  async function reload(ids: string[] | null): Promise<void> {
    const loaded = await loadApps(store, ids);
    if (ids === null) {
      h.reset(loaded);
    } else {
      const found = new Set(loaded.map((e) => e.appId));
      h.changes(loaded, ids.filter((id) => !found.has(id)));
    }
  }

  /** Applies queued changes one batch at a time; a failed reload is retried. */
  function drain(): Promise<void> {
    draining ??= (async () => {
      while (pending.size && !closed) {
        const batch = [...pending];
        pending.clear();
        try {
          await reload(batch.includes('*') ? null : batch);
          if (!listenerDown) h.following();
        } catch (err) {
          for (const id of batch) pending.add(id);
          h.lost(err as Error);
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

  let listenerDown = false;
  let listener: PgClient | null = null;
  async function listen(): Promise<void> {
    const client = listenerClient(location, LISTENER_NAME);
    const lost = (err?: Error) => {
      if (listener !== client || closed) return;
      listener = null;
      listenerDown = true;
      h.lost(err ?? new Error('portal credential view: the LISTEN connection ended'));
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
      h.lost(err as Error);
      retry = setTimeout(() => void reconnect(), 1000);
    }
  }

  await listen(); // before the first load: nothing committed in between is missed
  await reload(null);
  loaded = true;
  if (pending.size) void drain();

  return {
    async sync() {
      await listener?.query('SELECT 1');
      while (draining) await draining;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const l = listener;
      listener = null;
      await l?.end().catch(() => undefined);
      while (draining) await draining.catch(() => undefined);
      await store.close();
    },
  };
}
