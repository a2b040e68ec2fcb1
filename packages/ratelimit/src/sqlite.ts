// @portico/ratelimit/sqlite — counters on node:sqlite: written through, or kept in memory and persisted in batches.
export { createSqliteCounterStore } from './stores/sqlite.ts';
export { createPersistedCounterStore } from './stores/persisted.ts';
export type { PersistedCounterStore, PersistedCounterStoreOptions } from './stores/persisted.ts';
export { startCounterService } from './stores/counter-service.ts';
export type { CounterService, CounterServiceOptions } from './stores/counter-service.ts';
