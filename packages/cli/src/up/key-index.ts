// The gateway side of the API key store: an in-memory index of key hashes following the store's change feed
// (sqlite change log in the state directory, or Redis pub/sub with --redis), so apiKeyAuth does no I/O.
import { join } from 'node:path';
import { createIndexedApiKeyStore, createRedisKeyFeed, createSqliteKeyFeed, type ApiKeyStore, type IndexedApiKeyStore } from '@portico/apikeys';

export function indexApiKeys(store: ApiKeyStore, where: { stateDir: string; redisUrl: string | null }): Promise<IndexedApiKeyStore> {
  const feed = where.redisUrl ? createRedisKeyFeed({ url: where.redisUrl }) : createSqliteKeyFeed({ path: join(where.stateDir, 'apikeys.db') });
  return createIndexedApiKeyStore(store, feed);
}
