// Embedded API key store on node:sqlite (the default): one row per key, keyed by id, with the key's hash as
// a unique index. Each create/delete is a single statement, so a crash or a failed write can never leave a
// key half-created. WAL + busy timeout let the portal server and gateway processes on one host share it.
// Gateways do not read the file per request: they keep an in-memory index (index/) following api_key_changes.
import { DatabaseSync } from 'node:sqlite';
import type { Result } from '../errors.ts';
import { fail, unavailable } from '../errors.ts';
import { generateApiKey, hashApiKey } from '../keys/secret.ts';
import { buildRecord } from '../keys/validate.ts';
import type { ApiKeyRecord, ApiKeyStore } from '../types.ts';

export interface Row {
  id: string;
  name: string;
  owner: string;
  usage_plan: string;
  metadata: string;
  created_at: string;
}

export const toRecord = (r: Row): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  owner: r.owner,
  usagePlan: r.usage_plan,
  metadata: JSON.parse(r.metadata) as Record<string, string>,
  createdAt: r.created_at,
});

// api_key_changes is the change feed gateways follow (index/sqlite-feed.ts): the triggers record the hash of
// every created or deleted key in the same transaction as the write, and keep the last 10,000 changes.
export const SQLITE_SCHEMA = `PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;
    CREATE TABLE IF NOT EXISTS api_keys (
      id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL, owner TEXT NOT NULL,
      usage_plan TEXT NOT NULL, metadata TEXT NOT NULL, created_at TEXT NOT NULL,
      UNIQUE (owner, usage_plan, name));
    CREATE TABLE IF NOT EXISTS api_key_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, key_hash TEXT NOT NULL);
    CREATE TRIGGER IF NOT EXISTS api_keys_created AFTER INSERT ON api_keys
      BEGIN INSERT INTO api_key_changes (key_hash) VALUES (NEW.key_hash); END;
    CREATE TRIGGER IF NOT EXISTS api_keys_deleted AFTER DELETE ON api_keys
      BEGIN INSERT INTO api_key_changes (key_hash) VALUES (OLD.key_hash); END;
    CREATE TRIGGER IF NOT EXISTS api_key_changes_pruned AFTER INSERT ON api_key_changes WHEN NEW.seq % 1000 = 0
      BEGIN DELETE FROM api_key_changes WHERE seq <= NEW.seq - 10000; END;`;

export function createSqliteApiKeyStore(opts: { path: string; now?: () => Date }): ApiKeyStore {
  const now = opts.now ?? (() => new Date());
  const db = new DatabaseSync(opts.path);
  db.exec(SQLITE_SCHEMA);
  const insert = db.prepare(
    'INSERT INTO api_keys (id, key_hash, name, owner, usage_plan, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare('SELECT * FROM api_keys WHERE key_hash = ?');
  const byOwner = db.prepare('SELECT * FROM api_keys WHERE owner = ? ORDER BY created_at, id');
  const remove = db.prepare('DELETE FROM api_keys WHERE owner = ? AND id = ?');
  const nameTaken = db.prepare('SELECT 1 FROM api_keys WHERE owner = ? AND usage_plan = ? AND name = ?');

  const guard = <T>(fn: () => Result<T>): Promise<Result<T>> => {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.resolve(unavailable('sqlite', err));
    }
  };

  return {
    kind: 'sqlite',
    create: (input) =>
      guard(() => {
        const built = buildRecord(input, now());
        if (!built.ok) return built;
        const r = built.value;
        if (nameTaken.get(r.owner, r.usagePlan, r.name)) {
          return fail('APIKEY_DUPLICATE_NAME', `apiKeyName: a key named "${r.name}" already exists for plan ${r.usagePlan}`, 'apiKeyName');
        }
        const apiKey = generateApiKey();
        insert.run(r.id, hashApiKey(apiKey), r.name, r.owner, r.usagePlan, JSON.stringify(r.metadata), r.createdAt);
        return { ok: true, value: { record: r, apiKey } };
      }),
    lookup: (apiKey) =>
      guard(() => {
        const row = byHash.get(hashApiKey(apiKey)) as Row | undefined;
        return { ok: true, value: row ? toRecord(row) : null };
      }),
    list: (owner, usagePlans) =>
      guard(() => {
        const rows = (byOwner.all(owner) as unknown as Row[]).map(toRecord);
        return { ok: true, value: usagePlans ? rows.filter((r) => usagePlans.includes(r.usagePlan)) : rows };
      }),
    delete: (owner, id) => guard(() => ({ ok: true, value: Number(remove.run(owner, id).changes) > 0 })),
    async close() {
      if (db.isOpen) db.close();
    },
  };
}
