export interface CounterIncrement {
  key: string;
  /** The counter disappears this many seconds after its window started (= the window length). */
  ttlSeconds: number;
}

/** A place to count hits per fixed window; shared by every replica that points at the same store. */
export interface CounterStore {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** Adds one hit to every counter and returns their new values, in order. Rejects with RL_STORE_UNAVAILABLE. */
  incrementAll(items: readonly CounterIncrement[]): Promise<number[]>;
  close(): Promise<void>;
}
