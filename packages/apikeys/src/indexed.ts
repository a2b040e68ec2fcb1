// @portico/apikeys/indexed — the in-memory index of key hashes that follows a store's change feed (what a gateway
// reads on its request path). Loads no storage backend: the store and its feed come from ./sqlite or ./redis.
export { createIndexedApiKeyStore } from './index/indexed-store.ts';
export type { IndexedApiKeyStore } from './index/indexed-store.ts';
export type { KeyFeed, KeyFeedHandlers } from './index/feed.ts';
export type { ApiKeyRecord, ApiKeyStore, CreateApiKeyInput, CreatedApiKey } from './types.ts';
