// Schema migrations, run by Kysely's Migrator (which records applied ones in kysely_migration and holds a lock
// while it runs, so several portal servers starting on one PostgreSQL database migrate it once). Append new
// migrations; never edit one that has shipped.
import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

const text = 'text';

const m0001: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('sub', text, (c) => c.unique())
      .addColumn('email', text, (c) => c.notNull().unique())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('username', text, (c) => c.notNull())
      .addColumn('synced', 'integer', (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('teams')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('name', text, (c) => c.notNull().unique())
      .addColumn('description', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('team_members')
      .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
      .execute();
    await db.schema.createIndex('team_members_user').on('team_members').column('user_id').execute();
    await db.schema
      .createTable('apps')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('description', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('apps_team_name', ['team_id', 'name'])
      .execute();
    await db.schema
      .createTable('app_api_keys')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('app_id', text, (c) => c.notNull().references('apps.id').onDelete('cascade'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('key_hash', text, (c) => c.notNull().unique())
      .addColumn('metadata', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('app_api_keys_app_name', ['app_id', 'name'])
      .execute();
    await db.schema
      .createTable('oauth_credentials')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('app_id', text, (c) => c.notNull().unique().references('apps.id').onDelete('cascade'))
      .addColumn('idp_client_id', text, (c) => c.notNull().unique())
      .addColumn('idp_client_name', text, (c) => c.notNull())
      .addColumn('idp_handle', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('subscriptions')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('app_id', text, (c) => c.notNull().references('apps.id').onDelete('cascade'))
      .addColumn('api_product_id', text, (c) => c.notNull())
      .addColumn('requested_at', text, (c) => c.notNull())
      .addColumn('approved', 'integer', (c) => c.notNull())
      .addColumn('approved_at', text)
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .addColumn('rejected_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('subscriptions_app_product', ['app_id', 'api_product_id'])
      .execute();
    await db.schema
      .createTable('metadata')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('owner_id', text, (c) => c.notNull().unique())
      .addColumn('custom_metadata', text, (c) => c.notNull())
      .addColumn('rate_limit_requests', text)
      .addColumn('rate_limit_unit', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['metadata', 'subscriptions', 'oauth_credentials', 'app_api_keys', 'apps', 'team_members', 'teams', 'users']) {
      await sql`drop table if exists ${sql.table(t)}`.execute(db);
    }
  },
};

/** The channel PostgreSQL triggers notify with the id of the app whose credentials or grants changed ('*': any). */
export const CHANGES_CHANNEL = 'portico_portal_apps';

/** Every table the gateway's credential view reads from. */
const VIEWED = ['teams', 'apps', 'app_api_keys', 'oauth_credentials', 'subscriptions', 'metadata'];

/**
 * PostgreSQL: a trigger on every viewed table sends the changed app's id on CHANGES_CHANNEL when the transaction
 * commits, whoever wrote it (any portal server replica, or an operator's SQL), so every gateway's in-memory view
 * reloads that app. SQLite has no cross-process notification: its views watch PRAGMA data_version instead, and
 * this migration is empty there.
 */
const m0002Postgres: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE OR REPLACE FUNCTION portico_portal_apps_changed() RETURNS trigger AS $$
      DECLARE r record; app text;
      BEGIN
        IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
        IF TG_TABLE_NAME = 'apps' THEN app := r.id;
        ELSIF TG_TABLE_NAME = 'teams' THEN app := '*';
        ELSIF TG_TABLE_NAME = 'metadata' THEN
          app := COALESCE((SELECT s.app_id FROM subscriptions s WHERE s.id = r.owner_id), r.owner_id);
        ELSE app := r.app_id;
        END IF;
        PERFORM pg_notify(${sql.lit(CHANGES_CHANNEL)}, app);
        RETURN NULL;
      END $$ LANGUAGE plpgsql`.execute(db);
    for (const t of VIEWED) {
      await sql`CREATE TRIGGER portico_portal_apps_changed AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(t)} FOR EACH ROW EXECUTE FUNCTION portico_portal_apps_changed()`.execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    for (const t of VIEWED) await sql`DROP TRIGGER IF EXISTS portico_portal_apps_changed ON ${sql.table(t)}`.execute(db);
    await sql`DROP FUNCTION IF EXISTS portico_portal_apps_changed()`.execute(db);
  },
};

const none: Migration = { async up() {} };

export function migrationsFor(kind: 'sqlite' | 'postgres'): Record<string, Migration> {
  return { '0001_teams_apps': m0001, '0002_change_notifications': kind === 'postgres' ? m0002Postgres : none };
}

export const migrationProvider = (kind: 'sqlite' | 'postgres'): MigrationProvider => ({ getMigrations: async () => migrationsFor(kind) });
