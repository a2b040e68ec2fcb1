// Kysely's SqliteDialect speaks to a better-sqlite3-shaped database; node:sqlite (built into Node 24, no native
// build) differs only in calling conventions, which this adapter bridges: spread parameters, and `reader`
// derived from whether the statement returns columns.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

type Param = null | number | bigint | string | NodeJS.ArrayBufferView;

function statement(s: StatementSync): SqliteStatement {
  const reader = s.columns().length > 0;
  const args = (p: ReadonlyArray<unknown>) => p as Param[];
  return {
    reader,
    all: (p) => s.all(...args(p)),
    run: (p) => {
      const r = s.run(...args(p));
      return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
    },
    iterate: (p) => s.iterate(...args(p)) as IterableIterator<unknown>,
  };
}

export function openNodeSqlite(path: string): SqliteDatabase {
  const db = new DatabaseSync(path);
  // WAL + busy timeout: the portal server and gateway processes of one host share the file; foreign keys on so
  // deleting a team or an app removes what belongs to it, as on PostgreSQL.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  return {
    close: () => {
      if (db.isOpen) db.close();
    },
    // Writers take the lock when the transaction starts: a deferred transaction that upgrades to a writer while
    // another process writes fails at once with SQLITE_BUSY instead of waiting for the busy timeout.
    prepare: (sql) => statement(db.prepare(/^begin$/i.test(sql.trim()) ? 'BEGIN IMMEDIATE' : sql)),
  };
}
