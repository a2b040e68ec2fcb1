// The persisted counter store's writer (stores/persisted.ts), in a worker thread: it owns the sqlite connection
// and writes each batch of changed counters in one transaction, so neither the write nor its fsync ever runs on
// the event loop that answers rate-limit checks. One message in, one answer out, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { DatabaseSync } from 'node:sqlite';

export interface PersistBatch {
  id: number;
  /** key, count, expiresAt (ms since the epoch) of every counter that changed since the last batch. */
  rows: [string, number, number][];
  /** Counters whose window ended before this instant are deleted. */
  purgeBefore: number;
}
export interface PersistAnswer {
  id: number;
  error: string | null;
}

const db = new DatabaseSync((workerData as { path: string }).path);
db.exec('PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;');
const upsert = db.prepare('INSERT INTO rl_counters (key, count, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET count = excluded.count, expires_at = excluded.expires_at');
const purge = db.prepare('DELETE FROM rl_counters WHERE expires_at <= ?');

parentPort!.on('message', (batch: PersistBatch) => {
  let error: string | null = null;
  try {
    db.exec('BEGIN');
    for (const [key, count, expiresAt] of batch.rows) upsert.run(key, count, expiresAt);
    purge.run(batch.purgeBefore);
    db.exec('COMMIT');
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    error = (err as Error).message;
  }
  parentPort!.postMessage({ id: batch.id, error } satisfies PersistAnswer);
});
