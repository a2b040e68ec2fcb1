// @portico/redis/testing — for tests only: a throw-away redis-server that can be stopped and restarted.
export { startPrivateRedis } from './private-redis.ts';
export type { PrivateRedis } from './private-redis.ts';
