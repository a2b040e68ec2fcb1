export { createRateLimitService } from './service.ts';
export type { RateLimitService, RateLimitDecision } from './service.ts';
export { compileConfig } from './config/compile.ts';
export { LIMIT_OVERRIDE_KEY, SET_DESCRIPTOR_KEY } from './config/types.ts';
export type {
  RateLimitServiceConfig,
  DomainConfig,
  DescriptorConfig,
  SetDescriptorConfig,
  SimpleDescriptorConfig,
  RateLimitValue,
  RateLimitUnit,
} from './config/types.ts';
export type { DescriptorEntry } from './matching/types.ts';
export { createMemoryCounterStore } from './stores/memory.ts';
export { createSqliteCounterStore } from './stores/sqlite.ts';
export { createPersistedCounterStore } from './stores/persisted.ts';
export type { PersistedCounterStore, PersistedCounterStoreOptions } from './stores/persisted.ts';
export { createRemoteCounterStore, serveCounterStore } from './stores/remote.ts';
export type { IpcChannel, RemoteCounterStoreOptions } from './stores/remote.ts';
export { connectCounterService } from './stores/counter-client.ts';
export type { CounterClientOptions } from './stores/counter-client.ts';
export { startCounterService } from './stores/counter-service.ts';
export type { CounterService, CounterServiceOptions } from './stores/counter-service.ts';
export { createRedisCounterStore } from './stores/redis.ts';
export type { RedisCounterStoreOptions } from './stores/redis.ts';
export type { CounterStore, CounterIncrement } from './stores/types.ts';
export { currentWindow, unitSeconds, isRateLimitUnit } from './window.ts';
export { RATELIMIT_ERROR_CODES, RateLimitError } from './errors.ts';
export type { RateLimitErrorCode, Result } from './errors.ts';
