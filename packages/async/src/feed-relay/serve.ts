// The primary's end of a relayed feed: the source feed runs once (in the primary) and what it reports goes to every
// channel whose worker said hello. A worker that says hello (at start, or a restarted one) first gets the whole
// current state (`snapshot()`, built from the primary's mirror of the source) and `ready`, then every later event:
// both are sent synchronously, so nothing published between them is missed or reordered. A worker's sync is
// answered after a source sync that started after it asked (coalesced: concurrent asks from every worker share
// one), so every event the source reported before it answered reaches the worker before the answer (IPC keeps
// order).
import { createCoalescedBarrier } from '../barrier/coalesced-barrier.ts';
import type { FeedRelayChannel } from './channel.ts';
import { FEED_RELAY_TAG, isFeedRelayMessage, type FeedRelayAsk, type FeedRelayTell } from './messages.ts';

export interface FeedRelayServerOptions<E> {
  /** The feed's name, the same on both ends. */
  feed: string;
  /** The events that bring a new follower from nothing to the current state (e.g. one reset). */
  snapshot(): E[];
  /** The source feed's barrier: resolves once every change committed before the call was published. */
  sync(): Promise<void>;
}

export interface FeedRelayServer<E> {
  /**
   * Relays the feed over `channel` (from its hello on) until the channel disconnects; returns a function that stops
   * (and tells the worker, whose feed then reports lost). Call it before the worker can say hello (right after
   * forking it): a hello that arrives before is not seen, and that worker's start never resolves.
   */
  serve(channel: FeedRelayChannel): () => void;
  /** Sends an event to every channel that said hello. */
  publish(event: E): void;
  /** Stops serving every channel (each worker's feed reports lost); syncs in flight are answered with an error. */
  close(): void;
}

const ignore = () => undefined;

export function createFeedRelayServer<E>(o: FeedRelayServerOptions<E>): FeedRelayServer<E> {
  const syncs = createCoalescedBarrier({ name: `${o.feed} feed relay sync`, round: () => o.sync() });
  /** Channels that said hello: they have the state and follow the events. */
  const following = new Set<FeedRelayChannel>();
  const stops = new Set<() => void>();
  const tell = (ch: FeedRelayChannel, m: FeedRelayTell<E>) => {
    // A channel that closed meanwhile is dropped on its 'disconnect'; the failed send needs no handling.
    try {
      ch.send(m, ignore);
    } catch {
      // a synchronous failure (serialization) must not stop the other channels
    }
  };
  const event = (e: E): FeedRelayTell<E> => ({ t: FEED_RELAY_TAG, feed: o.feed, k: 'event', e });

  return {
    serve(ch) {
      const onMessage = (m: unknown) => {
        if (!isFeedRelayMessage<FeedRelayAsk>(m, o.feed)) return;
        if (m.k === 'hello') {
          following.add(ch);
          for (const e of o.snapshot()) tell(ch, event(e));
          tell(ch, { t: FEED_RELAY_TAG, feed: o.feed, k: 'ready' });
        } else if (m.k === 'sync') {
          const { id } = m;
          syncs.wait().then(
            () => tell(ch, { t: FEED_RELAY_TAG, feed: o.feed, k: 'synced', id }),
            (err: Error) => tell(ch, { t: FEED_RELAY_TAG, feed: o.feed, k: 'synced', id, error: err.message }),
          );
        }
      };
      const detach = () => {
        const followed = following.delete(ch);
        stops.delete(stop);
        ch.off('message', onMessage);
        ch.off('disconnect', detach);
        return followed;
      };
      /** Stopped while the channel is up: the worker learns it, or its syncs would wait forever. */
      const stop = () => {
        if (detach()) tell(ch, { t: FEED_RELAY_TAG, feed: o.feed, k: 'closed' });
      };
      stops.add(stop);
      ch.on('message', onMessage);
      ch.on('disconnect', detach);
      return stop;
    },
    publish(e) {
      if (following.size === 0) return;
      const m = event(e);
      for (const ch of following) tell(ch, m);
    },
    close() {
      syncs.close();
      for (const stop of [...stops]) stop();
    },
  };
}
