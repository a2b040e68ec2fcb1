// Ended sessions (issue 11 item 3). A cookie session is self-contained: without a server-side record, a cookie
// copied before logout would keep working until the ID token expires. So logout and OIDC Back-Channel Logout
// write here, and every request's session is checked here:
//   `rp:<sid>`          one session (Portico's own id, sealed inside the cookie or the server-side record)
//   `idp:<iss> <sid>`   every session of one IdP session (the ID token's `sid`, named by a logout token)
//   `sub:<iss> <sub>`   every session of one user that started before the revocation time (a logout token with
//                       only `sub`)
// Entries outlive the longest session they can end, then are swept. node:sqlite in the state directory is shared
// by the processes of one host (WAL) and survives restarts; reads are one indexed lookup.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface RevocationList {
  /** Records that `key` was revoked at `atS`, remembered until `untilS` (seconds since the epoch). */
  revoke(key: string, atS: number, untilS: number): void;
  /** The latest revocation time among `keys` that are still remembered, or null. */
  revokedAt(keys: readonly string[]): number | null;
  close(): void;
}

export function sqliteRevocationList(stateDir: string, now: () => number): RevocationList {
  const dir = join(stateDir, 'ext-auth');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(join(dir, 'revoked-sessions.db'));
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;
    CREATE TABLE IF NOT EXISTS revoked (key TEXT PRIMARY KEY, revoked_at INTEGER NOT NULL, until INTEGER NOT NULL);`);
  const put = db.prepare(`INSERT INTO revoked (key, revoked_at, until) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET revoked_at = max(revoked_at, excluded.revoked_at), until = max(until, excluded.until)`);
  const get = db.prepare('SELECT max(revoked_at) AS at FROM revoked WHERE key IN (?, ?, ?) AND until > ?');
  const sweep = db.prepare('DELETE FROM revoked WHERE until <= ?');
  let writes = 0;
  return {
    revoke(key, atS, untilS) {
      put.run(key, Math.floor(atS), Math.ceil(untilS));
      if (++writes % 100 === 0) sweep.run(Math.floor(now() / 1000));
    },
    revokedAt(keys) {
      const row = get.get(keys[0] ?? '', keys[1] ?? '', keys[2] ?? '', Math.floor(now() / 1000)) as { at: number | null } | undefined;
      return row?.at ?? null;
    },
    close: () => db.close(),
  };
}

/** One process, no state directory (a cipher key given in the config and no --state-dir): kept in memory. */
export function memoryRevocationList(now: () => number): RevocationList {
  const entries = new Map<string, { at: number; until: number }>();
  return {
    revoke(key, atS, untilS) {
      const prev = entries.get(key);
      entries.set(key, { at: Math.max(atS, prev?.at ?? 0), until: Math.max(untilS, prev?.until ?? 0) });
      if (entries.size > 100_000) {
        const t = now() / 1000;
        for (const [k, e] of entries) if (e.until <= t) entries.delete(k);
      }
    },
    revokedAt(keys) {
      const t = now() / 1000;
      let at: number | null = null;
      for (const k of keys) {
        const e = entries.get(k);
        if (e !== undefined && e.until > t && (at === null || e.at > at)) at = e.at;
      }
      return at;
    },
    close() {},
  };
}
