// The shared Redis client against the real Redis on 127.0.0.1:6379 and against a port nobody listens on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectInBackground, createRedisClient } from '@portico/redis';
import { startPrivateRedis } from '@portico/redis/testing';

const REDIS = 'redis://127.0.0.1:6379';

test('connected in the background, commands reach Redis (URL and host/port targets)', async (t) => {
  const byUrl = createRedisClient(REDIS, { commandTimeoutMs: 2000 });
  const byHost = createRedisClient({ host: '127.0.0.1', port: 6379, db: 0 }, { commandTimeoutMs: 2000, connectOnFirstCommand: true });
  t.after(() => (byUrl.disconnect(), byHost.disconnect()));
  await connectInBackground(byUrl);
  assert.equal(await byUrl.ping(), 'PONG');
  assert.equal(byHost.status, 'wait', 'a lazy client opens nothing until its first command');
  assert.equal(await byHost.ping(), 'PONG');
});

test('Redis down: an eager client fails each command at once; a lazy one fails its first command', async (t) => {
  const redis = await startPrivateRedis();
  await redis.stop();
  const port = redis.port;
  const eager = createRedisClient(`redis://127.0.0.1:${port}`, { commandTimeoutMs: 500 });
  const lazy = createRedisClient({ host: '127.0.0.1', port }, { commandTimeoutMs: 500, connectOnFirstCommand: true });
  t.after(() => (eager.disconnect(), lazy.disconnect()));
  await connectInBackground(eager); // resolves although the connection was refused
  await assert.rejects(eager.ping(), /enableOfflineQueue|Stream isn't writeable|ECONNREFUSED/);
  await assert.rejects(lazy.ping());
});
