// The embedded key feed: a worker thread (sqlite-feed-worker.ts) follows the sqlite file's api_key_changes log
// every `pollMs` (default 100 ms) and posts what changed; this side hands it to the index. So the gateway's
// event loop never reads the file — not for a hit, not for a miss, not for the regular poll. sync() asks the
// worker to poll now and resolves once that poll's changes have been applied (messages arrive in order);
// overlapping calls share one request.
import { Worker } from 'node:worker_threads';
import type { KeyFeed } from './feed.ts';
import type { FeedRequest, FeedWorkerMessage } from './sqlite-feed-worker.ts';

interface Waiter {
  resolve: () => void;
  reject: (e: Error) => void;
}

export function createSqliteKeyFeed(opts: { path: string; pollMs?: number }): KeyFeed {
  let worker: Worker | null = null;
  let nextId = 1;
  let inFlight: Waiter[] | null = null;
  let waiting: Waiter[] = [];
  const request = () => {
    inFlight = waiting;
    waiting = [];
    worker!.postMessage({ t: 'sync', id: nextId++ } satisfies FeedRequest);
  };
  const failAll = (err: Error) => {
    for (const w of [...(inFlight ?? []), ...waiting]) w.reject(err);
    inFlight = null;
    waiting = [];
  };

  return {
    start(h) {
      return new Promise<void>((resolve, reject) => {
        const w = new Worker(new URL('./sqlite-feed-worker.ts', import.meta.url), { workerData: { path: opts.path, pollMs: opts.pollMs ?? 100 } });
        worker = w;
        w.unref();
        let started = false;
        w.on('message', (m: FeedWorkerMessage) => {
          switch (m.t) {
            case 'reset':
              h.reset(m.all);
              if (!started) (started = true), resolve();
              break;
            case 'changes':
              for (const [hash, record] of m.list) h.change(hash, record);
              break;
            case 'lost':
              h.lost(m.reason);
              break;
            case 'synced': {
              const round = inFlight ?? [];
              inFlight = null;
              for (const x of round) x.resolve();
              if (waiting.length > 0) request();
              break;
            }
            case 'fatal':
              reject(new Error(m.message));
              void w.terminate();
              break;
          }
        });
        w.on('error', (err) => {
          if (!started) reject(err);
          else h.lost(`api key feed worker: ${err.message}`);
          failAll(err);
          worker = null;
        });
      });
    },
    sync() {
      if (worker === null) return Promise.reject(new Error('key feed closed'));
      return new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject });
        if (inFlight === null) request();
      });
    },
    async close() {
      const w = worker;
      worker = null;
      failAll(new Error('key feed closed'));
      if (w) await w.terminate();
    },
  };
}
