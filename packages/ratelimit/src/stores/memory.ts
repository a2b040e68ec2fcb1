// In-process counters: for a single gateway process and for tests. Keys embed their window start, so an
// expired counter is never read again; the sweep only bounds memory.
import { RateLimitError } from '../errors.ts';
import type { CounterIncrement, CounterStore } from './types.ts';

export function createMemoryCounterStore(opts: { now?: () => number; sweepIntervalMs?: number } = {}): CounterStore {
  const now = opts.now ?? Date.now;
  const counters = new Map<string, { count: number; expiresAt: number }>();
  let closed = false;
  const sweep = setInterval(() => {
    const t = now();
    for (const [k, v] of counters) if (v.expiresAt <= t) counters.delete(k);
  }, opts.sweepIntervalMs ?? 30_000);
  sweep.unref();
  return {
    kind: 'memory',
    async incrementAll(items: readonly CounterIncrement[]): Promise<number[]> {
      if (closed) throw new RateLimitError('RL_STORE_CLOSED', 'memory counter store is closed');
      const t = now();
      return items.map(({ key, ttlSeconds }) => {
        const c = counters.get(key);
        if (!c || c.expiresAt <= t) {
          counters.set(key, { count: 1, expiresAt: t + ttlSeconds * 1000 });
          return 1;
        }
        c.count += 1;
        return c.count;
      });
    },
    async close(): Promise<void> {
      closed = true;
      clearInterval(sweep);
      counters.clear();
    },
  };
}
