// The embedded key feed: a worker thread (sqlite-feed-worker.ts) follows the sqlite file's api_key_changes log
// every `pollMs` (default 100 ms) and posts what changed; this side hands it to the index. So the gateway's
// event loop never reads the file — not for a hit, not for a miss, not for the regular poll. sync() asks the
// worker to poll now and resolves once that poll's changes have been applied (messages arrive in order);
// overlapping calls share one request (a coalesced barrier).
import { Worker } from 'node:worker_threads';
import { createCoalescedBarrier } from '@portico/async';
import type { KeyFeed } from './feed.ts';
import type { FeedRequest, FeedWorkerMessage } from './sqlite-feed-worker.ts';

export function createSqliteKeyFeed(opts: { path: string; pollMs?: number }): KeyFeed {
  let worker: Worker | null = null;
  let nextId = 1;
  /** The sync request the worker has not answered yet (the barrier keeps at most one in flight). */
  let asked: { id: number; answered: () => void } | null = null;
  const syncs = createCoalescedBarrier({
    name: 'sqlite key feed sync',
    round: () =>
      new Promise<void>((answered) => {
        if (worker === null) throw new Error('sqlite key feed: not started');
        asked = { id: nextId++, answered };
        worker.postMessage({ t: 'sync', id: asked.id } satisfies FeedRequest);
      }),
  });

  return {
    start(h) {
      return new Promise<void>((resolve, reject) => {
        const w = new Worker(new URL('./sqlite-feed-worker.ts', import.meta.url), { workerData: { path: opts.path, pollMs: opts.pollMs ?? 100 } });
        worker = w;
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
            case 'synced':
              if (asked?.id === m.id) asked.answered();
              asked = null;
              break;
            case 'fatal':
              reject(new Error(m.message));
              void w.terminate();
              break;
          }
        });
        w.on('error', (err) => {
          if (!started) reject(err);
          else h.lost(`api key feed worker: ${err.message}`);
          syncs.close(err);
          worker = null;
        });
        // Not unref'd: the feed's start and sync wait on this thread's messages, and an unref'd thread would let an
        // otherwise idle process exit under them (a 'message' listener refs a Worker's port again anyway). close()
        // ends the thread; a feed left open keeps its process alive, like an open server.
      });
    },
    sync() {
      return syncs.wait();
    },
    async close() {
      const w = worker;
      worker = null;
      syncs.close();
      if (w) await w.terminate();
    },
  };
}
