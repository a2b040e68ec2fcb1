// A JWKS fetched from the IdP, kept OFF the request path: loaded at start and refreshed every
// refreshInterval by a timer; a failed refresh keeps the last good keys and retries with backoff (never
// Gloo's I-7803, where a JWKS that was down at load stayed broken). Requests only read the current key set.
// An unknown kid may trigger a reload under a policy (never / always / rate-limited with a cooldown); one
// reload is in flight at a time, and a request waits for it at most `unknownKidWaitMs`, so a hanging IdP
// never stalls requests. Every fetch carries a timeout and a size cap.
//
// Why not jose's createRemoteJWKSet (style.md convention 13): it reloads on the request path once its cache is
// stale and fails the request when that reload fails; Portico must keep serving the last good keys instead,
// and must filter keys by its own policy (key-policy.ts).
import type { AuthLogger } from '../pipeline/deps.ts';
import { keySetFromJwks, type KeyEntry, type KeySet } from './key-set.ts';

export type UnknownKidPolicy = 'never' | 'always' | 'rateLimited';

export interface RemoteJwksOptions {
  url: string;
  refreshIntervalMs: number;
  timeoutMs: number;
  unknownKid: UnknownKidPolicy;
  /** rateLimited: at most one unknown-kid reload per this many ms. */
  cooldownMs: number;
  /** Longest a request waits for an unknown-kid reload before it is denied. */
  unknownKidWaitMs: number;
  maxBytes: number;
}

export const REMOTE_JWKS_DEFAULTS = {
  refreshIntervalMs: 5 * 60_000,
  timeoutMs: 5_000,
  unknownKid: 'never' as UnknownKidPolicy, // Gloo's jwksCacheRefreshPolicy default
  cooldownMs: 30_000,
  unknownKidWaitMs: 500,
  maxBytes: 512 * 1024,
};

export interface RemoteJwksDeps {
  fetch: typeof fetch;
  now(): number;
  logger: AuthLogger;
}

export class RemoteJwks {
  readonly options: RemoteJwksOptions;
  private readonly deps: RemoteJwksDeps;
  private keySet: KeySet | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private lastUnknownKidReloadMs = Number.NEGATIVE_INFINITY;
  private closed = false;
  private readonly listeners = new Set<() => void>();
  lastError: string | null = null;
  fetchCount = 0;

  constructor(options: RemoteJwksOptions, deps: RemoteJwksDeps) {
    this.options = options;
    this.deps = deps;
  }

  start(): void {
    void this.reload();
  }

  /** True once a key set has been loaded (it may be stale if the IdP is down since). */
  get loaded(): boolean {
    return this.keySet !== null;
  }

  /** Every usable key (for tokens without kid, when a policy allows them). */
  allKeys(): Iterable<KeyEntry> {
    return this.keySet?.entries.values() ?? [];
  }

  getKey(kid: string): KeyEntry | undefined {
    return this.keySet?.entries.get(kid);
  }

  /** Called when the key set changes (e.g. to drop cached verified tokens). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** For a kid not in the current set: reload if the policy allows, wait (bounded) and look again. */
  async resolveUnknownKid(kid: string, signal: AbortSignal): Promise<KeyEntry | undefined> {
    const policy = this.options.unknownKid;
    const now = this.deps.now();
    if (policy === 'never') return undefined;
    if (policy === 'rateLimited' && this.inFlight === null && now - this.lastUnknownKidReloadMs < this.options.cooldownMs) return undefined;
    if (this.inFlight === null) this.lastUnknownKidReloadMs = now;
    const reload = this.reload();
    await waitBounded(reload, this.options.unknownKidWaitMs, signal);
    return this.getKey(kid);
  }

  /** Single-flight reload; concurrent callers share one fetch. */
  reload(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.fetchOnce().finally(() => {
      this.inFlight = null;
      this.schedule();
    });
    return this.inFlight;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    // After a failure retry sooner (1 s, 2 s, 4 s … capped at 30 s and at the refresh interval).
    const delay = this.failures === 0 ? this.options.refreshIntervalMs : Math.min(this.options.refreshIntervalMs, 1000 * 2 ** Math.min(this.failures - 1, 5));
    this.timer = setTimeout(() => void this.reload(), delay);
    this.timer.unref();
  }

  private async fetchOnce(): Promise<void> {
    this.fetchCount++;
    const { url, timeoutMs, maxBytes } = this.options;
    try {
      const res = await this.deps.fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' }, redirect: 'error' });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      const declared = Number(res.headers.get('content-length') ?? '0');
      if (declared > maxBytes) throw new Error(`JWKS larger than ${maxBytes} bytes`);
      const text = await res.text();
      if (text.length > maxBytes) throw new Error(`JWKS larger than ${maxBytes} bytes`);
      const set = keySetFromJwks(JSON.parse(text), { allowSymmetric: false });
      if (!set.ok) throw new Error(set.message);
      if (set.value.ignored.length) this.deps.logger.warn({ jwksUrl: url, ignored: set.value.ignored }, 'JWKS keys ignored');
      const changed = this.keySet === null || !sameKids(this.keySet, set.value);
      this.keySet = set.value;
      this.failures = 0;
      this.lastError = null;
      if (changed) for (const l of this.listeners) l();
    } catch (err) {
      this.failures++;
      this.lastError = err instanceof Error ? err.message : String(err);
      // Keep the last good keys: an IdP outage must not turn into an auth outage.
      this.deps.logger.warn({ jwksUrl: url, error: this.lastError, keptKeys: this.keySet?.entries.size ?? 0 }, 'failed to fetch JWKS');
    }
  }
}

function sameKids(a: KeySet, b: KeySet): boolean {
  if (a.entries.size !== b.entries.size) return false;
  for (const kid of a.entries.keys()) if (!b.entries.has(kid)) return false;
  return true;
}

function waitBounded(p: Promise<void>, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
    p.then(done, done);
  });
}
