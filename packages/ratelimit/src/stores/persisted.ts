// The embedded default: counters counted in memory (exact, no I/O per request) and written to a node:sqlite
// file in batches — one transaction per `flushMs` (default 1 s) with the counters that changed — so they
// survive a restart. Accuracy trade-off (docs/data-plane.md): a crash loses at most the last `flushMs` of hits
// (a client may get that many extra requests after a restart), and the file is persistence, not coordination:
// processes that each open it count separately. `portico up --workers N` therefore keeps one such store in the
// primary process and lets the workers count through it (stores/remote.ts); several hosts use Redis.
import { DatabaseSync } from 'node:sqlite';
import { RateLimitError } from '../errors.ts';
import { CounterMap } from './counter-map.ts';
import type { CounterIncrement, CounterStore } from './types.ts';

export interface PersistedCounterStoreOptions {
  path: string;
  flushMs?: number;
  now?: () => number;
}

export function createPersistedCounterStore(opts: PersistedCounterStoreOptions): CounterStore & { flush(): void } {
  const now = opts.now ?? Date.now;
  const db = new DatabaseSync(opts.path);
  // Same table as the per-request sqlite store, so counts carry over between the two.
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;
    CREATE TABLE IF NOT EXISTS rl_counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS rl_counters_expiry ON rl_counters (expires_at);`);
  const map = new CounterMap();
  for (const row of db.prepare('SELECT key, count, expires_at FROM rl_counters WHERE expires_at > ?').all(now()) as { key: string; count: number; expires_at: number }[]) {
    map.counters.set(row.key, { count: Number(row.count), expiresAt: Number(row.expires_at) });
  }
  const upsert = db.prepare('INSERT INTO rl_counters (key, count, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET count = excluded.count, expires_at = excluded.expires_at');
  const purge = db.prepare('DELETE FROM rl_counters WHERE expires_at <= ?');
  const dirty = new Set<string>();
  let closed = false;
  let failure: Error | null = null;

  const flush = () => {
    const t = now();
    map.sweep(t);
    if (dirty.size === 0) return;
    try {
      db.exec('BEGIN');
      for (const key of dirty) {
        const c = map.counters.get(key);
        if (c) upsert.run(key, c.count, c.expiresAt);
      }
      purge.run(t);
      db.exec('COMMIT');
      dirty.clear();
      failure = null;
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      failure = err as Error; // kept dirty: written with the next batch; counting goes on in memory
    }
  };
  const timer = setInterval(flush, opts.flushMs ?? 1000);
  timer.unref();

  return {
    kind: 'sqlite',
    async incrementAll(items: readonly CounterIncrement[]): Promise<number[]> {
      if (closed) throw new RateLimitError('RL_STORE_CLOSED', 'counter store is closed');
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
      flush();
      db.close();
      if (failure) throw new RateLimitError('RL_STORE_UNAVAILABLE', `counters not persisted to ${opts.path}: ${failure.message}`);
    },
  };
}
