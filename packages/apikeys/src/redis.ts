// @portico/apikeys/redis — the shared backend: the Redis store and its pub/sub change feed (loads ioredis).
export { createRedisApiKeyStore } from './stores/redis.ts';
export type { RedisApiKeyStoreOptions } from './stores/redis.ts';
export { createRedisKeyFeed } from './index/redis-feed.ts';
