// The embedded default: counters counted in memory (exact, no I/O per request) and written to a node:sqlite
// file in batches — one transaction per `flushMs` (default 1 s) with the counters that changed — so they
// survive a restart. The writes run in a worker thread (persist-worker.ts): the event loop only copies the
// changed counters into a message, so a slow disk or a busy lock never delays a rate-limit decision.
// Accuracy trade-off (docs/data-plane.md): a crash loses at most the last `flushMs` (plus one write) of hits (a
// client may get that many extra requests after a restart), and the file is persistence, not coordination:
// processes that each open it count separately. `portico up --workers N` therefore keeps one such store in the
// primary process, in the counter service's thread, and lets the workers count through it (stores/counter-service.ts);
// several hosts use Redis.
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { RateLimitError } from '../errors.ts';
import { CounterMap } from './counter-map.ts';
import type { PersistAnswer, PersistBatch } from './persist-worker.ts';
import type { CounterIncrement, CounterStore } from './types.ts';

export interface PersistedCounterStoreOptions {
  path: string;
  flushMs?: number;
  now?: () => number;
}

export interface PersistedCounterStore extends CounterStore {
  /** Writes the counters changed so far; resolves once they are on disk (rejects when the write failed). */
  flush(): Promise<void>;
}

export function createPersistedCounterStore(opts: PersistedCounterStoreOptions): PersistedCounterStore {
  const now = opts.now ?? Date.now;
  const map = new CounterMap();
  // Schema and the counters still inside their window: read once at start, before any request is served.
  const db = new DatabaseSync(opts.path);
  try {
    // Same table as the per-request sqlite store, so counts carry over between the two.
    db.exec(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS rl_counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS rl_counters_expiry ON rl_counters (expires_at);`);
    for (const row of db.prepare('SELECT key, count, expires_at FROM rl_counters WHERE expires_at > ?').all(now()) as { key: string; count: number; expires_at: number }[]) {
      map.counters.set(row.key, { count: Number(row.count), expiresAt: Number(row.expires_at) });
    }
  } finally {
    db.close();
  }
  const writer = new Worker(new URL('./persist-worker.ts', import.meta.url), { workerData: { path: opts.path } });
  const dirty = new Set<string>();
  const answers = new Map<number, (error: string | null) => void>();
  let nextId = 1;
  let writing: Promise<void> | null = null;
  let closed = false;
  let failure: Error | null = null;
  writer.on('message', (a: PersistAnswer) => {
    answers.get(a.id)?.(a.error);
    answers.delete(a.id);
  });
  writer.on('error', (err) => {
    failure = err;
    for (const settle of answers.values()) settle(err.message);
    answers.clear();
  });
  // Not unref'd: a batch being written must keep the process alive until it lands (and a 'message' listener
  // refs a Worker's port again anyway). close() writes the last batch and ends the thread.

  /** One batch at a time; the counters changed while it is written go with the next one. */
  const flush = async (): Promise<void> => {
    while (writing) await writing.catch(() => {});
    const t = now();
    map.sweep(t);
    const rows: PersistBatch['rows'] = [];
    for (const key of dirty) {
      const c = map.counters.get(key);
      if (c) rows.push([key, c.count, c.expiresAt]);
    }
    const keys = [...dirty];
    dirty.clear();
    const id = nextId++;
    writing = new Promise<void>((resolve, reject) => {
      answers.set(id, (error) => {
        if (error === null) {
          failure = null;
          resolve();
          return;
        }
        for (const k of keys) dirty.add(k); // written with the next batch; counting goes on in memory
        failure = new Error(error);
        reject(new RateLimitError('RL_STORE_UNAVAILABLE', `counters not persisted to ${opts.path}: ${error}`));
      });
      writer.postMessage({ id, rows, purgeBefore: t } satisfies PersistBatch);
    }).finally(() => {
      writing = null;
    });
    return writing;
  };
  const timer = setInterval(() => {
    if (dirty.size > 0 && writing === null) flush().catch(() => {});
  }, opts.flushMs ?? 1000);
  timer.unref();

  return {
    kind: 'sqlite',
    incrementAll(items: readonly CounterIncrement[]): number[] | Promise<number[]> {
      if (closed) return Promise.reject(new RateLimitError('RL_STORE_CLOSED', 'counter store is closed'));
      const t = now();
      return items.map(({ key, ttlSeconds }) => {
        dirty.add(key);
        return map.increment(key, ttlSeconds, t);
      });
    },
    flush,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      try {
        await flush();
      } catch {
        /* reported below */
      } finally {
        await writer.terminate();
      }
      if (failure) throw new RateLimitError('RL_STORE_UNAVAILABLE', `counters not persisted to ${opts.path}: ${(failure as Error).message}`);
    },
  };
}
