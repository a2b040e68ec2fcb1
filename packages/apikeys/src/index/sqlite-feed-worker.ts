// The embedded key feed's reader, in a worker thread (index/sqlite-feed.ts drives it): it owns the sqlite
// connection and polls the api_key_changes log (filled by triggers, stores/sqlite.ts), so a gateway's event loop
// never reads the file. A poll is one `PRAGMA data_version` (it changes only when another connection committed);
// when it changed, the changes since the last seen seq are read in one query. Messages out, in order:
// reset (every key), changes, lost, synced (answers a sync request after the poll it triggered), fatal (start).
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { SQLITE_SCHEMA, toRecord, type Row } from '../stores/sqlite.ts';
import type { ApiKeyRecord } from '../types.ts';

export type FeedWorkerMessage =
  | { t: 'reset'; all: Map<string, ApiKeyRecord> }
  | { t: 'changes'; list: [hash: string, record: ApiKeyRecord | null][] }
  | { t: 'lost'; reason: string }
  | { t: 'synced'; id: number }
  | { t: 'fatal'; message: string };
export type FeedRequest = { t: 'sync'; id: number };

const { path, pollMs } = workerData as { path: string; pollMs: number };
const post = (m: FeedWorkerMessage) => parentPort!.postMessage(m);
let lastSeq = 0;
let version = -1;
let lost = false;

const readAll = (d: DatabaseSync) => {
  d.exec('BEGIN');
  try {
    lastSeq = Number((d.prepare('SELECT coalesce(max(seq), 0) AS s FROM api_key_changes').get() as { s: number }).s);
    const all = new Map<string, ApiKeyRecord>();
    for (const row of d.prepare('SELECT * FROM api_keys').all() as unknown as (Row & { key_hash: string })[]) all.set(row.key_hash, toRecord(row));
    post({ t: 'reset', all });
  } finally {
    d.exec('COMMIT');
  }
};

const poll = (d: DatabaseSync) => {
  const v = Number((d.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
  if (v === version && !lost) return;
  version = v;
  const lo = Number((d.prepare('SELECT coalesce(min(seq), 0) AS s FROM api_key_changes').get() as { s: number }).s);
  if (lost || lo > lastSeq + 1) {
    lost = false;
    readAll(d);
    return;
  }
  const rows = d
    .prepare('SELECT c.seq AS seq, c.key_hash AS changed, k.* FROM api_key_changes c LEFT JOIN api_keys k ON k.key_hash = c.key_hash WHERE c.seq > ? ORDER BY c.seq')
    .all(lastSeq) as unknown as (Partial<Row> & { seq: number; changed: string })[];
  if (rows.length === 0) return;
  const list: [string, ApiKeyRecord | null][] = [];
  for (const r of rows) {
    lastSeq = Number(r.seq);
    list.push([r.changed, r.id ? toRecord(r as Row) : null]);
  }
  post({ t: 'changes', list });
};

let db: DatabaseSync | null = null;
try {
  db = new DatabaseSync(path);
  db.exec(SQLITE_SCHEMA);
  // data_version before the snapshot, not after: readAll posts the reset, the parent's start resolves on it and a
  // key may be created at once; read after, the version would already count that commit while the snapshot lacks
  // it, and every poll would skip it (a CI run caught a sync missing a just-created key). Read before, a commit in
  // between only makes the next poll look again.
  version = Number((db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
  readAll(db);
} catch (err) {
  post({ t: 'fatal', message: `api key file ${path}: ${(err as Error).message}` });
  db = null;
}

if (db !== null) {
  const d = db;
  const tick = () => {
    try {
      poll(d);
    } catch (err) {
      lost = true;
      post({ t: 'lost', reason: `api key file ${path}: ${(err as Error).message}` });
    }
  };
  setInterval(tick, pollMs);
  parentPort!.on('message', (m: FeedRequest) => {
    if (m.t !== 'sync') return;
    tick();
    post({ t: 'synced', id: m.id });
  });
}
