// The state several processes share: API keys (written by portal servers, read by every gateway's apiKeyAuth)
// and rate-limit counters. Chosen here, where `portico up` composes the processes; the portal server, ext-auth and
// the rate-limit service are handed the stores. Embedded default: node:sqlite files in the state directory (shared by the processes
// of one host, surviving restarts). With a Redis URL (`portico up --redis redis://…`), both live in Redis so
// gateways and portal servers on several hosts agree. Each backend's module is imported when it is chosen, so a
// process without --redis never loads a Redis client (docs/data-plane.md, "Memory of a gateway worker").
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiKeyStore } from '@portico/apikeys';
import type { CounterStore } from '@portico/ratelimit/core';

export interface SharedState {
  apiKeys: ApiKeyStore;
  counters: CounterStore;
  /** For banners and logs: `sqlite (<dir>)` or `redis (<url without password>)`. */
  description: string;
  close(): Promise<void>;
}

export interface SharedStateOptions {
  stateDir: string;
  redisUrl?: string | null;
  /** Redis only: where the rate-limit counters live (default `portico:rl:`); tests sharing one Redis keep apart. */
  counterKeyPrefix?: string;
}

export async function openSharedState(opts: SharedStateOptions): Promise<SharedState> {
  if (opts.redisUrl) {
    const url = new URL(opts.redisUrl);
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new TypeError(`--redis: expected a redis:// URL, got ${opts.redisUrl}`);
    const apiKeys = await openApiKeyStore(opts);
    const { createRedisCounterStore } = await import('@portico/ratelimit/redis');
    const counters = await createRedisCounterStore({ url: opts.redisUrl, ...(opts.counterKeyPrefix ? { keyPrefix: opts.counterKeyPrefix } : {}) });
    url.password = '';
    return { apiKeys, counters, description: `redis (${url.href})`, close: async () => void (await Promise.all([apiKeys.close(), counters.close()])) };
  }
  mkdirSync(opts.stateDir, { recursive: true });
  const apiKeys = await openApiKeyStore(opts);
  const { createPersistedCounterStore } = await import('@portico/ratelimit/sqlite');
  // Counted in memory, written in batches (docs/data-plane.md). Opened on first use: with gateway workers the
  // counters live in the counter service's thread instead (gateways.ts), and a second store on the same file here
  // would count apart from it.
  let counters: CounterStore | null = null;
  return {
    apiKeys,
    get counters() {
      return (counters ??= createPersistedCounterStore({ path: join(opts.stateDir, 'ratelimit.db') }));
    },
    description: `sqlite (${opts.stateDir})`,
    close: async () => void (await Promise.all([apiKeys.close(), counters?.close()])),
  };
}

/** The API key store: Redis with a URL, else <stateDir>/apikeys.db (the directory exists). Gateway workers open
 *  their own through this too. */
export async function openApiKeyStore(where: { stateDir: string; redisUrl?: string | null }): Promise<ApiKeyStore> {
  if (where.redisUrl) {
    const { createRedisApiKeyStore } = await import('@portico/apikeys/redis');
    return createRedisApiKeyStore({ url: where.redisUrl });
  }
  const { createSqliteApiKeyStore } = await import('@portico/apikeys/sqlite');
  return createSqliteApiKeyStore({ path: join(where.stateDir, 'apikeys.db') });
}
