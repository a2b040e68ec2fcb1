// Failed API-key guesses per client address (issue 11 item 8). A fixed window per address: after `maxFailures`
// unknown keys within `windowSeconds`, every key from that address is refused (429 + Retry-After) until the
// window ends — a guesser learns nothing more, and a valid key presented from the blocked address waits too.
// One table per ext-auth process, shared by every apiKeyAuth step; bounded, dropping the oldest entries first.

export interface GuessLimit {
  maxFailures: number;
  windowSeconds: number;
  /** Addresses tracked at once (default 100 000); beyond it the oldest windows are forgotten. */
  maxTracked?: number;
}

/** What a portal would ship: 30 wrong keys per minute per address is far above any honest client's mistakes. */
export const DEFAULT_GUESS_LIMIT: GuessLimit = { maxFailures: 30, windowSeconds: 60 };

interface Window {
  startedMs: number;
  failures: number;
}

export class GuessThrottle {
  readonly #limit: Required<GuessLimit>;
  readonly #now: () => number;
  /** Insertion order = window start order (an address re-inserted when its window restarts). */
  readonly #windows = new Map<string, Window>();

  constructor(limit: GuessLimit, now: () => number) {
    this.#limit = { maxTracked: 100_000, ...limit };
    this.#now = now;
  }

  get size(): number {
    return this.#windows.size;
  }

  /** Seconds the address must wait (0 = not blocked). */
  blockedFor(address: string): number {
    const w = this.#current(address);
    if (w === undefined || w.failures < this.#limit.maxFailures) return 0;
    return Math.max(1, Math.ceil((w.startedMs + this.#limit.windowSeconds * 1000 - this.#now()) / 1000));
  }

  fail(address: string): void {
    let w = this.#current(address);
    if (w === undefined) {
      w = { startedMs: this.#now(), failures: 0 };
      this.#windows.set(address, w);
      if (this.#windows.size > this.#limit.maxTracked) this.#windows.delete(this.#windows.keys().next().value!);
    }
    w.failures++;
  }

  #current(address: string): Window | undefined {
    const w = this.#windows.get(address);
    if (w !== undefined && this.#now() - w.startedMs >= this.#limit.windowSeconds * 1000) {
      this.#windows.delete(address);
      return undefined;
    }
    return w;
  }
}
