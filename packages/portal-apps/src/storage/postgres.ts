// The PostgreSQL backend of the teams-and-apps database: a pg pool behind Kysely, and the dedicated connection the
// credential view LISTENs on. Imported (dynamically) only for a postgres:// location, so a process on the sqlite
// default — a `portico up` gateway worker, say — never loads pg.
import { PostgresDialect } from 'kysely';
import pg from 'pg';

export type PgClient = pg.Client;

export function postgresDialect(location: string): PostgresDialect {
  const pool = new pg.Pool({ connectionString: location, max: 10, connectionTimeoutMillis: 5000 });
  // An idle connection the server drops (restart, failover) emits 'error' on the pool, which would crash the
  // process without a listener; the pool discards that client and the next query connects anew (requests in
  // between answer 503 / fail closed).
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}

/** A connection of its own (not from the pool), for LISTEN. */
export function listenerClient(location: string, applicationName: string): PgClient {
  return new pg.Client({ connectionString: location, connectionTimeoutMillis: 5000, application_name: applicationName });
}
