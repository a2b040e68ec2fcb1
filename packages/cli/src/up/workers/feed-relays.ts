// The change feeds the workers' in-memory views follow, run once in the primary and relayed to every worker over
// its IPC channel: the API-key index feed (embedded store; with --redis each worker subscribes to Redis itself)
// and the teams-and-apps credential view feed (SQLite or PostgreSQL). One SQLite poller per `portico up` instead of
// two worker threads in every gateway worker — each thread is its own V8 isolate, ~17–28 MiB of RSS
// (docs/data-plane.md, "Memory of a gateway worker").
import { join } from 'node:path';
import { startKeyFeedRelay, type FeedRelayChannel, type KeyFeedRelay } from '@portico/apikeys/indexed';
import { createSqliteKeyFeed } from '@portico/apikeys/sqlite';
import { startAppsFeedRelay } from '@portico/portal-apps';

export interface FeedRelays {
  /** Relays both feeds to a worker; call right after forking it, before it can say hello. */
  serve(channel: FeedRelayChannel): void;
  close(): Promise<void>;
}

export async function startFeedRelays(s: { stateDir: string; redisUrl: string | null; portalDb: string | null }, onError: (err: Error) => void): Promise<FeedRelays> {
  const keys: KeyFeedRelay | null = s.redisUrl ? null : await startKeyFeedRelay(createSqliteKeyFeed({ path: join(s.stateDir, 'apikeys.db') }));
  const apps = await startAppsFeedRelay(s.portalDb ?? join(s.stateDir, 'portal.db'), { onError }).catch(async (err: unknown) => {
    await keys?.close();
    throw err;
  });
  return {
    serve(channel) {
      keys?.serve(channel);
      apps.serve(channel);
    },
    async close() {
      await keys?.close();
      await apps.close();
    },
  };
}
