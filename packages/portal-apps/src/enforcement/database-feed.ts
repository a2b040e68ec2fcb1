// The change feed on the portal database itself, chosen by its location: PostgreSQL LISTEN/NOTIFY on the event loop
// (postgres-view-feed.ts — imported here only for a postgres:// location, so a process on the sqlite default never
// loads pg), or SQLite data_version polled by a worker thread (sqlite-view-feed.ts). The credential view's default
// feed, and the source the primary relays to its workers (relay/primary.ts).
import { isPostgresUrl } from '../storage/open.ts';
import type { AppsFeed, AppsFeedHandlers } from './apps-feed.ts';
import { startSqliteAppsFeed } from './sqlite-view-feed.ts';

export async function startDatabaseAppsFeed(location: string, h: AppsFeedHandlers, opts: { pollMs?: number } = {}): Promise<AppsFeed> {
  if (isPostgresUrl(location)) return (await import('./postgres-view-feed.ts')).startPostgresAppsFeed(location, h);
  return startSqliteAppsFeed({ location, pollMs: opts.pollMs ?? 100 }, h);
}
