// A worker's end of a relayed feed (serve.ts is the primary's): says hello, hands the events to the feed-specific
// side in order, and reports `ready` once the whole state arrived. sync() is one message round trip to the primary,
// through a coalesced barrier, so concurrent misses in this worker share one round. When the channel breaks (the
// primary is gone, or it stopped relaying) the feed reports it once through `onBroken` and every sync, waiting or
// later, rejects: the feed-specific side reports `lost`, so lookups fail closed.
import { createCoalescedBarrier } from '../barrier/coalesced-barrier.ts';
import { AsyncError } from '../errors.ts';
import type { FeedRelayChannel } from './channel.ts';
import { FEED_RELAY_TAG, isFeedRelayMessage, type FeedRelayAsk, type FeedRelayTell } from './messages.ts';

export interface FeedRelayClientOptions<E> {
  /** The feed's name, the same on both ends. */
  feed: string;
  channel: FeedRelayChannel;
  /** One event, in the order the primary published it. */
  onEvent(event: E): void;
  /** The whole state has arrived (after the hello this client sent). */
  onReady(): void;
  /** The channel broke (the primary is gone); called once, never after close(). */
  onBroken(err: AsyncError): void;
}

export interface FeedRelayClient {
  /** Resolves once every change the source had when the primary got this request has been handed to onEvent. */
  sync(): Promise<void>;
  /** Stops listening; waiting syncs reject. */
  close(): void;
}

export function openFeedRelayClient<E>(o: FeedRelayClientOptions<E>): FeedRelayClient {
  const ch = o.channel;
  let nextId = 1;
  /** The sync this client asked and the primary has not answered (the barrier keeps at most one in flight). */
  let asked: { id: number; answered: () => void; failed: (err: Error) => void } | null = null;
  let done = false;
  const syncs = createCoalescedBarrier({
    name: `${o.feed} feed relay sync`,
    round: () =>
      new Promise<void>((answered, failed) => {
        const id = nextId++;
        asked = { id, answered, failed };
        send({ t: FEED_RELAY_TAG, feed: o.feed, k: 'sync', id });
      }),
  });
  const stop = (err: AsyncError) => {
    if (done) return false;
    done = true;
    ch.off('message', onMessage);
    ch.off('disconnect', onDisconnect);
    syncs.close(err);
    asked?.failed(err);
    asked = null;
    return true;
  };
  const broken = (why: string) => {
    const err = new AsyncError('ASYNC_FEED_RELAY_BROKEN', `${o.feed} feed relay: ${why}`);
    if (stop(err)) o.onBroken(err);
  };
  function send(m: FeedRelayAsk) {
    try {
      ch.send(m, (err) => err && broken(`cannot reach the primary process (${err.message})`));
    } catch (err) {
      broken(`cannot reach the primary process (${(err as Error).message})`);
    }
  }
  function onMessage(raw: unknown) {
    if (!isFeedRelayMessage<FeedRelayTell<E>>(raw, o.feed)) return;
    const m = raw;
    if (m.k === 'event') o.onEvent(m.e);
    else if (m.k === 'ready') o.onReady();
    else if (m.k === 'closed') broken('the primary process stopped relaying it');
    else if (m.k === 'synced' && asked?.id === m.id) {
      const a = asked;
      asked = null;
      if (m.error === undefined) a.answered();
      else a.failed(new AsyncError('ASYNC_FEED_RELAY_SYNC_FAILED', `${o.feed} feed relay: the primary's feed could not sync: ${m.error}`));
    }
  }
  function onDisconnect() {
    broken('the channel to the primary process closed');
  }
  ch.on('message', onMessage);
  ch.on('disconnect', onDisconnect);
  // Reported after the caller had the client (and so could not have missed onBroken).
  if (ch.connected === false) queueMicrotask(() => broken('the channel to the primary process is closed'));
  else send({ t: FEED_RELAY_TAG, feed: o.feed, k: 'hello' });

  return {
    sync: () => syncs.wait(),
    close() {
      stop(new AsyncError('ASYNC_FEED_RELAY_CLOSED', `${o.feed} feed relay: closed`));
    },
  };
}
