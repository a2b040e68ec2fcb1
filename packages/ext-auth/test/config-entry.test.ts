// @portico/ext-auth/config is what the control plane loads to validate auth configs: it must not pull in the
// gRPC transport, the metrics registry or the logger (this file runs in its own process under node --test).
import assert from 'node:assert/strict';
import { registerHooks } from 'node:module';
import { test } from 'node:test';

test('the ./config entry loads no gRPC, prom-client or pino', async () => {
  const packages = new Set<string>();
  const hooks = registerHooks({
    resolve(specifier, context, next) {
      const r = next(specifier, context);
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(r.url);
      if (m) packages.add(m[1]!);
      return r;
    },
  });
  try {
    const config = await import('@portico/ext-auth/config');
    assert.equal(typeof config.validateAuthConfig, 'function');
  } finally {
    hooks.deregister();
  }
  assert.ok(packages.has('jose'), 'the hook saw the entry load its dependencies');
  for (const heavy of ['@grpc/grpc-js', '@grpc/proto-loader', 'prom-client', 'pino']) assert.ok(!packages.has(heavy), `loads ${heavy}`);
});
