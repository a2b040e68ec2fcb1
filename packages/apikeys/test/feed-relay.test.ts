// The key feed relayed over real IPC (`portico up --workers N` on the embedded stores): the parent runs the sqlite
// key store and the one real feed (startKeyFeedRelay), and serves a forked child process whose index follows it
// over its channel (createRelayedKeyFeed in fixtures/relayed-key-index.ts) — no sqlite thread in the child.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, test } from 'node:test';
import type { FeedRelayChannel } from '@portico/async';
import { createSqliteApiKeyStore, createSqliteKeyFeed, startKeyFeedRelay, type ApiKeyRecord, type ApiKeyStore, type KeyFeedRelay } from '@portico/apikeys';
import { forkFixture, until, type ForkedFixture } from '@portico/testing';
import type { IndexAsk, IndexStats } from './fixtures/relayed-key-index.ts';

const dir = mkdtempSync(join(tmpdir(), 'portico-keyrelay-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FIXTURE = new URL('./fixtures/relayed-key-index.ts', import.meta.url);
/** A poll period no test waits for: what arrives, arrived through a sync. */
const NEVER_MS = 3_600_000;

interface Setup {
  path: string;
  writer: ApiKeyStore;
  relay: KeyFeedRelay;
  /** Forks a child that follows the relay; resolves once its index has started. */
  child(): Promise<ForkedFixture & { index: (ask: IndexAsk) => Promise<unknown>; stats: () => Promise<IndexStats> }>;
}

async function setup(pollMs?: number): Promise<Setup> {
  const path = join(dir, `${randomUUID()}.db`);
  const writer = createSqliteApiKeyStore({ path });
  const relay = await startKeyFeedRelay(createSqliteKeyFeed({ path, ...(pollMs ? { pollMs } : {}) }));
  const children: ForkedFixture[] = [];
  after(async () => {
    for (const c of children) await c.stop();
    await relay.close();
    await writer.close();
  });
  return {
    path,
    writer,
    relay,
    async child() {
      const f = forkFixture(FIXTURE, [path]);
      children.push(f);
      relay.serve(f.child as unknown as FeedRelayChannel);
      await f.ready;
      const index = (ask: IndexAsk) => f.ask(ask);
      return Object.assign(f, { index, stats: () => f.ask<IndexStats>({ stats: true }) });
    },
  };
}

async function created(writer: ApiKeyStore, name: string) {
  const r = await writer.create({ name, owner: 'alice', usagePlan: 'gold' });
  assert.ok(r.ok);
  return r.value;
}

test('a key created or deleted in the store reaches the child’s index', async () => {
  const s = await setup();
  const c = await s.child();
  const { record, apiKey } = await created(s.writer, 'k1');
  await until(async () => ((await c.stats()).keys === 1 ? true : undefined), 'the new key in the child’s index', 5000, 10);
  assert.equal(((await c.index({ lookup: apiKey })) as ApiKeyRecord).id, record.id);
  assert.equal((await c.stats()).misses, 0, 'served from the child’s index');
  assert.ok((await s.writer.delete('alice', record.id)).ok);
  await until(async () => ((await c.stats()).keys === 0 ? true : undefined), 'the deleted key leaves the child’s index', 5000, 10);
  assert.equal(await c.index({ lookup: apiKey }), null);
});

test('a miss right after a create is answered after one sync round trip, not a poll', async () => {
  const s = await setup(NEVER_MS);
  const c = await s.child();
  const { record, apiKey } = await created(s.writer, 'fresh');
  assert.equal(((await c.index({ lookup: apiKey })) as ApiKeyRecord).id, record.id);
  const st = await c.stats();
  assert.equal(st.misses, 1, 'the lookup missed, synced and found the key');
  assert.equal(st.keys, 1);
  // Concurrent misses in the child share rounds; every one is answered.
  const unknown = await Promise.all(Array.from({ length: 20 }, (_, i) => c.index({ lookup: `pk_unknown_${i}` })));
  assert.deepEqual(unknown, Array(20).fill(null));
  // A delete, too, arrives with the next sync (the source does not poll by itself here).
  assert.ok((await s.writer.delete('alice', record.id)).ok);
  assert.equal((await c.index({ sync: true }) as IndexStats).keys, 0);
  assert.equal(await c.index({ lookup: apiKey }), null);
});

test('a child that starts late (or is restarted) gets the whole current state first', async () => {
  const s = await setup();
  const first = await s.child();
  const keys = [];
  for (let i = 0; i < 3; i++) keys.push(await created(s.writer, `late-${i}`));
  await until(async () => ((await first.stats()).keys === 3 ? true : undefined), 'the first child has the 3 keys', 5000, 10);
  assert.ok((await s.writer.delete('alice', keys[0]!.record.id)).ok);
  await until(async () => ((await first.stats()).keys === 2 ? true : undefined), 'the first child saw the delete', 5000, 10);

  const late = await s.child();
  const st = await late.stats();
  assert.equal(st.keys, 2, 'the late child started with every key the primary has');
  assert.equal(st.live, true);
  assert.equal(((await late.index({ lookup: keys[2]!.apiKey })) as ApiKeyRecord).id, keys[2]!.record.id);
  assert.equal((await late.stats()).misses, 0, 'a hit, without a sync');
  await first.stop(); // a restarted worker: the relay drops the old channel, the others go on
  const more = await created(s.writer, 'after-restart');
  await until(async () => ((await late.stats()).keys === 3 ? true : undefined), 'the late child follows changes', 5000, 10);
  assert.equal(((await late.index({ lookup: more.apiKey })) as ApiKeyRecord).id, more.record.id);
});

test('the source feed losing the store reaches the child; its next reset restores the child', async () => {
  const s = await setup();
  const c = await s.child();
  await created(s.writer, 'before-loss');
  const db = new DatabaseSync(s.path);
  try {
    db.exec('ALTER TABLE api_key_changes RENAME TO api_key_changes_gone'); // the source's next poll fails
    const st = await until(async () => {
      const st = await c.stats();
      return st.live ? undefined : st;
    }, 'the child’s index is no longer live', 5000, 10);
    assert.match(st.lost.at(-1)!, /api key file/);
    db.exec('ALTER TABLE api_key_changes_gone RENAME TO api_key_changes');
    const back = await until(async () => {
      const st = await c.stats();
      return st.live ? st : undefined;
    }, 'the child’s index is live again', 5000, 10);
    assert.equal(back.keys, 1);
  } finally {
    db.close();
  }
});

test('the child’s feed reports lost when the parent disconnects, so its index stops vouching for keys', async () => {
  const s = await setup();
  const c = await s.child();
  assert.equal((await c.stats()).live, true);
  c.child.disconnect();
  await c.exited;
  const st = c.printed[0] as IndexStats;
  assert.equal(st.live, false);
  assert.match(st.lost.at(-1)!, /apikeys feed relay: the channel to the primary process closed/);
});
