/** A stored API key. The key itself is never stored — only its SHA-256 (see keys/secret.ts). */
export interface ApiKeyRecord {
  /** uuid v4; what DELETE /v1/api-keys/{id} takes. */
  id: string;
  name: string;
  /** The user the key belongs to (the portal uses the ID token's email, else `sub`). */
  owner: string;
  usagePlan: string;
  /** Always contains `usagePlan` and `userId`; what apiKeyAuth's headersFromMetadataEntry reads. */
  metadata: Record<string, string>;
  /** ISO 8601. */
  createdAt: string;
}

export interface CreateApiKeyInput {
  name: string;
  owner: string;
  usagePlan: string;
  metadata?: Record<string, string>;
}

export interface CreatedApiKey {
  record: ApiKeyRecord;
  /** The plaintext key: shown to the user once, never retrievable again. */
  apiKey: string;
}

import type { Result } from './errors.ts';

/** Shared by the portal server (writes) and the apiKeyAuth step (reads) on every replica. Gateways wrap it in
 *  createIndexedApiKeyStore (an in-memory index kept current by the store's change feed). */
export interface ApiKeyStore {
  readonly kind: 'sqlite' | 'redis';
  create(input: CreateApiKeyInput): Promise<Result<CreatedApiKey>>;
  /**
   * The record of a presented key, or null when no such key exists. The stores answer with a promise; the
   * gateway's in-memory index (createIndexedApiKeyStore) answers a hit synchronously, so apiKeyAuth decides
   * without a promise: callers handle both (await does).
   */
  lookup(apiKey: string): Result<ApiKeyRecord | null> | Promise<Result<ApiKeyRecord | null>>;
  /** The owner's keys, optionally only those of some usage plans; oldest first. */
  list(owner: string, usagePlans?: readonly string[]): Promise<Result<ApiKeyRecord[]>>;
  /** false when the owner has no key with this id. */
  delete(owner: string, id: string): Promise<Result<boolean>>;
  close(): Promise<void>;
}
