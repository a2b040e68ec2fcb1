export { createSqliteApiKeyStore } from './stores/sqlite.ts';
export { createRedisApiKeyStore } from './stores/redis.ts';
export type { RedisApiKeyStoreOptions } from './stores/redis.ts';
export { generateApiKey, hashApiKey } from './keys/secret.ts';
export type { ApiKeyRecord, ApiKeyStore, CreateApiKeyInput, CreatedApiKey } from './types.ts';
export { APIKEY_ERROR_CODES } from './errors.ts';
export type { ApiKeyErrorCode, ApiKeyFailure, Result } from './errors.ts';
