// In-process counters: for a single gateway process and for tests. The sweep only bounds memory.
import { RateLimitError } from '../errors.ts';
import { CounterMap } from './counter-map.ts';
import type { CounterIncrement, CounterStore } from './types.ts';

export function createMemoryCounterStore(opts: { now?: () => number; sweepIntervalMs?: number } = {}): CounterStore {
  const now = opts.now ?? Date.now;
  const map = new CounterMap();
  let closed = false;
  const sweep = setInterval(() => map.sweep(now()), opts.sweepIntervalMs ?? 30_000);
  sweep.unref();
  return {
    kind: 'memory',
    incrementAll(items: readonly CounterIncrement[]): number[] | Promise<number[]> {
      if (closed) return Promise.reject(new RateLimitError('RL_STORE_CLOSED', 'memory counter store is closed'));
      const t = now();
      return items.map(({ key, ttlSeconds }) => map.increment(key, ttlSeconds, t));
    },
    async close(): Promise<void> {
      closed = true;
      clearInterval(sweep);
      map.counters.clear();
    },
  };
}
