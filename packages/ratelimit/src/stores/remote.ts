// Counters owned by another process, reached over a message channel — a process's IPC channel, or the counter
// service's Unix socket (socket-channel.ts): `portico up --workers N` keeps one counter store (memory + batched
// sqlite, stores/persisted.ts) in a thread of the primary (counter-service.ts) and every gateway worker counts
// through it, so limits stay exact across workers without any disk I/O on a worker's request path.
// One batch in flight per worker: the hits that arrive while a batch is on its way travel together as the next
// message, sent when its answer arrives (the first hit of an idle store waits for the end of its turn, so hits of
// one turn share a message). A primary that is slower than the hits arrive (busy applying a large snapshot, say)
// then gets one message per round trip carrying everything that queued, not a message per turn per worker piling
// up; and a batch whose answer never comes fails after `stallMs` instead of holding the hits behind it. On the
// bench host the round trip was shorter than the gap between a worker's keyed requests, so batches stayed at about
// one hit: the primary spent 8.8 µs of CPU per keyed request before and 9.0 after (docs/data-plane.md). Counting
// stays exact and in order: the primary counts every message's hits in the order they were asked.
import { RateLimitError } from '../errors.ts';
import type { CounterIncrement, CounterStore } from './types.ts';

/** A cluster Worker (primary side) or `process` (worker side). */
export interface IpcChannel {
  send(message: unknown): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

const TAG = 'portico.ratelimit';
const STALL_MS = 5000;
interface Ask {
  t: typeof TAG;
  id: number;
  batch: [key: string, ttlSeconds: number][][];
}
interface Answer {
  t: typeof TAG;
  id: number;
  counts?: number[][];
  error?: { code: string; message: string };
}

export interface RemoteCounterStoreOptions {
  /** How long a batch may wait for its answer before it fails and the batches behind it go out (default 5 s). */
  stallMs?: number;
  /** Clock for that bound (tests inject one). */
  now?: () => number;
}

export interface RemoteCounterStore extends CounterStore {
  /** The channel dropped: the batches waiting for an answer fail now (no answer will come), the next goes out. */
  disconnected(reason: string): void;
}

/** Worker side: a CounterStore whose counting happens in the process at the other end of `channel`. */
export function createRemoteCounterStore(channel: IpcChannel, o: RemoteCounterStoreOptions = {}): RemoteCounterStore {
  const stallMs = o.stallMs ?? STALL_MS;
  const now = o.now ?? (() => performance.now());
  let nextId = 1;
  const waiting = new Map<number, { resolve: (c: number[]) => void; reject: (e: Error) => void }[]>();
  let queue: { items: readonly CounterIncrement[]; resolve: (c: number[]) => void; reject: (e: Error) => void }[] = [];
  let closed = false;
  const onMessage = (m: unknown) => {
    const a = m as Answer;
    if (a?.t !== TAG || !waiting.has(a.id)) return;
    const calls = waiting.get(a.id)!;
    waiting.delete(a.id);
    inFlight = false;
    send(); // what queued meanwhile goes now, before these callers' continuations run
    calls.forEach((c, i) => {
      if (a.counts) c.resolve(a.counts[i]!);
      else c.reject(new RateLimitError('RL_STORE_UNAVAILABLE', `counter store in the primary process: ${a.error?.message ?? 'no answer'}`));
    });
  };
  channel.on('message', onMessage);
  /** True from a send until its answer (or its failure): later calls queue for the next message. */
  let inFlight = false;
  let inFlightSince = 0;
  /** A send is scheduled for the end of this turn. */
  let scheduled = false;
  /** The batch in flight fails with `reason`: its answer will not come (at most one batch waits at a time). */
  const failInFlight = (reason: string) => {
    const calls = [...waiting.values()].flat();
    waiting.clear();
    inFlight = false;
    for (const c of calls) c.reject(new RateLimitError('RL_STORE_UNAVAILABLE', `counter store in the primary process: ${reason}`));
  };
  const send = () => {
    scheduled = false;
    if (queue.length === 0 || inFlight) return;
    const calls = queue;
    queue = [];
    const id = nextId++;
    inFlight = true;
    inFlightSince = now();
    waiting.set(id, calls);
    const ask: Ask = { t: TAG, id, batch: calls.map((c) => c.items.map((i) => [i.key, i.ttlSeconds])) };
    try {
      channel.send(ask);
    } catch (err) {
      failInFlight((err as Error).message);
      send();
    }
  };
  return {
    kind: 'memory',
    incrementAll(items) {
      if (closed) return Promise.reject(new RateLimitError('RL_STORE_CLOSED', 'remote counter store is closed'));
      // An answer that never comes (the primary stopped answering) must not hold every later hit: past stallMs
      // the batch in flight fails, and the next message goes out (and fails fast if the channel is gone).
      if (inFlight && now() - inFlightSince > stallMs) failInFlight(`no answer within ${stallMs} ms`);
      return new Promise<number[]>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        if (!inFlight && !scheduled) {
          scheduled = true;
          setImmediate(send);
        }
      });
    },
    disconnected(reason) {
      failInFlight(reason);
      send();
    },
    async close() {
      closed = true;
      channel.off('message', onMessage);
      // The hits waiting for an answer and those queued behind the batch in flight: none will be answered now.
      for (const c of [...[...waiting.values()].flat(), ...queue]) c.reject(new RateLimitError('RL_STORE_CLOSED', 'remote counter store is closed'));
      waiting.clear();
      queue = [];
    },
  };
}

/** Primary side: answers one worker's counting requests from `store`. Returns a function that stops serving. */
export function serveCounterStore(store: CounterStore, channel: IpcChannel): () => void {
  const onMessage = (m: unknown) => {
    const ask = m as Ask;
    if (ask?.t !== TAG) return;
    // One batch is one incrementAll, so a batch of many requests costs the store one call.
    const flat: CounterIncrement[] = [];
    for (const items of ask.batch) for (const [key, ttlSeconds] of items) flat.push({ key, ttlSeconds });
    Promise.resolve(store.incrementAll(flat)).then(
      (counts) => {
        let i = 0;
        const out = ask.batch.map((items) => items.map(() => counts[i++]!));
        channel.send({ t: TAG, id: ask.id, counts: out } satisfies Answer);
      },
      (err: RateLimitError) => channel.send({ t: TAG, id: ask.id, error: { code: err.code ?? 'RL_STORE_UNAVAILABLE', message: err.message } } satisfies Answer),
    );
  };
  channel.on('message', onMessage);
  return () => channel.off('message', onMessage);
}
