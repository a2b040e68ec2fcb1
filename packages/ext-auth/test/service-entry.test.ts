// @portico/ext-auth/service is what a gateway data plane embeds (a `portico up` worker): the AuthService without
// the ext_authz servers, so neither gRPC nor protobuf loads, and no Redis client until a Redis session store
// sends its first command (this file runs in its own process under node --test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packagesLoadedBy } from '@portico/testing';

test('the ./service entry loads no gRPC, protobuf or Redis client', async () => {
  const loaded = await packagesLoadedBy(async () => {
    const service = await import('@portico/ext-auth/service');
    assert.equal(typeof service.PorticoAuthService, 'function');
  });
  assert.ok(loaded.includes('jose'), `the hook saw the entry load its dependencies: ${loaded.join(' ')}`);
  for (const heavy of ['@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', '@portico/redis', 'ioredis']) assert.ok(!loaded.includes(heavy), `loads ${heavy}`);
});
