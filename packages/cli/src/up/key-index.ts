// The gateway side of the API key store: an in-memory index of key hashes following the store's change feed
// (sqlite change log in the state directory, or Redis pub/sub with --redis), so apiKeyAuth does no I/O. The
// feed's backend module is imported when chosen: no Redis client without --redis.
import { join } from 'node:path';
import { createIndexedApiKeyStore, type ApiKeyStore, type IndexedApiKeyStore, type KeyFeed } from '@portico/apikeys/indexed';

/** `relayed`: the feed the primary relays to a gateway worker (workers/feed-relays.ts), used without --redis. */
export async function indexApiKeys(store: ApiKeyStore, where: { stateDir: string; redisUrl: string | null }, relayed: KeyFeed | null = null): Promise<IndexedApiKeyStore> {
  let feed: KeyFeed;
  if (where.redisUrl) feed = (await import('@portico/apikeys/redis')).createRedisKeyFeed({ url: where.redisUrl });
  else if (relayed) feed = relayed;
  else feed = (await import('@portico/apikeys/sqlite')).createSqliteKeyFeed({ path: join(where.stateDir, 'apikeys.db') });
  return createIndexedApiKeyStore(store, feed);
}
