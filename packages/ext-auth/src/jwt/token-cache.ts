// Verified-token cache: keyed by a SHA-256 of the token (the token itself is never kept as a key), valid
// until min(exp, cacheTimeout) (gloo-api.md §2.5). Bounded: the oldest entries go first.
import { hash } from 'node:crypto';

export interface CachedToken<V> {
  value: V;
  expiresAtMs: number;
}

export class TokenCache<V> {
  private readonly entries = new Map<string, CachedToken<V>>();
  private readonly maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.maxEntries = maxEntries;
  }

  static keyOf(token: string): string {
    return hash('sha256', token, 'base64url'); // one-shot: no Hash object per request
  }

  get(key: string, nowMs: number): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    if (e.expiresAtMs <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V, expiresAtMs: number): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAtMs });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
