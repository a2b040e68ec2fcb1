// @portico/redis — the one way Portico opens a Redis client (API keys, rate-limit counters, OIDC sessions).
export { connectInBackground, createRedisClient } from './client.ts';
export type { RedisClient, RedisClientOptions, RedisTarget } from './client.ts';
