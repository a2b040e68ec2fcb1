// The primary's side of the relayed key feed (`portico up --workers N`, embedded stores): the real feed (the
// sqlite thread) runs once, here, and every worker follows it over its IPC channel (worker.ts) instead of running
// its own thread. The primary keeps a mirror of what the source told it — every key by hash, and whether it is
// lost — so a worker that says hello (at start, or restarted) gets the whole current state as one reset, then the
// changes. Changes reported in one turn (one poll's) go out as one message.
import { createFeedRelayServer, type FeedRelayChannel } from '@portico/async';
import type { ApiKeyRecord } from '../../types.ts';
import type { KeyFeed } from '../feed.ts';
import { KEY_FEED_RELAY_NAME, type KeyRelayEvent } from './events.ts';

export interface KeyFeedRelay {
  /** Relays the feed to the worker at the other end of `channel` until it disconnects; returns a stop function. */
  serve(channel: FeedRelayChannel): () => void;
  /** Stops relaying and closes the source feed. */
  close(): Promise<void>;
}

/** Starts `source` (resolves after its first reset, rejects as its start does) and relays it. */
export async function startKeyFeedRelay(source: KeyFeed): Promise<KeyFeedRelay> {
  const mirror = new Map<string, ApiKeyRecord>();
  let lostReason: string | null = null;
  /** Changes of this turn, not sent yet. */
  let pending: [string, ApiKeyRecord | null][] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const list = pending;
    pending = [];
    relay.publish({ k: 'changes', list });
  };
  const relay = createFeedRelayServer<KeyRelayEvent>({
    feed: KEY_FEED_RELAY_NAME,
    snapshot() {
      flush(); // the followers already there get this turn's changes; the newcomer has them in the reset
      const events: KeyRelayEvent[] = [{ k: 'reset', all: [...mirror] }];
      if (lostReason !== null) events.push({ k: 'lost', reason: lostReason });
      return events;
    },
    sync: () => source.sync(),
  });
  await source.start({
    reset(all) {
      pending = [];
      mirror.clear();
      for (const [hash, record] of all) mirror.set(hash, record);
      lostReason = null;
      relay.publish({ k: 'reset', all: [...all] });
    },
    change(hash, record) {
      if (record) mirror.set(hash, record);
      else mirror.delete(hash);
      if (pending.length === 0) queueMicrotask(flush);
      pending.push([hash, record]);
    },
    lost(reason) {
      flush();
      lostReason = reason;
      relay.publish({ k: 'lost', reason });
    },
  });
  return {
    serve: (channel) => relay.serve(channel),
    async close() {
      relay.close();
      await source.close();
    },
  };
}
