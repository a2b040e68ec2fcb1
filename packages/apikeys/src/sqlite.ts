// @portico/apikeys/sqlite — the embedded backend: the node:sqlite store and its change feed. Loads no Redis client.
export { createSqliteApiKeyStore } from './stores/sqlite.ts';
export { createSqliteKeyFeed } from './index/sqlite-feed.ts';
