export interface CounterIncrement {
  key: string;
  /** The counter disappears this many seconds after its window started (= the window length). */
  ttlSeconds: number;
}

/** A place to count hits per fixed window; shared by every replica that points at the same store. */
export interface CounterStore {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /**
   * Adds one hit to every counter and returns their new values, in order. Stores that count in memory (memory,
   * persisted) answer synchronously, so a rate-limit decision on them costs no promise; stores that do I/O (Redis,
   * another process, the per-request sqlite store) answer with a promise. Failures are always a rejected promise
   * (RL_STORE_UNAVAILABLE, RL_STORE_CLOSED), never a throw.
   */
  incrementAll(items: readonly CounterIncrement[]): number[] | Promise<number[]>;
  close(): Promise<void>;
}
