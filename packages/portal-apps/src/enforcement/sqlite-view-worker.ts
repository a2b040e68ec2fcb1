// The SQLite credential view's reader, in a worker thread (sqlite-view-feed.ts drives it): it owns the view's
// connection, polls `PRAGMA data_version` every `pollMs` (it moves only when another connection committed) and,
// when it moved, reads every app (app-entries.ts) and posts only the apps that differ from what it posted before,
// plus the ids that are gone. So the gateway's event loop never reads the file, and a commit costs it the
// structured clone of the apps that changed, not a read of the whole table.
// Apps go out at most APPS_PER_MESSAGE to a message, and the next message only once the main thread acknowledged
// the last one: a MessagePort hands every queued message over in one event-loop turn, so without the wait a change
// to every app (or the start) would block the loop for all of them at once. Each app is replaced whole: a lookup
// never sees half an app.
// Messages out, in order: reset + changes… + ready (every app, at start), changes (apps that changed, ids gone),
// lost (a poll or reload failed), following (a poll succeeded after a failure), synced (answers a sync request
// after the poll it triggered, so after that poll's changes), fatal (start failed).
import { sql } from 'kysely';
import { parentPort, workerData } from 'node:worker_threads';
import { openPortalAppsDb, type PortalAppsDb } from '../storage/open.ts';
import { loadApps, type AppEntry } from './app-entries.ts';

export type ViewWorkerMessage =
  | { t: 'reset'; apps: AppEntry[] }
  | { t: 'changes'; put: AppEntry[]; removed: string[] }
  | { t: 'ready' }
  | { t: 'lost'; message: string }
  | { t: 'following' }
  | { t: 'synced'; id: number }
  | { t: 'fatal'; message: string };
/** sync: poll now and answer; applied: the main thread has applied one reset or changes message. */
export type ViewWorkerRequest = { t: 'sync'; id: number } | { t: 'applied' };
export interface ViewWorkerData {
  location: string;
  pollMs: number;
}

const { location, pollMs } = workerData as ViewWorkerData;
const post = (m: ViewWorkerMessage) => parentPort!.postMessage(m);

/** A few ms of the main thread's time each (structured clone in, three map updates per app). */
const APPS_PER_MESSAGE = 500;
/** Resolves once the main thread has applied the last apps message posted (null: it has). */
let unapplied: PromiseWithResolvers<void> | null = null;
async function postApps(m: ViewWorkerMessage): Promise<void> {
  await unapplied?.promise;
  unapplied = Promise.withResolvers<void>();
  post(m);
}
/** Posts `first` with the first slice of `apps`, the rest as changes, one message applied at a time. */
async function postSlices(apps: AppEntry[], first: (slice: AppEntry[]) => ViewWorkerMessage): Promise<void> {
  await postApps(first(apps.slice(0, APPS_PER_MESSAGE)));
  for (let i = APPS_PER_MESSAGE; i < apps.length; i += APPS_PER_MESSAGE) await postApps({ t: 'changes', put: apps.slice(i, i + APPS_PER_MESSAGE), removed: [] });
}

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
  if (put.length > 0 || removed.length > 0) await postSlices(put, (slice) => ({ t: 'changes', put: slice, removed }));
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

/** Opens the file and posts every app; null when it cannot (fatal posted). */
async function start(): Promise<PortalAppsDb | null> {
  try {
    const store = await openPortalAppsDb(location);
    version = await readVersion(store);
    const apps = await loadApps(store, null);
    for (const e of apps) posted.set(e.appId, fingerprint(e));
    await postSlices(apps, (slice) => ({ t: 'reset', apps: slice }));
    post({ t: 'ready' });
    return store;
  } catch (err) {
    post({ t: 'fatal', message: `portal credential view (${location}): ${(err as Error).message}` });
    return null;
  }
}

const started = start();
// Polls run one at a time: a sync request's poll starts after the one in progress, so it reads data_version after
// every commit made before the request was sent.
let polling: Promise<unknown> = started;
const pollNext = () =>
  (polling = polling.then(async () => {
    const store = await started;
    if (store) await poll(store);
  }));
parentPort!.on('message', (m: ViewWorkerRequest) => {
  if (m.t === 'applied') unapplied?.resolve(), (unapplied = null);
  else void pollNext().then(() => post({ t: 'synced', id: m.id }));
});
const tick = () => void pollNext().then(() => setTimeout(tick, pollMs));
setTimeout(tick, pollMs);
