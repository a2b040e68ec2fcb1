// @portico/store — the Store contract and its embedded SQLite implementation.
export { StoreError, STORE_ERROR_CODES } from './errors.ts';
export type { StoreErrorCode } from './errors.ts';
export type { ApplyPrecondition, ApplyResult, EventInput, StatusWrite, Store, StoreEvent, WatchEvent } from './types.ts';
export { openSqliteStore, SqliteStore } from './sqlite/store.ts';
export type { SqliteStoreOptions } from './sqlite/store.ts';
export { canonicalJson } from './sqlite/rows.ts';
