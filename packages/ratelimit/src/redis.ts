// @portico/ratelimit/redis — counters in Redis, shared by every process that counts there (loads ioredis).
export { createRedisCounterStore } from './stores/redis.ts';
export type { RedisCounterStoreOptions } from './stores/redis.ts';
