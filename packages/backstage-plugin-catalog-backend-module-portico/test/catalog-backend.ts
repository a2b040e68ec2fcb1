// Test harness: a Backstage backend (startTestBackend) with the REAL catalog plugin and this module, configured with
// the seed's glooPlatformPortal.backend keys. Backstage's own mock services stand in only for Backstage's process
// boundaries (auth, scheduler); the scheduler is Backstage's MockSchedulerService, so "the next sync" is a
// triggerTask() call instead of a wait on the clock.
import type { AddressInfo } from 'node:net';
import { coreServices, createBackendModule, type BackendFeature, type SchedulerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import knexFactory, { type Knex } from 'knex';

export const SYNC_TASK_ID = 'gloo-platform-portal-backend-provider:refresh';

export interface CatalogBackend {
  url: string;
  entities(filter: string): Promise<Entity[]>;
  apiNames(): Promise<string[]>;
  /** Runs the module's sync task now and waits for it. */
  sync(): Promise<void>;
  /** Polls the catalog until `done(apiNames)` holds (the catalog stitches entities asynchronously). */
  waitForApis(done: (names: string[]) => boolean, timeoutMs?: number): Promise<string[]>;
  stop(): Promise<void>;
}

/** The catalog's database: SQLite in memory, or a fresh, uniquely named PostgreSQL database dropped on stop(). */
export interface TestDatabase {
  knex: Knex;
  description: string;
  destroy(): Promise<void>;
}

export function sqliteInMemory(): TestDatabase {
  // One connection: every connection to ':memory:' would be a different database.
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true,
    pool: { min: 1, max: 1 } });
  return { knex, description: 'SQLite in memory', destroy: () => knex.destroy() };
}

export const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres' };

export async function freshPostgres(): Promise<TestDatabase> {
  const name = `portico_backstage_${process.pid}_${Date.now().toString(36)}`;
  const admin = () => knexFactory({ client: 'pg', connection: { ...POSTGRES, database: 'postgres' }, pool: { min: 0, max: 1 } });
  const creator = admin();
  await creator.raw(`CREATE DATABASE ${name}`);
  await creator.destroy();
  const knex = knexFactory({ client: 'pg', connection: { ...POSTGRES, database: name }, pool: { min: 0, max: 5 } });
  return {
    knex,
    description: `PostgreSQL database ${name}`,
    async destroy() {
      await knex.destroy();
      const dropper = admin();
      await dropper.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.destroy();
    },
  };
}

export async function startCatalogBackend(options: { portal: JsonObject; database?: TestDatabase }): Promise<CatalogBackend> {
  const database = options.database ?? sqliteInMemory();
  let scheduler: SchedulerService | undefined;
  const captureScheduler = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-scheduler-handle',
    register(env) {
      env.registerInit({ deps: { s: coreServices.scheduler }, async init({ s }) {
        scheduler = s;
      } });
    },
  });
  const backend = await startTestBackend({
    features: [
      // The CJS package's double default is unwrapped by Backstage; its typings do not say so.
      import('@backstage/plugin-catalog-backend') as unknown as Promise<{ default: BackendFeature }>,
      import('../src/index.ts'),
      captureScheduler,
      // Backstage's own mock for its database service boundary, handing the catalog our knex so that stop()
      // can close the pool (backend.stop() leaves the DatabaseManager's pools, and their reaper timers, open).
      mockServices.database.factory({ knex: database.knex }),
      mockServices.rootConfig.factory({ data: {
        catalog: { processingInterval: { seconds: 1 } },
        glooPlatformPortal: { backend: options.portal },
      } }),
    ],
  });
  const port = (backend.server as unknown as { port(): number }).port?.() ??
    ((backend.server as unknown as { address(): AddressInfo }).address()).port;
  const url = `http://127.0.0.1:${port}`;
  const entities = async (filter: string): Promise<Entity[]> => {
    const res = await fetch(`${url}/api/catalog/entities?filter=${encodeURIComponent(filter)}`, {
      headers: { authorization: mockCredentials.user.header() },
    });
    if (!res.ok) throw new Error(`catalog answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Entity[];
  };
  const apiNames = async () => (await entities('kind=api')).map((e) => e.metadata.name).sort();
  return {
    url,
    entities,
    apiNames,
    sync: async () => {
      if (!scheduler) throw new Error('scheduler not captured');
      await scheduler.triggerTask(SYNC_TASK_ID);
    },
    async waitForApis(done, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let names: string[] = [];
      while (Date.now() < deadline) {
        names = await apiNames();
        if (done(names)) return names;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`catalog APIs never matched; last seen: ${JSON.stringify(names)}`);
    },
    async stop() {
      await backend.stop();
      await database.destroy();
    },
  };
}
