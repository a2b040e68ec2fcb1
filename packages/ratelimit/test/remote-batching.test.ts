// The worker side of the primary's counters keeps one batch in flight: hits that arrive while a batch is on its
// way travel together as the next message, and an answer that never comes fails its batch after `stallMs` instead
// of holding every later hit. The two ends talk over a real MessageChannel (the same message semantics as the
// cluster IPC channel: asynchronous, ordered); the primary's side is the real serveCounterStore over a real memory
// store, which the test only holds back (a gate) to keep a batch in flight.
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { test } from 'node:test';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createMemoryCounterStore, createRemoteCounterStore, serveCounterStore, type CounterStore, type IpcChannel } from '@portico/ratelimit';

/** A MessagePort as the IpcChannel the stores speak (send = postMessage). */
function channelOf(port: MessagePort): IpcChannel & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    sent,
    send: (m: unknown) => (sent.push(m), port.postMessage(m)),
    on: (_e, l) => port.on('message', l),
    off: (_e, l) => port.off('message', l),
  };
}

/** The real memory store, answering only when the test opens the gate; counts its calls. */
function gatedStore(): CounterStore & { calls: number; open(): void } {
  const inner = createMemoryCounterStore();
  let release: () => void = () => {};
  let gate = new Promise<void>((r) => (release = r));
  const store = {
    kind: 'memory' as const,
    calls: 0,
    incrementAll(items: Parameters<CounterStore['incrementAll']>[0]) {
      store.calls += 1;
      return gate.then(() => inner.incrementAll(items));
    },
    open() {
      release();
      gate = Promise.resolve();
    },
    close: () => inner.close(),
  };
  return store;
}

const hit = (key: string) => [{ key, ttlSeconds: 60 }];

test('hits that arrive while a batch is in flight travel together as the next message, counted in order', async (t) => {
  const { port1, port2 } = new MessageChannel();
  t.after(() => (port1.close(), port2.close()));
  const store = gatedStore();
  serveCounterStore(store, channelOf(port1));
  const worker = channelOf(port2);
  const remote = createRemoteCounterStore(worker);

  const first = remote.incrementAll(hit('k'));
  await nextTurn(); // the first hit's message leaves at the end of its turn
  assert.equal(worker.sent.length, 1);
  const second = remote.incrementAll(hit('k'));
  await nextTurn();
  const third = remote.incrementAll([...hit('k'), ...hit('other')]);
  await nextTurn();
  assert.equal(worker.sent.length, 1, 'nothing more is sent while the first batch is in flight');

  store.open();
  assert.deepEqual(await Promise.all([first, second, third]), [[1], [2], [3, 1]]);
  assert.equal(worker.sent.length, 2, 'the two queued calls went as one message');
  assert.equal(store.calls, 2, 'one store call per message');
  await remote.close();
  await store.close();
});

test('an answer that never comes fails its batch after stallMs; the hits behind it go out', async (t) => {
  const { port1, port2 } = new MessageChannel();
  t.after(() => (port1.close(), port2.close()));
  const store = gatedStore(); // never opened: the primary never answers the first batch
  serveCounterStore(store, channelOf(port1));
  const worker = channelOf(port2);
  let clock = 0;
  const remote = createRemoteCounterStore(worker, { stallMs: 5000, now: () => clock });

  const stuck = remote.incrementAll(hit('k'));
  await nextTurn();
  clock += 4999;
  const queued = remote.incrementAll(hit('k'));
  await nextTurn();
  assert.equal(worker.sent.length, 1, 'within stallMs the second hit waits for the first answer');

  clock += 2;
  const later = remote.incrementAll(hit('k'));
  await assert.rejects(Promise.resolve(stuck), (err: Error & { code?: string }) => err.code === 'RL_STORE_UNAVAILABLE' && /no answer within 5000 ms/.test(err.message));
  await nextTurn();
  assert.equal(worker.sent.length, 2, 'the hits behind the stalled batch went out together');
  store.open(); // the primary answers again: the stalled batch's late answer is ignored, the next one counts
  assert.deepEqual(await Promise.all([queued, later]), [[2], [3]]);
  await remote.close();
  await store.close();
});

test('close fails the batch in flight and the hits queued behind it', async (t) => {
  const { port1, port2 } = new MessageChannel();
  t.after(() => (port1.close(), port2.close()));
  const store = gatedStore(); // never opened
  serveCounterStore(store, channelOf(port1));
  const remote = createRemoteCounterStore(channelOf(port2));
  const inFlight = Promise.resolve(remote.incrementAll(hit('k')));
  await nextTurn();
  const queued = Promise.resolve(remote.incrementAll(hit('k')));
  await remote.close();
  for (const p of [inFlight, queued]) await assert.rejects(p, (err: Error & { code?: string }) => err.code === 'RL_STORE_CLOSED');
  await store.close();
});
