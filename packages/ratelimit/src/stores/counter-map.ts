// Fixed-window counters in a Map: what the memory store counts with, and what the persisted store keeps in
// memory between its batched writes. Keys embed their window start, so an expired counter is never read again.

export interface Counter {
  count: number;
  expiresAt: number;
}

export class CounterMap {
  readonly counters = new Map<string, Counter>();

  /** One hit at time `t`; returns the new count. */
  increment(key: string, ttlSeconds: number, t: number): number {
    const c = this.counters.get(key);
    if (c === undefined || c.expiresAt <= t) {
      this.counters.set(key, { count: 1, expiresAt: t + ttlSeconds * 1000 });
      return 1;
    }
    c.count += 1;
    return c.count;
  }

  sweep(t: number): void {
    for (const [k, v] of this.counters) if (v.expiresAt <= t) this.counters.delete(k);
  }
}
