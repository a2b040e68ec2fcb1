// Counters owned by another process, reached over its IPC channel: `portico up --workers N` keeps one counter
// store in the primary process (memory + batched sqlite, stores/persisted.ts) and every gateway worker counts
// through it, so limits stay exact across workers without any disk or network I/O on a worker's request path.
// Requests that arrive in one turn of the event loop travel as one message (and one answer).
import { RateLimitError } from '../errors.ts';
import type { CounterIncrement, CounterStore } from './types.ts';

/** A cluster Worker (primary side) or `process` (worker side). */
export interface IpcChannel {
  send(message: unknown): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

const TAG = 'portico.ratelimit';
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

/** Worker side: a CounterStore whose counting happens in the process at the other end of `channel`. */
export function createRemoteCounterStore(channel: IpcChannel): CounterStore {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (c: number[]) => void; reject: (e: Error) => void }[]>();
  let queue: { items: readonly CounterIncrement[]; resolve: (c: number[]) => void; reject: (e: Error) => void }[] = [];
  let closed = false;
  const onMessage = (m: unknown) => {
    const a = m as Answer;
    if (a?.t !== TAG || !waiting.has(a.id)) return;
    const calls = waiting.get(a.id)!;
    waiting.delete(a.id);
    calls.forEach((c, i) => {
      if (a.counts) c.resolve(a.counts[i]!);
      else c.reject(new RateLimitError('RL_STORE_UNAVAILABLE', `counter store in the primary process: ${a.error?.message ?? 'no answer'}`));
    });
  };
  channel.on('message', onMessage);
  const send = () => {
    const calls = queue;
    queue = [];
    const id = nextId++;
    waiting.set(id, calls);
    const ask: Ask = { t: TAG, id, batch: calls.map((c) => c.items.map((i) => [i.key, i.ttlSeconds])) };
    try {
      channel.send(ask);
    } catch (err) {
      waiting.delete(id);
      for (const c of calls) c.reject(new RateLimitError('RL_STORE_UNAVAILABLE', `counter store in the primary process: ${(err as Error).message}`));
    }
  };
  return {
    kind: 'memory',
    incrementAll(items) {
      if (closed) return Promise.reject(new RateLimitError('RL_STORE_CLOSED', 'remote counter store is closed'));
      return new Promise<number[]>((resolve, reject) => {
        if (queue.length === 0) setImmediate(send);
        queue.push({ items, resolve, reject });
      });
    },
    async close() {
      closed = true;
      channel.off('message', onMessage);
      for (const calls of waiting.values()) for (const c of calls) c.reject(new RateLimitError('RL_STORE_CLOSED', 'remote counter store is closed'));
      waiting.clear();
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
