// @portico/ratelimit/core — the rate-limit service and the counter stores that need no storage backend: in memory,
// and in another process over its IPC channel or the counter service's socket (a `portico up` gateway worker counts
// through its primary's counter service). Loads
// neither node:sqlite stores nor a Redis client; those are ./sqlite and ./redis.
export { createRateLimitService } from './service.ts';
export type { RateLimitService, RateLimitDecision } from './service.ts';
export { compileConfig } from './config/compile.ts';
export { LIMIT_OVERRIDE_KEY, SET_DESCRIPTOR_KEY } from './config/types.ts';
export type { RateLimitServiceConfig } from './config/types.ts';
export { createMemoryCounterStore } from './stores/memory.ts';
export { createRemoteCounterStore, serveCounterStore } from './stores/remote.ts';
export type { IpcChannel, RemoteCounterStoreOptions } from './stores/remote.ts';
export { connectCounterService } from './stores/counter-client.ts';
export type { CounterClientOptions } from './stores/counter-client.ts';
export type { CounterStore, CounterIncrement } from './stores/types.ts';
