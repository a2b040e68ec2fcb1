// Redis counters, shared by every gateway replica. Like envoyproxy/ratelimit: INCRBY + EXPIRE per key,
// here inside MULTI so a counter never exists without its expiry. The client never queues commands while
// disconnected (enableOfflineQueue: false) so an outage surfaces at once as RL_STORE_UNAVAILABLE — the
// caller then fails open or closed per route (denyOnFail) — and ioredis reconnects in the background,
// so service resumes by itself.
import { connectInBackground, createRedisClient } from '@portico/redis';
import { RateLimitError } from '../errors.ts';
import type { CounterIncrement, CounterStore } from './types.ts';

export interface RedisCounterStoreOptions {
  url: string;
  /** Prefix for every key; lets tests and tenants share one Redis. */
  keyPrefix?: string;
  /** Upper bound for one round trip; default 1000 ms (routes usually impose a tighter timeout). */
  commandTimeoutMs?: number;
}

export async function createRedisCounterStore(opts: RedisCounterStoreOptions): Promise<CounterStore> {
  const prefix = opts.keyPrefix ?? 'portico:rl:';
  const redis = createRedisClient(opts.url, { commandTimeoutMs: opts.commandTimeoutMs ?? 1000 });
  // Not reachable now: calls fail (open) until the background reconnect succeeds.
  await connectInBackground(redis);
  let closed = false;

  return {
    kind: 'redis',
    async incrementAll(items: readonly CounterIncrement[]): Promise<number[]> {
      if (closed) throw new RateLimitError('RL_STORE_CLOSED', 'redis counter store is closed');
      const tx = redis.multi();
      for (const { key, ttlSeconds } of items) tx.incrby(prefix + key, 1).expire(prefix + key, ttlSeconds);
      let res: [Error | null, unknown][] | null;
      try {
        res = await tx.exec();
      } catch (err) {
        throw new RateLimitError('RL_STORE_UNAVAILABLE', `redis counter store: ${(err as Error).message}`, { cause: err });
      }
      if (!res) throw new RateLimitError('RL_STORE_UNAVAILABLE', 'redis counter store: transaction aborted');
      return items.map((_, i) => {
        const [err, value] = res[i * 2]!;
        if (err) throw new RateLimitError('RL_STORE_UNAVAILABLE', `redis counter store: ${err.message}`, { cause: err });
        return Number(value);
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      redis.disconnect();
    },
  };
}
