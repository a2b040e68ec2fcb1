// The coalesced barrier as data: each case is a script of callers asking, rounds ending (or failing) and the
// barrier closing, with the state expected after each step — how many rounds started and how each caller's
// wait() has settled. Rounds are real promises the script resolves; nothing waits on a timer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCoalescedBarrier } from './coalesced-barrier.ts';

type Step =
  | { ask: string }
  /** Round n (1-based) resolves, or rejects with `error`; what that settles runs before the next step. */
  | { end: number; error?: string }
  /** The next round throws instead of returning a promise. */
  | { throwNext: string }
  /** Close, with an error of this message (true: the default error). */
  | { close: string | true }
  /** Rounds started so far, and how these callers' waits stand: pending, ok, `error: <message>` or `code: <code>`. */
  | { expect: { rounds: number; callers?: Record<string, string> } };

const cases: { title: string; steps: Step[] }[] = [
  {
    title: 'a lone caller starts a round and is settled by it',
    steps: [{ ask: 'a' }, { expect: { rounds: 1, callers: { a: 'pending' } } }, { end: 1 }, { expect: { rounds: 1, callers: { a: 'ok' } } }],
  },
  {
    title: 'callers that ask while a round is in flight are not settled by it: they share the next one',
    steps: [
      { ask: 'a' }, { ask: 'b' }, { ask: 'c' },
      { expect: { rounds: 1, callers: { a: 'pending', b: 'pending', c: 'pending' } } },
      { end: 1 },
      { expect: { rounds: 2, callers: { a: 'ok', b: 'pending', c: 'pending' } } },
      { end: 2 },
      { expect: { rounds: 2, callers: { b: 'ok', c: 'ok' } } },
    ],
  },
  {
    title: 'at most one round in flight and one queued, however many callers',
    steps: [
      { ask: 'a' }, { ask: 'b' }, { ask: 'c' }, { ask: 'd' }, { ask: 'e' }, { ask: 'f' },
      { expect: { rounds: 1 } },
      { end: 1 },
      { ask: 'g' },
      { expect: { rounds: 2, callers: { a: 'ok', b: 'pending', g: 'pending' } } },
      { end: 2 },
      { expect: { rounds: 3, callers: { b: 'ok', f: 'ok', g: 'pending' } } },
      { end: 3 },
      { expect: { rounds: 3, callers: { g: 'ok' } } },
    ],
  },
  {
    title: 'a caller that asks after a round ended starts a fresh one',
    steps: [{ ask: 'a' }, { end: 1 }, { ask: 'b' }, { expect: { rounds: 2, callers: { a: 'ok', b: 'pending' } } }, { end: 2 }, { expect: { rounds: 2, callers: { b: 'ok' } } }],
  },
  {
    title: "every caller of a failed round gets that round's error; the next round is unaffected",
    steps: [
      { ask: 'a' }, { end: 1 }, { ask: 'b' }, { ask: 'c' }, { ask: 'd' },
      { end: 2, error: 'redis went away' },
      { expect: { rounds: 3, callers: { a: 'ok', b: 'error: redis went away', c: 'pending', d: 'pending' } } },
      { end: 3 },
      { expect: { rounds: 3, callers: { c: 'ok', d: 'ok' } } },
    ],
  },
  {
    title: 'a round that throws instead of returning a promise fails its callers and leaves the barrier usable',
    steps: [
      { throwNext: 'worker gone' }, { ask: 'a' },
      { expect: { rounds: 1, callers: { a: 'error: worker gone' } } },
      { ask: 'b' }, { end: 2 },
      { expect: { rounds: 2, callers: { b: 'ok' } } },
    ],
  },
  {
    title: 'closing rejects the callers in flight and queued with ASYNC_BARRIER_CLOSED; a late round changes nothing',
    steps: [
      { ask: 'a' }, { ask: 'b' }, { close: true },
      { expect: { rounds: 1, callers: { a: 'code: ASYNC_BARRIER_CLOSED', b: 'code: ASYNC_BARRIER_CLOSED' } } },
      { end: 1 },
      { ask: 'c' },
      { expect: { rounds: 1, callers: { a: 'code: ASYNC_BARRIER_CLOSED', c: 'code: ASYNC_BARRIER_CLOSED' } } },
    ],
  },
  {
    title: 'closing with a reason rejects every waiter and every later caller with that reason',
    steps: [{ ask: 'a' }, { close: 'feed worker exited' }, { ask: 'b' }, { expect: { rounds: 1, callers: { a: 'error: feed worker exited', b: 'error: feed worker exited' } } }],
  },
  {
    title: 'closing an idle barrier: no round ever starts',
    steps: [{ close: true }, { ask: 'a' }, { expect: { rounds: 0, callers: { a: 'code: ASYNC_BARRIER_CLOSED' } } }],
  },
];

/** Lets every promise reaction that is ready run (rounds settle their callers through promise reactions). */
const settled = () => new Promise<void>((r) => setImmediate(r));

for (const c of cases) {
  test(c.title, async () => {
    const rounds: PromiseWithResolvers<void>[] = [];
    let throwNext: string | null = null;
    const barrier = createCoalescedBarrier({
      name: 'test barrier',
      round: () => {
        const d = Promise.withResolvers<void>();
        rounds.push(d);
        if (throwNext !== null) {
          const message = throwNext;
          throwNext = null;
          throw new Error(message);
        }
        return d.promise;
      },
    });
    const callers = new Map<string, string>();
    for (const [i, step] of c.steps.entries()) {
      if ('ask' in step) {
        callers.set(step.ask, 'pending');
        barrier.wait().then(
          () => callers.set(step.ask, 'ok'),
          (err: Error & { code?: string }) => callers.set(step.ask, err.code ? `code: ${err.code}` : `error: ${err.message}`),
        );
      } else if ('end' in step) {
        const round = rounds[step.end - 1];
        assert.ok(round, `step ${i}: round ${step.end} started`);
        if (step.error === undefined) round.resolve();
        else round.reject(new Error(step.error));
        await settled();
      } else if ('throwNext' in step) {
        throwNext = step.throwNext;
      } else if ('close' in step) {
        barrier.close(step.close === true ? undefined : new Error(step.close));
      } else {
        await settled();
        assert.equal(rounds.length, step.expect.rounds, `step ${i}: rounds started`);
        for (const [name, want] of Object.entries(step.expect.callers ?? {})) assert.equal(callers.get(name), want, `step ${i}: caller ${name}`);
      }
    }
  });
}

test("the default close error names the barrier", async () => {
  const barrier = createCoalescedBarrier({ name: 'api key feed sync', round: () => Promise.resolve() });
  barrier.close();
  await assert.rejects(barrier.wait(), { code: 'ASYNC_BARRIER_CLOSED', message: 'api key feed sync: closed' });
});
