import type { ApiKeyRecord } from '../types.ts';

/** What a key feed tells the index. */
export interface KeyFeedHandlers {
  /** Every stored key, by SHA-256: at start and after any gap in the feed (reconnect, pruned change log). */
  reset(all: Map<string, ApiKeyRecord>): void;
  /** One key was created (record) or deleted (null). */
  change(hash: string, record: ApiKeyRecord | null): void;
  /** The feed cannot vouch for the index any more (store unreachable); the next reset restores it. */
  lost(reason: string): void;
}

/** Follows a key store's changes: the sqlite change log (embedded) or Redis pub/sub (--redis). */
export interface KeyFeed {
  /** Resolves after the first reset (or rejects when the store cannot be read at all). */
  start(handlers: KeyFeedHandlers): Promise<void>;
  /**
   * Resolves once every change committed before the call has been handed to `change` (a barrier), so an index miss
   * can be answered from memory: Redis, a PING on the subscriber connection (its reply comes after every message
   * published before it); sqlite, a poll the feed's worker thread runs on request. Coalesced: calls that overlap
   * share one round.
   * Rejects when the feed cannot tell (store unreachable).
   */
  sync(): Promise<void>;
  close(): Promise<void>;
}
