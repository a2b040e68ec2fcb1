// Embedded counters on node:sqlite (the default store): a file in the state directory, shared by every
// process on the host through SQLite's own locking (WAL + busy timeout), so `portico up` and extra gateway
// processes agree on counts without Redis. The upsert + RETURNING makes each increment one atomic statement.
import { DatabaseSync } from 'node:sqlite';
import { RateLimitError } from '../errors.ts';
import type { CounterIncrement, CounterStore } from './types.ts';

export function createSqliteCounterStore(opts: { path: string; now?: () => number }): CounterStore {
  const now = opts.now ?? Date.now;
  const db = new DatabaseSync(opts.path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;
    CREATE TABLE IF NOT EXISTS rl_counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS rl_counters_expiry ON rl_counters (expires_at);`);
  const upsert = db.prepare(`INSERT INTO rl_counters (key, count, expires_at) VALUES (?, 1, ?)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rl_counters.expires_at <= ? THEN 1 ELSE rl_counters.count + 1 END,
      expires_at = CASE WHEN rl_counters.expires_at <= ? THEN excluded.expires_at ELSE rl_counters.expires_at END
    RETURNING count`);
  const purge = db.prepare('DELETE FROM rl_counters WHERE expires_at <= ?');
  let closed = false;
  const sweep = setInterval(() => {
    if (!closed) purge.run(now());
  }, 60_000);
  sweep.unref();

  return {
    kind: 'sqlite',
    async incrementAll(items: readonly CounterIncrement[]): Promise<number[]> {
      if (closed) throw new RateLimitError('RL_STORE_CLOSED', 'sqlite counter store is closed');
      const t = now();
      try {
        // One counter (the usual case) is one autocommit statement; several share one transaction.
        if (items.length === 1) {
          const row = upsert.get(items[0]!.key, t + items[0]!.ttlSeconds * 1000, t, t) as { count: number };
          return [Number(row.count)];
        }
        db.exec('BEGIN IMMEDIATE');
        const out = items.map(({ key, ttlSeconds }) => {
          const row = upsert.get(key, t + ttlSeconds * 1000, t, t) as { count: number };
          return Number(row.count);
        });
        db.exec('COMMIT');
        return out;
      } catch (err) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw new RateLimitError('RL_STORE_UNAVAILABLE', `sqlite counter store: ${(err as Error).message}`, { cause: err });
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      clearInterval(sweep);
      db.close();
    },
  };
}
