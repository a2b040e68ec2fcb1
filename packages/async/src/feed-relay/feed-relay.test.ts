// The generic feed relay over real IPC: the parent serves a feed named "test" (its source is this test: an event
// list and a sync that counts its rounds), forked children follow it (test/fixtures/feed-relay-client.ts).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { forkFixture, until, type ForkedFixture } from '@portico/testing';
import { createFeedRelayServer, type FeedRelayChannel } from '../index.ts';
import type { ClientAsk, Seen } from '../../test/fixtures/feed-relay-client.ts';

const children: ForkedFixture[] = [];
after(async () => {
  for (const c of children) await c.stop();
});

function source() {
  const events: string[] = [];
  const s = {
    rounds: 0,
    failWith: null as string | null,
    events,
    relay: createFeedRelayServer<string>({
      feed: 'test',
      snapshot: () => [`state:${events.join(',')}`],
      async sync() {
        s.rounds += 1;
        await new Promise((r) => setImmediate(r));
        if (s.failWith) throw new Error(s.failWith);
        s.publish(`synced-${s.rounds}`); // what the source's sync found: reaches the child before the answer
      },
    }),
    publish(e: string) {
      events.push(e);
      s.relay.publish(e);
    },
  };
  return s;
}
async function child(s: ReturnType<typeof source>) {
  const f = forkFixture(new URL('../../test/fixtures/feed-relay-client.ts', import.meta.url));
  children.push(f);
  s.relay.serve(f.child as unknown as FeedRelayChannel);
  await f.ready;
  await until(async () => ((await f.ask<Seen>({ seen: true } satisfies ClientAsk)).ready === 1 ? true : undefined), 'the child is ready', 5000, 10);
  return f;
}

test('a child gets the state on hello, then the events in order; syncs are answered after what the source found', async () => {
  const s = source();
  s.publish('a');
  const c = await child(s);
  s.publish('b');
  const [first] = await c.ask<string[][]>({ syncs: 1 });
  assert.deepEqual(first, ['state:a', 'b', 'synced-1']);
  // Concurrent syncs in one child share rounds (at most one in flight, one queued): 10 asks, at most 2 rounds.
  const before = s.rounds;
  const all = await c.ask<string[][]>({ syncs: 10 });
  assert.ok(s.rounds - before <= 2, `${s.rounds - before} source syncs for 10 concurrent asks`);
  for (const seen of all) assert.ok(seen.at(-1)!.startsWith('synced-'));
});

test('a source sync that fails reaches the child as ASYNC_FEED_RELAY_SYNC_FAILED; stopping the relay breaks its feed', async () => {
  const s = source();
  const c = await child(s);
  s.failWith = 'file unreadable';
  assert.deepEqual(await c.ask({ syncs: 1 }), ['ASYNC_FEED_RELAY_SYNC_FAILED']);
  s.failWith = null;
  s.relay.close();
  await until(async () => (await c.ask<Seen>({ seen: true })).broken ?? undefined, 'the child’s feed reports the relay broken', 5000, 10);
  assert.deepEqual(await c.ask({ syncs: 1 }), ['ASYNC_FEED_RELAY_BROKEN'], 'a sync after that rejects at once');
});
