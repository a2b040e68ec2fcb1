// The counter stores against real backends: node:sqlite files shared by two handles (as two processes on one
// host share them) and the Redis at 127.0.0.1:6379; Redis going away and coming back on a private server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DatabaseSync } from 'node:sqlite';
import { createPersistedCounterStore, createRateLimitService, createRedisCounterStore, createSqliteCounterStore, RateLimitError } from '@portico/ratelimit';
import type { RateLimitService, RateLimitServiceConfig } from '@portico/ratelimit';
import { startPrivateRedis } from '@portico/redis/testing';

const config: RateLimitServiceConfig = {
  domains: {
    d: {
      descriptors: [
        { key: 'usagePlan', value: 'bronze', rateLimit: null, weight: 0, alwaysApply: false,
          descriptors: [{ key: 'userId', value: null, rateLimit: { unit: 'MINUTE', requestsPerUnit: 5 }, descriptors: [], weight: 0, alwaysApply: false }] },
      ],
      setDescriptors: [],
    },
  },
};
const desc = (user: string) => [[{ key: 'usagePlan', value: 'bronze' }, { key: 'userId', value: user }]];
// A frozen clock (one second into the current minute): a window boundary can never split a sequence.
const FROZEN = Math.floor(Date.now() / 60_000) * 60_000 + 1000;
const fixedNow = () => FROZEN;

async function expectLimitAcross(a: RateLimitService, b: RateLimitService, user: string) {
  const codes = [];
  for (let i = 0; i < 6; i++) codes.push((await (i % 2 ? b : a).shouldRateLimit('d', desc(user))).code);
  assert.deepEqual(codes, ['OK', 'OK', 'OK', 'OK', 'OK', 'OVER_LIMIT']);
}

const dir = mkdtempSync(join(tmpdir(), 'portico-rl-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('sqlite: two handles on one file share counters; counts survive reopening', async () => {
  const path = join(dir, 'counters.db');
  const a = createRateLimitService({ store: createSqliteCounterStore({ path, now: fixedNow }), config, now: fixedNow });
  const b = createRateLimitService({ store: createSqliteCounterStore({ path, now: fixedNow }), config, now: fixedNow });
  await expectLimitAcross(a, b, 'u1');
  await a.close();
  const c = createRateLimitService({ store: createSqliteCounterStore({ path, now: fixedNow }), config, now: fixedNow });
  assert.equal((await c.shouldRateLimit('d', desc('u1'))).code, 'OVER_LIMIT');
  await Promise.all([b.close(), c.close()]);
});

test('redis (127.0.0.1:6379): two clients share counters; keys expire with the window', async () => {
  const keyPrefix = `portico-test:${randomUUID()}:`;
  const url = 'redis://127.0.0.1:6379';
  const a = createRateLimitService({ store: await createRedisCounterStore({ url, keyPrefix }), config, now: fixedNow });
  const b = createRateLimitService({ store: await createRedisCounterStore({ url, keyPrefix }), config, now: fixedNow });
  await expectLimitAcross(a, b, 'u1');
  const { Redis } = await import('ioredis');
  const r = new Redis(url);
  const keys = await r.keys(`${keyPrefix}*`);
  assert.equal(keys.length, 1);
  const ttl = await r.ttl(keys[0]!);
  assert.ok(ttl > 0 && ttl <= 60, `ttl ${ttl}`);
  await r.del(...keys);
  r.disconnect();
  await Promise.all([a.close(), b.close()]);
});

// The command timeout is far beyond the test's own timeout: the call can only settle in time by failing at once
// (no offline queue, no retries), never by waiting for Redis.
test('§7-59 redis down: calls reject with RL_STORE_UNAVAILABLE at once, and service resumes by itself', { timeout: 30_000 }, async () => {
  const redis = await startPrivateRedis();
  const svc = createRateLimitService({ store: await createRedisCounterStore({ url: redis.url, commandTimeoutMs: 600_000 }), config, now: fixedNow });
  try {
    assert.equal((await svc.shouldRateLimit('d', desc('u'))).code, 'OK');
    await redis.stop();
    await assert.rejects(async () => svc.shouldRateLimit('d', desc('u')), (e: RateLimitError) => e.code === 'RL_STORE_UNAVAILABLE');
    await redis.start();
    let resumed = false;
    for (let i = 0; i < 60 && !resumed; i++) {
      resumed = await Promise.resolve(svc.shouldRateLimit('d', desc('u'))).then(() => true, () => false);
      if (!resumed) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(resumed, 'the client reconnected without help');
  } finally {
    await svc.close();
    await redis.stop();
  }
});

test('redis: the hits of one event-loop turn travel as one command and every caller gets its own exact count', async () => {
  const redis = await startPrivateRedis();
  const url = redis.url;
  const { Redis } = await import('ioredis');
  const admin = new Redis(url);
  const [a, b] = [await createRedisCounterStore({ url }), await createRedisCounterStore({ url })];
  try {
    const hits = (store: typeof a, n: number) =>
      Array.from({ length: n }, (_, i) => store.incrementAll([{ key: 'k|shared', ttlSeconds: 60 }, { key: `k|own-${i % 3}`, ttlSeconds: 60 }]));
    const all = await Promise.all([...hits(a, 150), ...hits(b, 150)]);
    // The shared counter was hit 300 times across two clients: each caller saw a distinct value, 1…300.
    assert.deepEqual(all.map((c) => c[0]).sort((x, y) => x! - y!), Array.from({ length: 300 }, (_, i) => i + 1));
    // Per client, each of the three own counters was hit 100 times (50 per client per key, both clients share the key).
    assert.equal(Math.max(...all.map((c) => c[1]!)), 100);
    const stats = await admin.info('commandstats');
    const calls = (cmd: string) => Number(new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
    // 300 requests, two clients, one turn each: one script call per client (EVAL once when the script was unknown).
    assert.ok(calls('evalsha') + calls('eval') <= 4, stats);
    // 600 hits on 4 distinct counters: each script call adds a key's hits with one INCRBY.
    assert.ok(calls('incrby') <= 8, stats);
    assert.ok(await admin.ttl('portico:rl:k|shared') > 0, 'the counter expires with its window');

    // Hits that arrive while a batch is in flight (here: ten turns of the event loop, 20 hits each) wait for it and
    // travel together as the next one; every caller still gets its own count, and none is lost or counted twice.
    const before = calls('evalsha') + calls('eval');
    const waves: (number[] | Promise<number[]>)[] = [];
    for (let turn = 0; turn < 10; turn++) {
      waves.push(...Array.from({ length: 20 }, () => a.incrementAll([{ key: 'k|waves', ttlSeconds: 60 }])));
      await new Promise((r) => setImmediate(r));
    }
    const counts = (await Promise.all(waves)).map((c) => c[0]!).sort((x, y) => x - y);
    assert.deepEqual(counts, Array.from({ length: 200 }, (_, i) => i + 1));
    const after = await admin.info('commandstats');
    const scripts = Number(/cmdstat_evalsha:calls=(\d+)/.exec(after)?.[1] ?? 0) + Number(/cmdstat_eval:calls=(\d+)/.exec(after)?.[1] ?? 0) - before;
    assert.ok(scripts >= 1 && scripts <= 10, `200 hits over 10 turns took ${scripts} script calls`);
  } finally {
    await Promise.all([a.close(), b.close()]);
    admin.disconnect();
    await redis.stop();
  }
});

test('persisted (memory + batched sqlite): the write waits in its worker thread while the file is locked; decisions go on', async () => {
  const path = join(dir, 'persisted.db');
  const store = createPersistedCounterStore({ path, now: fixedNow, flushMs: 3_600_000 });
  const svc = createRateLimitService({ store, config, now: fixedNow });
  try {
    for (let i = 0; i < 3; i++) assert.equal((await svc.shouldRateLimit('d', desc('p1'))).code, 'OK');
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE'); // another writer holds the file
    let settled = false;
    const flushed = store.flush().finally(() => (settled = true));
    // The loop is free: more decisions are answered (from memory) while the batch waits for the lock.
    for (let i = 0; i < 3; i++) assert.equal((await svc.shouldRateLimit('d', desc('p1'))).code, i < 2 ? 'OK' : 'OVER_LIMIT');
    assert.equal(settled, false, 'the flush did not run (and block) on this thread');
    other.exec('COMMIT');
    await flushed;
    const row = other.prepare('SELECT count FROM rl_counters WHERE key LIKE ?').get('d|%p1%') as { count: number };
    assert.ok(row.count >= 3, `persisted count ${row.count}`);
    other.close();
  } finally {
    await svc.close();
  }
  // Closing wrote the rest: a new store starts from all 6 hits.
  const again = createRateLimitService({ store: createPersistedCounterStore({ path, now: fixedNow }), config, now: fixedNow });
  assert.equal((await again.shouldRateLimit('d', desc('p1'))).code, 'OVER_LIMIT');
  await again.close();
});
