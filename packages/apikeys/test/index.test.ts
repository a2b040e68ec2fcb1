// The in-memory key index over both real backends: one handle creates and deletes keys (the portal server), an
// indexed handle with its own feed (a gateway) follows; a revoked key stops working there within 1 s.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import { createIndexedApiKeyStore, createRedisApiKeyStore, createRedisKeyFeed, createSqliteApiKeyStore, createSqliteKeyFeed } from '@portico/apikeys';
import type { ApiKeyStore, IndexedApiKeyStore } from '@portico/apikeys';
import { startPrivateRedis } from '@portico/redis/testing';
import { until as poll } from '@portico/testing';

const dir = mkdtempSync(join(tmpdir(), 'portico-keyindex-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Bounded poll: resolves once `cond` holds, or fails after `limitMs`. */
const until = (cond: () => Promise<boolean> | boolean, limitMs: number, what: string) => poll(async () => ((await cond()) ? true : undefined), what, limitMs, 10);

/** The gateway's own store handle, counting the lookups that reach it (the index should answer them all). */
function counted(store: ApiKeyStore): ApiKeyStore & { lookups: number } {
  const c = Object.assign(Object.create(store) as ApiKeyStore, { lookups: 0 });
  c.lookup = (k) => {
    c.lookups += 1;
    return store.lookup(k);
  };
  return c;
}

async function pair(backend: 'sqlite' | 'redis', redisUrl = 'redis://127.0.0.1:6379'): Promise<{ writer: ApiKeyStore; openGateway: () => Promise<IndexedApiKeyStore>; gatewayStore: () => { lookups: number } }> {
  let last = { lookups: 0 };
  const gatewayStore = () => last;
  if (backend === 'sqlite') {
    const path = join(dir, `${randomUUID()}.db`);
    return { writer: createSqliteApiKeyStore({ path }), gatewayStore, openGateway: () => createIndexedApiKeyStore((last = counted(createSqliteApiKeyStore({ path }))), createSqliteKeyFeed({ path })) };
  }
  const keyPrefix = `portico-test:keyindex:${randomUUID()}:`;
  after(async () => {
    const raw = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
    raw.on('error', () => {});
    try {
      await raw.connect();
      const keys = await raw.keys(`${keyPrefix}*`);
      if (keys.length) await raw.del(...keys);
    } catch {
      /* a private server is gone already */
    }
    raw.disconnect();
  });
  return {
    writer: await createRedisApiKeyStore({ url: redisUrl, keyPrefix }),
    gatewayStore,
    openGateway: async () => createIndexedApiKeyStore((last = counted(await createRedisApiKeyStore({ url: redisUrl, keyPrefix }))), createRedisKeyFeed({ url: redisUrl, keyPrefix })),
  };
}

for (const backend of ['sqlite', 'redis'] as const) {
  test(`${backend}: keys stored before start and created later are indexed; a revoked key fails within 1 s`, async () => {
    const { writer, openGateway } = await pair(backend);
    const old = await writer.create({ name: 'old', owner: 'u', usagePlan: 'bronze' });
    assert.ok(old.ok);
    const gateway = await openGateway();
    // Closed whatever fails: a gateway left open would keep its feed (a worker thread) and this file running.
    try {
      assert.deepEqual(gateway.indexStats(), { keys: 1, live: true, misses: 0 });
      assert.deepEqual(await gateway.lookup(old.value.apiKey), { ok: true, value: old.value.record });

      const made = await writer.create({ name: 'new', owner: 'u', usagePlan: 'gold' });
      assert.ok(made.ok);
      // Found at once: the miss waits for the feed to catch up (no store read), so the new key is indexed by then.
      assert.deepEqual(await gateway.lookup(made.value.apiKey), { ok: true, value: made.value.record });
      await until(() => gateway.indexStats().keys === 2, 5000, 'created key indexed');
      assert.deepEqual(await gateway.lookup('pk_not-a-key'), { ok: true, value: null });

      assert.deepEqual(await writer.delete('u', made.value.record.id), { ok: true, value: true });
      await until(async () => {
        const r = await gateway.lookup(made.value.apiKey);
        return r.ok && r.value === null;
      }, 5000, 'revoked key refused'); // waits on the event; how fast (within 1 s) is a performance target, not a test

      assert.equal(gateway.indexStats().keys, 1);
    } finally {
      await Promise.all([writer.close(), gateway.close()]);
    }
  });

  test(`${backend}: a flood of unknown keys never reads the store and leaves nothing behind; a key created meanwhile is found`, async () => {
    const { writer, openGateway, gatewayStore } = await pair(backend);
    const gateway = await openGateway();
    try {
      const before = process.memoryUsage().heapUsed;
      const flood = Array.from({ length: 5000 }, () => gateway.lookup(`pk_${randomUUID()}`));
      // Created elsewhere (the portal) while the misses wait: the barrier they share covers it.
      const made = await writer.create({ name: 'during-flood', owner: 'u', usagePlan: 'gold' });
      assert.ok(made.ok);
      const found = gateway.lookup(made.value.apiKey);
      for (const r of await Promise.all(flood)) assert.deepEqual(r, { ok: true, value: null });
      assert.deepEqual(await found, { ok: true, value: made.value.record });
      assert.equal(gatewayStore().lookups, 0, 'no miss reached the store');
      const stats = gateway.indexStats();
      assert.equal(stats.keys, 1, 'unknown keys are not remembered');
      assert.equal(stats.live, true);
      assert.ok(stats.misses === 5000 || stats.misses === 5001, `misses ${stats.misses}`); // the new key: a miss unless its message came first
      // A second flood: the heap does not keep what the first one allocated (nothing is cached per unknown key).
      for (const r of await Promise.all(Array.from({ length: 5000 }, () => gateway.lookup(`pk_${randomUUID()}`)))) assert.equal(r.ok && r.value, null);
      global.gc?.();
      assert.equal(gateway.indexStats().keys, 1);
      if (global.gc) assert.ok(process.memoryUsage().heapUsed - before < 8 * 1024 * 1024, 'heap grew with unknown keys');
    } finally {
      await Promise.all([writer.close(), gateway.close()]);
    }
  });
}

test('sqlite: a miss asks the feed worker thread to poll at once (it never waits for the interval, never reads on this thread)', async () => {
  const path = join(dir, `${randomUUID()}.db`);
  const writer = createSqliteApiKeyStore({ path });
  const store = counted(createSqliteApiKeyStore({ path }));
  const gateway = await createIndexedApiKeyStore(store, createSqliteKeyFeed({ path, pollMs: 3_600_000 }));
  try {
    const made = await writer.create({ name: 'k', owner: 'u', usagePlan: 'gold' });
    assert.ok(made.ok);
    assert.deepEqual(await gateway.lookup(made.value.apiKey), { ok: true, value: made.value.record });
    assert.deepEqual(await gateway.lookup('pk_unknown'), { ok: true, value: null });
    assert.equal(store.lookups, 0);
    assert.deepEqual(gateway.indexStats(), { keys: 1, live: true, misses: 2 });
  } finally {
    await Promise.all([writer.close(), gateway.close()]);
  }
});

test('redis: misses that overlap share one PING (the index never asks Redis per unknown key)', async () => {
  const redis = await startPrivateRedis();
  const { writer, openGateway, gatewayStore } = await pair('redis', redis.url);
  const gateway = await openGateway();
  const admin = new Redis(redis.url);
  try {
    const pings = async () => Number(/cmdstat_ping:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
    const p0 = await pings();
    const gets0 = Number(/cmdstat_get:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
    await Promise.all(Array.from({ length: 2000 }, () => gateway.lookup(`pk_${randomUUID()}`)));
    const used = (await pings()) - p0;
    // 2,000 misses issued in one turn: the first PING, and one more for everyone who arrived while it was out.
    assert.ok(used >= 1 && used <= 2, `pings: ${used}`);
    assert.equal(Number(/cmdstat_get:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0), gets0, 'no GET per key');
    assert.equal(gatewayStore().lookups, 0);
  } finally {
    admin.disconnect();
    await Promise.all([writer.close(), gateway.close()]);
    await redis.stop();
  }
});

test('redis down: the index stops answering (lookups fail closed); once Redis is back it reloads and serves', async () => {
  const redis = await startPrivateRedis();
  const { writer, openGateway } = await pair('redis', redis.url);
  const gateway = await openGateway();
  try {
    const made = await writer.create({ name: 'k', owner: 'u', usagePlan: 'p' });
    assert.ok(made.ok);
    await until(() => gateway.indexStats().keys === 1, 5000, 'key indexed');
    await redis.stop();
    await until(() => !gateway.indexStats().live, 5000, 'index lost');
    const down = await gateway.lookup(made.value.apiKey);
    assert.ok(!down.ok && down.code === 'APIKEY_STORE_UNAVAILABLE');
    // The private server keeps nothing across a restart: the index must reload to what Redis now holds.
    await redis.start();
    await until(() => gateway.indexStats().live, 10_000, 'index reloaded');
    assert.equal(gateway.indexStats().keys, 0);
    assert.deepEqual(await gateway.lookup(made.value.apiKey), { ok: true, value: null });
    let again: Awaited<ReturnType<ApiKeyStore['create']>> | null = null;
    await until(async () => (again = await writer.create({ name: 'k2', owner: 'u', usagePlan: 'p' })).ok, 5000, 'writer reconnected');
    assert.ok(again!.ok);
    await until(() => gateway.indexStats().keys === 1, 5000, 'new key indexed');
  } finally {
    await Promise.all([writer.close(), gateway.close()]);
    await redis.stop();
  }
});
