// The primary's side of the relayed credential-view feed (`portico up --workers N`): the real feed (on SQLite, the
// worker thread that polls the portal file) runs once, here, and every gateway worker's view follows it over its
// IPC channel (worker.ts) instead of running its own thread. The primary keeps a mirror of what the source told it
// — every app by id, and whether it follows changes — so a worker that says hello (at start, or restarted) gets the
// whole current state (a reset, then the rest as changes, APPS_PER_MESSAGE apps to a message so no message blocks
// the worker's loop for long), then `following` or `lost`, then the changes.
import { createFeedRelayServer, type FeedRelayChannel } from '@portico/async';
import type { AppEntry } from '../app-entries.ts';
import type { AppsFeed } from '../apps-feed.ts';
import { startDatabaseAppsFeed } from '../database-feed.ts';
import { APPS_FEED_RELAY_NAME, toWire, type AppsRelayEvent } from './events.ts';

/** The source's own worker thread posts at most this many apps to a message too (sqlite-view-worker.ts). */
const APPS_PER_MESSAGE = 500;

export interface AppsFeedRelay {
  /** Relays the feed to the worker at the other end of `channel` until it disconnects; returns a stop function. */
  serve(channel: FeedRelayChannel): () => void;
  /** Stops relaying and closes the source feed. */
  close(): Promise<void>;
}

export interface AppsFeedRelayOptions {
  /** SQLite: how often the source checks for other connections' commits (default 100 ms). */
  pollMs?: number;
  /** The source reported it cannot follow changes (a reload failed, its worker died…). */
  onError?: (err: Error) => void;
}

/** Starts the portal database's change feed (resolves once it has every app) and relays it. */
export async function startAppsFeedRelay(location: string, opts: AppsFeedRelayOptions = {}): Promise<AppsFeedRelay> {
  const mirror = new Map<string, AppEntry>();
  /** Why the source stopped following changes (null: it follows them). */
  let lostMessage: string | null = null;
  let source: AppsFeed | null = null;
  const relay = createFeedRelayServer<AppsRelayEvent>({
    feed: APPS_FEED_RELAY_NAME,
    snapshot() {
      const all = [...mirror.values()].map(toWire);
      const events: AppsRelayEvent[] = [{ k: 'reset', apps: all.slice(0, APPS_PER_MESSAGE) }];
      for (let i = APPS_PER_MESSAGE; i < all.length; i += APPS_PER_MESSAGE) events.push({ k: 'changes', put: all.slice(i, i + APPS_PER_MESSAGE), removed: [] });
      events.push(lostMessage === null ? { k: 'following' } : { k: 'lost', message: lostMessage });
      return events;
    },
    sync() {
      if (source === null) return Promise.reject(new Error('portal credential view relay: its source feed is not running'));
      return source.sync();
    },
  });
  const handlers = {
    reset(apps: AppEntry[]) {
      mirror.clear();
      for (const e of apps) mirror.set(e.appId, e);
      relay.publish({ k: 'reset', apps: apps.map(toWire) });
    },
    changes(put: AppEntry[], removed: string[]) {
      for (const id of removed) mirror.delete(id);
      for (const e of put) mirror.set(e.appId, e);
      relay.publish({ k: 'changes', put: put.map(toWire), removed });
    },
    lost(err: Error) {
      lostMessage = err.message;
      opts.onError?.(err);
      relay.publish({ k: 'lost', message: err.message });
    },
    following() {
      lostMessage = null;
      relay.publish({ k: 'following' });
    },
  };
  source = await startDatabaseAppsFeed(location, handlers, opts);
  const started = source;
  return {
    serve: (channel) => relay.serve(channel),
    async close() {
      relay.close();
      await started.close();
    },
  };
}
