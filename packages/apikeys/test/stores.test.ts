// Both API key stores against real backends (a node:sqlite file; the Redis at 127.0.0.1:6379), with one
// shared behaviour suite, plus Redis outages on a private redis-server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createRedisApiKeyStore, createSqliteApiKeyStore, hashApiKey } from '@portico/apikeys';
import type { ApiKeyStore } from '@portico/apikeys';
import { startPrivateRedis } from '@portico/redis/testing';

const dir = mkdtempSync(join(tmpdir(), 'portico-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const backends: { name: string; open: () => Promise<{ a: ApiKeyStore; b: ApiKeyStore; rawCount: () => Promise<number> }> }[] = [
  {
    name: 'sqlite',
    async open() {
      const path = join(dir, `${randomUUID()}.db`);
      const a = createSqliteApiKeyStore({ path });
      const { DatabaseSync } = await import('node:sqlite');
      return {
        a,
        b: createSqliteApiKeyStore({ path }),
        rawCount: async () => {
          const db = new DatabaseSync(path);
          const n = (db.prepare('SELECT count(*) AS n FROM api_keys').get() as { n: number }).n;
          db.close();
          return Number(n);
        },
      };
    },
  },
  {
    name: 'redis',
    async open() {
      const keyPrefix = `portico-test:${randomUUID()}:`;
      const url = 'redis://127.0.0.1:6379';
      const raw = new Redis(url);
      after(async () => {
        const keys = await raw.keys(`${keyPrefix}*`);
        if (keys.length) await raw.del(...keys);
        raw.disconnect();
      });
      return {
        a: await createRedisApiKeyStore({ url, keyPrefix }),
        b: await createRedisApiKeyStore({ url, keyPrefix }),
        rawCount: async () => (await raw.keys(`${keyPrefix}hash:*`)).length,
      };
    },
  },
];

for (const backend of backends) {
  describe(`${backend.name} API key store`, () => {
    test('create returns the key once; only its SHA-256 is stored; the other handle validates it', async () => {
      const { a, b } = await backend.open();
      const made = await a.create({ name: 'ci', owner: 'dev@example.com', usagePlan: 'bronze', metadata: { team: 'x' } });
      assert.ok(made.ok);
      const { apiKey, record } = made.value;
      assert.match(apiKey, /^pk_[A-Za-z0-9_-]{43}$/);
      assert.match(record.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(record.metadata, { team: 'x', usagePlan: 'bronze', userId: 'dev@example.com' });
      const seen = await b.lookup(apiKey);
      assert.ok(seen.ok);
      assert.deepEqual(seen.value, record);
      assert.deepEqual(await b.lookup(apiKey + 'x'), { ok: true, value: null });
      // Nothing stored contains the plaintext key.
      const listed = await b.list('dev@example.com');
      assert.ok(listed.ok);
      assert.ok(!JSON.stringify(listed.value).includes(apiKey));
      assert.notEqual(hashApiKey(apiKey), apiKey);
      await Promise.all([a.close(), b.close()]);
    });

    test('list filters by owner and usage plans; delete is per owner and immediate on every handle', async () => {
      const { a, b } = await backend.open();
      const k1 = await a.create({ name: 'one', owner: 'u1', usagePlan: 'bronze' });
      const k2 = await a.create({ name: 'two', owner: 'u1', usagePlan: 'gold' });
      await a.create({ name: 'one', owner: 'u2', usagePlan: 'bronze' });
      assert.ok(k1.ok && k2.ok);
      const all = await b.list('u1');
      assert.ok(all.ok);
      assert.deepEqual(all.value.map((r) => r.name).sort(), ['one', 'two']);
      const gold = await b.list('u1', ['gold']);
      assert.ok(gold.ok);
      assert.deepEqual(gold.value.map((r) => r.name), ['two']);
      assert.deepEqual(await b.delete('u2', k1.value.record.id), { ok: true, value: false }, 'not the owner');
      assert.deepEqual(await b.delete('u1', k1.value.record.id), { ok: true, value: true });
      assert.deepEqual(await a.lookup(k1.value.apiKey), { ok: true, value: null });
      assert.deepEqual(await a.delete('u1', k1.value.record.id), { ok: true, value: false });
      assert.deepEqual(await a.delete('u1', randomUUID()), { ok: true, value: false });
      // The name is free again once deleted.
      assert.ok((await a.create({ name: 'one', owner: 'u1', usagePlan: 'bronze' })).ok);
      await Promise.all([a.close(), b.close()]);
    });

    test('bad input and duplicate names are refused naming the field, and leave nothing behind', async () => {
      const { a, b, rawCount } = await backend.open();
      const before = await rawCount();
      const noName = await a.create({ name: '  ', owner: 'u', usagePlan: 'bronze' });
      assert.deepEqual(noName, { ok: false, code: 'APIKEY_INPUT_INVALID', field: 'apiKeyName', message: 'apiKeyName: Please supply an API Key Name' });
      const noPlan = await a.create({ name: 'n', owner: 'u', usagePlan: '' });
      assert.ok(!noPlan.ok && noPlan.field === 'usagePlan');
      const badMeta = await a.create({ name: 'n', owner: 'u', usagePlan: 'p', metadata: { x: 1 as unknown as string } });
      assert.ok(!badMeta.ok && badMeta.field === 'metadata.x');
      assert.ok((await a.create({ name: 'dup', owner: 'u', usagePlan: 'p' })).ok);
      const dup = await b.create({ name: 'dup', owner: 'u', usagePlan: 'p' });
      assert.ok(!dup.ok && dup.code === 'APIKEY_DUPLICATE_NAME');
      assert.equal(await rawCount(), before + 1);
      await Promise.all([a.close(), b.close()]);
    });
  });
}

// The command timeout is far beyond the test's own timeout: the calls can only settle in time by failing at once
// (no offline queue, no retries), never by waiting for Redis.
test('redis down: every operation reports APIKEY_STORE_UNAVAILABLE at once; service resumes by itself', { timeout: 30_000 }, async () => {
  const redis = await startPrivateRedis();
  const store = await createRedisApiKeyStore({ url: redis.url, commandTimeoutMs: 600_000 });
  try {
    const made = await store.create({ name: 'k', owner: 'u', usagePlan: 'p' });
    assert.ok(made.ok);
    await redis.stop();
    for (const r of [
      await store.lookup(made.value.apiKey),
      await store.create({ name: 'k2', owner: 'u', usagePlan: 'p' }),
      await store.list('u'),
      await store.delete('u', made.value.record.id),
    ]) {
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.code === 'APIKEY_STORE_UNAVAILABLE' && r.message.startsWith('API key store (redis) unavailable'));
    }
    await redis.start();
    let back = false;
    for (let i = 0; i < 60 && !back; i++) {
      back = (await store.list('u')).ok;
      if (!back) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(back);
    assert.ok((await store.create({ name: 'k3', owner: 'u', usagePlan: 'p' })).ok);
  } finally {
    await store.close();
    await redis.stop();
  }
});
