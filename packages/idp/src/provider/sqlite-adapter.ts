// oidc-provider storage adapter on node:sqlite, so sessions, grants and refresh tokens survive an IdP restart (the
// in-memory adapter loses them). One table for every model; expired rows are invisible and swept now and then.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: number };

export interface AdapterStore {
  factory: (model: string) => SqliteAdapter;
  close(): void;
}

export class SqliteAdapter {
  readonly model: string;
  readonly #db: DatabaseSync;
  readonly #sweep: () => void;
  constructor(model: string, db: DatabaseSync, sweep: () => void) {
    this.model = model;
    this.#db = db;
    this.#sweep = sweep;
  }

  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : null;
    this.#db.prepare(`INSERT INTO oidc (model, id, payload, grant_id, user_code, uid, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload,
      grant_id = excluded.grant_id, user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`)
      .run(this.model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null,
        payload.uid ?? null, expiresAt);
    this.#sweep();
  }

  #one(where: string, value: string): Payload | undefined {
    const row = this.#db.prepare(`SELECT payload FROM oidc WHERE model = ? AND ${where} = ?
      AND (expires_at IS NULL OR expires_at > ?)`).get(this.model, value, Date.now()) as { payload: string } | undefined;
    return row ? (JSON.parse(row.payload) as Payload) : undefined;
  }

  async find(id: string): Promise<Payload | undefined> { return this.#one('id', id); }
  async findByUid(uid: string): Promise<Payload | undefined> { return this.#one('uid', uid); }
  async findByUserCode(userCode: string): Promise<Payload | undefined> { return this.#one('user_code', userCode); }

  async consume(id: string): Promise<void> {
    this.#db.prepare(`UPDATE oidc SET payload = json_set(payload, '$.consumed', ?) WHERE model = ? AND id = ?`)
      .run(Math.floor(Date.now() / 1000), this.model, id);
  }

  async destroy(id: string): Promise<void> {
    this.#db.prepare('DELETE FROM oidc WHERE model = ? AND id = ?').run(this.model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.#db.prepare('DELETE FROM oidc WHERE grant_id = ?').run(grantId);
  }
}

export function openAdapterStore(path: string): AdapterStore {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;
    CREATE TABLE IF NOT EXISTS oidc (model TEXT NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL, grant_id TEXT,
      user_code TEXT, uid TEXT, expires_at INTEGER, PRIMARY KEY (model, id));
    CREATE INDEX IF NOT EXISTS oidc_grant ON oidc (grant_id);
    CREATE INDEX IF NOT EXISTS oidc_uid ON oidc (uid);`);
  let writes = 0;
  const sweep = () => {
    if (++writes % 500 === 0) db.prepare('DELETE FROM oidc WHERE expires_at IS NOT NULL AND expires_at <= ?').run(Date.now());
  };
  return { factory: (model) => new SqliteAdapter(model, db, sweep), close: () => db.close() };
}
