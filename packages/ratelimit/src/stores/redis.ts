// Redis counters, shared by every gateway replica. Like envoyproxy/ratelimit (INCRBY + EXPIRE per key), but
// the hits of every request that arrives in one turn of the event loop travel as ONE command: a Lua script
// (EVALSHA, loaded once) that adds each distinct key's hits with INCRBY and sets the expiry when it created the
// counter. So a request costs at most one round trip, and concurrent requests share it: the Redis work and
// the client's CPU (one command, one timer, one socket write) grow with the number of event-loop turns, not
// with requests. Counts stay exact: a key hit n times in a batch gets INCRBY n, and its callers are handed
// the consecutive values total-n+1 … total, as if the hits had arrived one by one.
// One batch is in flight at a time: the hits that arrive during its round trip wait and go together as the next
// one, so under load a batch holds every request of a round trip instead of those of one event-loop turn (fewer,
// larger commands: less CPU per request in the client and in Redis); on an idle gateway it is one round trip.
// The script runs atomically, so a counter never exists without its expiry. With Redis Cluster the keys of
// one batch would have to share a slot; Portico speaks to a single Redis (or a primary behind Sentinel/proxy).
// The client never queues commands while disconnected (enableOfflineQueue: false) so an outage surfaces at once
// as RL_STORE_UNAVAILABLE — the caller then fails open or closed per route (denyOnFail) — and ioredis
// reconnects in the background, so service resumes by itself.
import { connectInBackground, createRedisClient, type RedisClient } from '@portico/redis';
import { RateLimitError } from '../errors.ts';
import type { CounterIncrement, CounterStore } from './types.ts';

export interface RedisCounterStoreOptions {
  url: string;
  /** Prefix for every key; lets tests and tenants share one Redis. */
  keyPrefix?: string;
  /** Upper bound for one round trip; default 1000 ms (routes usually impose a tighter timeout). */
  commandTimeoutMs?: number;
}

// KEYS: the distinct counters; ARGV: hits and TTL seconds of each, in pairs. Returns the new counts in order.
const INCREMENT_ALL = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = tonumber(ARGV[2 * i - 1])
  local v = redis.call('INCRBY', key, n)
  if v == n then redis.call('EXPIRE', key, ARGV[2 * i]) end
  out[i] = v
end
return out`;

/** Distinct keys per script call: bounds how long one call holds Redis when a huge batch arrives. */
const MAX_KEYS_PER_CALL = 500;

type IncrementClient = RedisClient & { porticoIncrementAll(numKeys: number, ...args: (string | number)[]): Promise<number[]> };

interface Pending {
  items: readonly CounterIncrement[];
  resolve: (counts: number[]) => void;
  reject: (err: Error) => void;
}

export async function createRedisCounterStore(opts: RedisCounterStoreOptions): Promise<CounterStore> {
  const prefix = opts.keyPrefix ?? 'portico:rl:';
  const redis = createRedisClient(opts.url, { commandTimeoutMs: opts.commandTimeoutMs ?? 1000 }) as IncrementClient;
  // ioredis sends EVALSHA and falls back to EVAL once when Redis does not know the script (NOSCRIPT).
  redis.defineCommand('porticoIncrementAll', { lua: INCREMENT_ALL });
  // Not reachable now: calls fail (open) until the background reconnect succeeds.
  await connectInBackground(redis);
  let closed = false;
  let queue: Pending[] = [];
  /** A batch's command is on its way; the next batch is sent when it settles. */
  let inFlight = false;
  /** send() is scheduled (setImmediate) and will take the queue. */
  let scheduled = false;
  const schedule = () => {
    if (inFlight || scheduled) return;
    scheduled = true;
    setImmediate(send);
  };

  const unavailable = (err: unknown) =>
    new RateLimitError('RL_STORE_UNAVAILABLE', `redis counter store: ${(err as Error).message}`, { cause: err });

  /** One script call for a slice of distinct keys; resolves to their totals. */
  const call = (keys: string[], hits: Map<string, { n: number; ttl: number }>): Promise<number[]> => {
    const args: (string | number)[] = [...keys];
    for (const k of keys) {
      const h = hits.get(k)!;
      args.push(h.n, h.ttl);
    }
    return redis.porticoIncrementAll(keys.length, ...args);
  };

  const send = (): void => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    inFlight = true;
    const hits = new Map<string, { n: number; ttl: number }>();
    for (const p of batch) {
      for (const { key, ttlSeconds } of p.items) {
        const k = prefix + key;
        const h = hits.get(k);
        if (h === undefined) hits.set(k, { n: 1, ttl: ttlSeconds });
        else h.n += 1;
      }
    }
    const keys = [...hits.keys()];
    const calls: Promise<number[]>[] = [];
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_CALL) calls.push(call(keys.slice(i, i + MAX_KEYS_PER_CALL), hits));
    Promise.all(calls).then(
      (parts) => {
        // Next value handed out per key: starts at total - n + 1 and counts up, one per hit, in arrival order.
        const next = new Map<string, number>();
        let i = 0;
        for (const part of parts) for (const total of part) next.set(keys[i]!, Number(total) - hits.get(keys[i++]!)!.n + 1);
        for (const p of batch) {
          p.resolve(p.items.map(({ key }) => {
            const k = prefix + key;
            const v = next.get(k)!;
            next.set(k, v + 1);
            return v;
          }));
        }
      },
      (err: unknown) => {
        const e = unavailable(err);
        for (const p of batch) p.reject(e);
      },
    ).finally(() => {
      inFlight = false;
      if (queue.length > 0) schedule();
    });
  };

  return {
    kind: 'redis',
    incrementAll(items: readonly CounterIncrement[]): Promise<number[]> {
      if (closed) return Promise.reject(new RateLimitError('RL_STORE_CLOSED', 'redis counter store is closed'));
      if (items.length === 0) return Promise.resolve([]);
      // Fail at once while disconnected (as every command would), instead of holding the batch.
      if (redis.status !== 'ready') return Promise.reject(unavailable(new Error(`connection is ${redis.status}`)));
      return new Promise<number[]>((resolve, reject) => {
        // After the current I/O phase: every request parsed in this turn of the loop (and, while a batch is in
        // flight, every one until it settles) joins the same command.
        queue.push({ items, resolve, reject });
        schedule();
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      redis.disconnect();
    },
  };
}
