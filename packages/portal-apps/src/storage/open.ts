// Opens the portal's teams-and-apps database and brings its schema up to date. `postgres://…` (or
// `postgresql://…`) = PostgreSQL through a pg pool (what replicated portal servers share); anything else is a
// node:sqlite file path (the embedded default, `<state dir>/portal.db`).
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from './migrations.ts';
import { openNodeSqlite } from './node-sqlite.ts';
import type { PortalAppsDatabase } from './schema.ts';

export interface PortalAppsDb {
  db: Kysely<PortalAppsDatabase>;
  kind: 'sqlite' | 'postgres';
  /** For banners and logs, without a password. */
  description: string;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export async function openPortalAppsDb(location: string): Promise<PortalAppsDb> {
  let db: Kysely<PortalAppsDatabase>;
  let description: string;
  const kind = isPostgresUrl(location) ? 'postgres' : 'sqlite';
  if (kind === 'postgres') {
    // storage/postgres.ts, and so pg, loads only for a PostgreSQL location.
    const { postgresDialect } = await import('./postgres.ts');
    db = new Kysely({ dialect: postgresDialect(location) });
    const u = new URL(location);
    u.password = '';
    description = `postgres (${u.href})`;
  } else {
    const path = location.replace(/^sqlite:/, '');
    db = new Kysely({ dialect: new SqliteDialect({ database: openNodeSqlite(path) }) });
    description = `sqlite (${path})`;
  }
  const { error } = await new Migrator({ db, provider: migrationProvider(kind) }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`portal database ${description}: migration failed: ${(error as Error).message ?? String(error)}`);
  }
  return { db, kind, description, close: () => db.destroy() };
}
