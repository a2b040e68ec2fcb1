export type { OidcSession, SessionStore } from './session-store.ts';
export { createMemorySessionStore } from './memory-store.ts';
export { createSqliteSessionStore } from './sqlite-store.ts';
export { createRedisSessionStore } from './redis-store.ts';
export type { RedisSessionOptions } from './redis-store.ts';
