// The SQLite credential view's reader, in a worker thread (sqlite-view-feed.ts drives it): it owns the view's
// connection, polls `PRAGMA data_version` every `pollMs` (it moves only when another connection committed) and,
// when it moved, reads every app (app-entries.ts) and posts only the apps that differ from what it posted before,
// plus the ids that are gone. So the gateway's event loop never reads the file, and a commit costs it the
// structured-clone of the apps that changed, not a read of the whole table.
// Messages out, in order: reset (every app, once at start), changes, lost (a poll or reload failed), following
// (a poll succeeded after a failure), synced (answers a sync request after the poll it triggered), fatal (start).
import { sql } from 'kysely';
import { parentPort, workerData } from 'node:worker_threads';
import { openPortalAppsDb, type PortalAppsDb } from '../storage/open.ts';
import { loadApps, type AppEntry } from './app-entries.ts';

export type ViewWorkerMessage =
  | { t: 'reset'; apps: AppEntry[] }
  | { t: 'changes'; put: AppEntry[]; removed: string[] }
  | { t: 'lost'; message: string }
  | { t: 'following' }
  | { t: 'synced'; id: number }
  | { t: 'fatal'; message: string };
export type ViewWorkerRequest = { t: 'sync'; id: number };
export interface ViewWorkerData {
  location: string;
  pollMs: number;
}

const { location, pollMs } = workerData as ViewWorkerData;
const post = (m: ViewWorkerMessage) => parentPort!.postMessage(m);

/** What the main thread holds, as JSON by app id: a reload posts only the apps whose JSON differs. */
const posted = new Map<string, string>();
const fingerprint = (e: AppEntry) => JSON.stringify(e, (_k, v: unknown) => (v instanceof Map ? [...v] : v));
/** data_version as last read (-1: unknown, reload at the next poll); failing: the last poll failed. */
let version = -1;
let failing = false;

const readVersion = async (store: PortalAppsDb) =>
  Number((await sql<{ data_version: number }>`PRAGMA data_version`.execute(store.db)).rows[0]!.data_version);

/**
 * Reads every app and posts what differs from what was posted. The four tables are read one after the other (a
 * transaction would take the write lock); a commit landing in between moves data_version, so the next poll
 * reloads again and the view converges.
 */
async function reload(store: PortalAppsDb): Promise<void> {
  const apps = await loadApps(store, null);
  const put: AppEntry[] = [];
  const seen = new Set<string>();
  for (const e of apps) {
    seen.add(e.appId);
    const f = fingerprint(e);
    if (posted.get(e.appId) === f) continue;
    posted.set(e.appId, f);
    put.push(e);
  }
  const removed = [...posted.keys()].filter((id) => !seen.has(id));
  for (const id of removed) posted.delete(id);
  if (put.length > 0 || removed.length > 0) post({ t: 'changes', put, removed });
}

async function poll(store: PortalAppsDb): Promise<void> {
  try {
    const v = await readVersion(store);
    if (v !== version) {
      version = v;
      try {
        await reload(store);
      } catch (err) {
        version = -1; // retried at the next poll
        throw err;
      }
    }
    if (failing) {
      failing = false;
      post({ t: 'following' });
    }
  } catch (err) {
    failing = true;
    post({ t: 'lost', message: `portal credential view (${store.description}): ${(err as Error).message}` });
  }
}

async function main(): Promise<void> {
  let store: PortalAppsDb;
  try {
    store = await openPortalAppsDb(location);
    version = await readVersion(store);
    const apps = await loadApps(store, null);
    for (const e of apps) posted.set(e.appId, fingerprint(e));
    post({ t: 'reset', apps });
  } catch (err) {
    post({ t: 'fatal', message: `portal credential view (${location}): ${(err as Error).message}` });
    return;
  }
  // Polls run one at a time: a sync request's poll starts after the one in progress, so it reads data_version
  // after every commit made before the request was sent.
  let polling = Promise.resolve();
  const pollNext = () => (polling = polling.then(() => poll(store)));
  const tick = () => void pollNext().then(() => setTimeout(tick, pollMs));
  setTimeout(tick, pollMs);
  parentPort!.on('message', (m: ViewWorkerRequest) => {
    if (m.t === 'sync') void pollNext().then(() => post({ t: 'synced', id: m.id }));
  });
}

await main();
