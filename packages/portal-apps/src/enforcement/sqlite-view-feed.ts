// The SQLite credential view's change feed, main-thread side: a worker thread (sqlite-view-worker.ts) owns the
// connection, polls and reloads, and posts the apps that changed; this side hands them to the view. So the
// gateway's event loop never reads the portal file — not for the regular poll, not for a miss. sync() asks the
// worker to poll now and resolves once that poll's changes have been handed over (messages arrive in order): the
// view's miss barrier is this message round trip. A worker that dies is replaced (after 500 ms); until
// its replacement posts every app again the view counts as not following changes.
import { Worker } from 'node:worker_threads';
import type { AppsFeed, AppsFeedHandlers } from './apps-feed.ts';
import type { ViewWorkerData, ViewWorkerMessage, ViewWorkerRequest } from './sqlite-view-worker.ts';

const RESPAWN_AFTER_MS = 500;

/** Resolves once the worker has posted every app; rejects when the file cannot be opened or read at all. */
export function startSqliteAppsFeed(data: ViewWorkerData, h: AppsFeedHandlers): Promise<AppsFeed> {
  let worker: Worker | null = null;
  let closed = false;
  let respawn: NodeJS.Timeout | null = null;
  let nextId = 1;
  /** Sync requests the worker has not answered yet, by id. */
  const asked = new Map<number, { answered: () => void; failed: (err: Error) => void }>();
  const failAsked = (err: Error) => {
    for (const a of asked.values()) a.failed(err);
    asked.clear();
  };
  const feed: AppsFeed = {
    sync: () =>
      new Promise<void>((answered, failed) => {
        if (worker === null) throw new Error('portal credential view: its feed worker is not running');
        const id = nextId++;
        asked.set(id, { answered, failed });
        worker.postMessage({ t: 'sync', id } satisfies ViewWorkerRequest);
      }),
    async close() {
      closed = true;
      if (respawn) clearTimeout(respawn);
      failAsked(new Error('portal credential view: closed'));
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };

  return new Promise<AppsFeed>((resolve, reject) => {
    let started = false;
    const spawn = () => {
      respawn = null;
      if (closed) return;
      const w = new Worker(new URL('./sqlite-view-worker.ts', import.meta.url), { workerData: data satisfies ViewWorkerData });
      worker = w;
      w.on('message', (m: ViewWorkerMessage) => {
        switch (m.t) {
          case 'reset':
            h.reset(m.apps);
            w.postMessage({ t: 'applied' } satisfies ViewWorkerRequest);
            break;
          case 'ready':
            h.following();
            if (!started) (started = true), resolve(feed);
            break;
          case 'changes':
            h.changes(m.put, m.removed);
            w.postMessage({ t: 'applied' } satisfies ViewWorkerRequest);
            break;
          case 'lost':
            h.lost(new Error(m.message));
            break;
          case 'following':
            h.following();
            break;
          case 'synced':
            asked.get(m.id)?.answered();
            asked.delete(m.id);
            break;
          case 'fatal':
            if (!started) reject(new Error(m.message));
            void w.terminate();
            break;
        }
      });
      const died = (err: Error) => {
        if (worker !== w || closed) return;
        worker = null;
        failAsked(err);
        if (!started) {
          reject(err);
          return;
        }
        h.lost(err);
        respawn = setTimeout(spawn, RESPAWN_AFTER_MS).unref();
      };
      w.on('error', died);
      w.on('exit', (code) => died(new Error(`portal credential view: its feed worker exited (code ${code})`)));
      // Not unref'd: the feed's start and sync wait on this thread's messages, and an unref'd thread would let an
      // otherwise idle process exit under them (a 'message' listener refs a Worker's port again anyway). close()
      // ends the thread; a feed left open keeps its process alive, like an open server.
    };
    spawn();
  });
}
