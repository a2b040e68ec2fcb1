// The embedded key feed: polls the sqlite file's api_key_changes log (filled by triggers, stores/sqlite.ts).
// A poll is one `PRAGMA data_version` (it changes only when another connection committed), so an idle
// gateway does no real read; when it changed, the changes since the last seen seq are read in one query. The
// polls are the only reads on the gateway's loop: an index miss waits for the next one (sync) instead of reading.
import { DatabaseSync } from 'node:sqlite';
import { SQLITE_SCHEMA, toRecord, type Row } from '../stores/sqlite.ts';
import type { ApiKeyRecord } from '../types.ts';
import type { KeyFeed, KeyFeedHandlers } from './feed.ts';

export function createSqliteKeyFeed(opts: { path: string; pollMs?: number }): KeyFeed {
  let db: DatabaseSync | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lastSeq = 0;
  let version = -1;
  let lost = false;
  // sync() callers: settled at the end of the next poll (never by a read of their own).
  let waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const settle = (err: Error | null) => {
    const round = waiting;
    waiting = [];
    for (const w of round) if (err) w.reject(err); else w.resolve();
  };

  const readAll = (d: DatabaseSync, h: KeyFeedHandlers) => {
    d.exec('BEGIN');
    try {
      lastSeq = Number((d.prepare('SELECT coalesce(max(seq), 0) AS s FROM api_key_changes').get() as { s: number }).s);
      const all = new Map<string, ApiKeyRecord>();
      for (const row of d.prepare('SELECT * FROM api_keys').all() as unknown as (Row & { key_hash: string })[]) all.set(row.key_hash, toRecord(row));
      h.reset(all);
    } finally {
      d.exec('COMMIT');
    }
  };

  const poll = (d: DatabaseSync, h: KeyFeedHandlers) => {
    const v = Number((d.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
    if (v === version && !lost) return;
    version = v;
    const lo = Number((d.prepare('SELECT coalesce(min(seq), 0) AS s FROM api_key_changes').get() as { s: number }).s);
    if (lost || lo > lastSeq + 1) {
      lost = false;
      readAll(d, h);
      return;
    }
    const rows = d
      .prepare('SELECT c.seq AS seq, c.key_hash AS changed, k.* FROM api_key_changes c LEFT JOIN api_keys k ON k.key_hash = c.key_hash WHERE c.seq > ? ORDER BY c.seq')
      .all(lastSeq) as unknown as (Partial<Row> & { seq: number; changed: string })[];
    for (const r of rows) {
      lastSeq = Number(r.seq);
      h.change(r.changed, r.id ? toRecord(r as Row) : null);
    }
  };

  return {
    async start(h) {
      const d = new DatabaseSync(opts.path);
      d.exec(SQLITE_SCHEMA);
      db = d;
      readAll(d, h);
      version = Number((d.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
      timer = setInterval(() => {
        try {
          poll(d, h);
          settle(null);
        } catch (err) {
          lost = true;
          h.lost(`api key file ${opts.path}: ${(err as Error).message}`);
          settle(err as Error);
        }
      }, opts.pollMs ?? 100);
      timer.unref();
    },
    sync() {
      if (timer === null) return Promise.reject(new Error('key feed closed'));
      return new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      settle(new Error('key feed closed'));
      if (db?.isOpen) db.close();
    },
  };
}
