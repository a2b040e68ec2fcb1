// The subpath entries a gateway worker imports load no Redis client: ./keys, ./indexed and ./sqlite stay clear of
// @portico/redis and ioredis, which only ./redis (and the package index, for existing callers) brings in. This file
// runs in its own process under node --test, so nothing was loaded before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packagesLoadedBy } from '@portico/testing';

test('./keys, ./indexed and ./sqlite load no Redis client; ./redis does', async () => {
  const backendFree = await packagesLoadedBy(async () => {
    const [keys, indexed, sqlite] = await Promise.all([import('@portico/apikeys/keys'), import('@portico/apikeys/indexed'), import('@portico/apikeys/sqlite')]);
    assert.equal(typeof keys.hashApiKey, 'function');
    assert.equal(typeof indexed.createIndexedApiKeyStore, 'function');
    assert.equal(typeof indexed.createRelayedKeyFeed, 'function');
    assert.equal(typeof sqlite.createSqliteKeyFeed, 'function');
  });
  assert.ok(backendFree.includes('@portico/apikeys'), `the hook saw the entries load: ${backendFree.join(' ')}`);
  for (const heavy of ['@portico/redis', 'ioredis']) assert.ok(!backendFree.includes(heavy), `loads ${heavy}`);

  const redis = await packagesLoadedBy(() => import('@portico/apikeys/redis'));
  assert.ok(redis.includes('ioredis'), `./redis loads ioredis: ${redis.join(' ')}`);
});
