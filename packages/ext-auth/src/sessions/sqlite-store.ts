// Sessions in node:sqlite: survive a gateway restart; several processes on one host may share the file (WAL).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fail, ok } from '../errors.ts';
import { parseSession, type SessionStore } from './session-store.ts';

export function createSqliteSessionStore(path: string, now: () => number = Date.now): SessionStore {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;
    CREATE TABLE IF NOT EXISTS oidc_sessions (id TEXT PRIMARY KEY, session TEXT NOT NULL, expires_at INTEGER);`);
  const getStmt = db.prepare('SELECT session FROM oidc_sessions WHERE id = ? AND (expires_at IS NULL OR expires_at > ?)');
  const setStmt = db.prepare(`INSERT INTO oidc_sessions (id, session, expires_at) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET session = excluded.session, expires_at = excluded.expires_at`);
  const delStmt = db.prepare('DELETE FROM oidc_sessions WHERE id = ?');
  const sweepStmt = db.prepare('DELETE FROM oidc_sessions WHERE expires_at IS NOT NULL AND expires_at <= ?');
  let writes = 0;
  const guard = <T>(fn: () => T) => {
    try {
      return ok(fn());
    } catch (err) {
      return fail('AUTH_SESSION_STORE_UNAVAILABLE', `sqlite session store: ${(err as Error).message}`);
    }
  };
  return {
    async get(id) {
      return guard(() => {
        const row = getStmt.get(id, now()) as { session: string } | undefined;
        return row ? parseSession(row.session) : undefined;
      });
    },
    async set(id, session, ttlSeconds) {
      return guard(() => {
        setStmt.run(id, JSON.stringify(session), ttlSeconds > 0 ? now() + ttlSeconds * 1000 : null);
        if (++writes % 1000 === 0) sweepStmt.run(now());
      });
    },
    async delete(id) {
      return guard(() => {
        delStmt.run(id);
      });
    },
    async close() {
      db.close();
    },
  };
}
