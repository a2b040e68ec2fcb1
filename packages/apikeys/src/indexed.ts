// @portico/apikeys/indexed — the in-memory index of key hashes that follows a store's change feed (what a gateway
// reads on its request path), and the feed relay (one feed in the primary, followed by every worker over IPC).
// Loads no storage backend: the store and its own feed come from ./sqlite or ./redis.
export { createIndexedApiKeyStore } from './index/indexed-store.ts';
export type { IndexedApiKeyStore } from './index/indexed-store.ts';
export type { KeyFeed, KeyFeedHandlers } from './index/feed.ts';
export type { ApiKeyRecord, ApiKeyStore, CreateApiKeyInput, CreatedApiKey } from './types.ts';
export { startKeyFeedRelay } from './index/relay/primary.ts';
export type { KeyFeedRelay } from './index/relay/primary.ts';
export { createRelayedKeyFeed } from './index/relay/worker.ts';
export type { FeedRelayChannel } from '@portico/async';
