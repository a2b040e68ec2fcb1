import type { AppEntry } from './app-entries.ts';

/** What a change feed tells the credential view. */
export interface AppsFeedHandlers {
  /**
   * The feed starts over (at start, after a reconnect or a replaced worker): replace the whole view with these
   * apps; the rest of them may follow as `changes`.
   */
  reset(apps: AppEntry[]): void;
  /** These apps changed (replace each whole) or are gone. */
  changes(put: AppEntry[], removed: string[]): void;
  /** The feed cannot vouch for the view any more (connection lost, a reload failed, its worker died). */
  lost(err: Error): void;
  /** The feed follows every change again (after `lost`). */
  following(): void;
}

/**
 * Follows the portal database's changes for the credential view: PostgreSQL LISTEN/NOTIFY on the event loop
 * (postgres-view-feed.ts), or SQLite data_version polled by a worker thread (sqlite-view-feed.ts).
 */
export interface AppsFeed {
  /**
   * A barrier: resolves once every change committed before the call has been handed to the handlers, so a miss
   * can be answered from memory. One round at a time; the credential view coalesces its callers.
   */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a feed for a credential view (openCredentialView's `feed` option): resolves once every app has been handed
 * to the handlers. The view's default is its own feed on the database; relayedAppsFeed (relay/worker.ts) follows
 * the one the primary process runs.
 */
export type AppsFeedSource = (handlers: AppsFeedHandlers) => Promise<AppsFeed>;
