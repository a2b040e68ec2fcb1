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

export const MIGRATIONS: Record<string, Migration> = { '0001_teams_apps': m0001 };

export const migrationProvider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
