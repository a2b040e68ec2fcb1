// A gateway worker's credential-view feed when the primary runs the real one (primary.ts): an AppsFeed over the
// worker's IPC channel, so the worker runs no thread for the portal file (no second V8 isolate) and does not poll
// it. Pass it as openCredentialView's `feed`.
//   start: says hello; resolves once the primary's whole state (reset, changes…, following or lost) has arrived;
//   sync: one message round trip — the primary syncs its source, and every change relayed before the answer
//         arrives before it (the view coalesces its misses onto it);
//   lost / following: relayed from the source; `lost` is also reported here when the channel breaks (the primary
//         is gone), so the view fails closed after its staleAfterMs, as when its own feed cannot follow changes.
import { openFeedRelayClient, type FeedRelayChannel } from '@portico/async';
import type { AppsFeed, AppsFeedSource } from '../apps-feed.ts';
import { APPS_FEED_RELAY_NAME, fromWire, type AppsRelayEvent } from './events.ts';

export function relayedAppsFeed(channel: FeedRelayChannel): AppsFeedSource {
  return (h) =>
    new Promise<AppsFeed>((resolve, reject) => {
      let started = false;
      const client = openFeedRelayClient<AppsRelayEvent>({
        feed: APPS_FEED_RELAY_NAME,
        channel,
        onEvent(e) {
          if (e.k === 'reset') h.reset(e.apps.map(fromWire));
          else if (e.k === 'changes') h.changes(e.put.map(fromWire), e.removed);
          else if (e.k === 'lost') h.lost(new Error(e.message));
          else h.following();
        },
        onReady() {
          if (!started) (started = true), resolve(feed);
        },
        onBroken(err) {
          if (!started) reject(err);
          else h.lost(err);
        },
      });
      const feed: AppsFeed = {
        sync: () => client.sync(),
        async close() {
          client.close();
        },
      };
    });
}
