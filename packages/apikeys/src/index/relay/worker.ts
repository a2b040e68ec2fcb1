// A gateway worker's key feed when the primary runs the real one (primary.ts): a KeyFeed over the worker's IPC
// channel, so the worker runs no sqlite thread (no second V8 isolate) and does not poll the file.
//   start: says hello; resolves once the primary's whole state (a reset from its mirror) has arrived;
//   sync: one message round trip — the primary syncs its source, and every change relayed before the answer
//         arrives before it; concurrent misses share one round (a coalesced barrier);
//   lost: relayed from the source; and reported here when the channel breaks (the primary is gone), so the
//         index stops vouching for keys (lookups go to the store, which fails closed exactly as without an index).
import { openFeedRelayClient, type FeedRelayChannel, type FeedRelayClient } from '@portico/async';
import type { KeyFeed } from '../feed.ts';
import { KEY_FEED_RELAY_NAME, type KeyRelayEvent } from './events.ts';

export function createRelayedKeyFeed(channel: FeedRelayChannel): KeyFeed {
  let client: FeedRelayClient | null = null;
  return {
    start(h) {
      return new Promise<void>((resolve, reject) => {
        let started = false;
        client = openFeedRelayClient<KeyRelayEvent>({
          feed: KEY_FEED_RELAY_NAME,
          channel,
          onEvent(e) {
            if (e.k === 'reset') h.reset(new Map(e.all));
            else if (e.k === 'changes') for (const [hash, record] of e.list) h.change(hash, record);
            else h.lost(e.reason);
          },
          onReady() {
            if (!started) (started = true), resolve();
          },
          onBroken(err) {
            if (!started) reject(err);
            else h.lost(err.message);
          },
        });
      });
    },
    sync() {
      if (client === null) return Promise.reject(new Error('relayed api key feed: not started'));
      return client.sync();
    },
    async close() {
      client?.close();
      client = null;
    },
  };
}
