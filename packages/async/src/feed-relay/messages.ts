// The generic messages of a relayed feed, shared by both ends (serve.ts in the primary, client.ts in a worker).
// Every message carries the relay tag and the feed's name, so several feeds (and other IPC users such as the
// rate-limit counters) share one channel. What an `event` holds is the feed's own business (apikeys, portal-apps).
//   worker → primary: hello (send me the whole state, then follow), sync (answer once the source has synced)
//   primary → worker: event (in order), ready (the whole state went out after a hello), synced (answers a sync),
//                     closed (the primary stopped relaying this feed: the worker's feed is lost, as when the
//                     channel breaks — a sync asked afterwards would never be answered)
export const FEED_RELAY_TAG = 'portico.feed';

interface Tagged {
  t: typeof FEED_RELAY_TAG;
  /** The feed's name, the same on both ends (e.g. "apikeys", "portal-apps"). */
  feed: string;
}
export type FeedRelayAsk = Tagged & ({ k: 'hello' } | { k: 'sync'; id: number });
export type FeedRelayTell<E> = Tagged & ({ k: 'event'; e: E } | { k: 'ready' } | { k: 'synced'; id: number; error?: string } | { k: 'closed' });

export function isFeedRelayMessage<M extends Tagged>(m: unknown, feed: string): m is M {
  return typeof m === 'object' && m !== null && (m as Tagged).t === FEED_RELAY_TAG && (m as Tagged).feed === feed;
}
