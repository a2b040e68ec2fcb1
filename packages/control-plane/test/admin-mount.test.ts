// The admin server carries other components' operational endpoints (ext-auth's Prometheus /metrics in `portico up`),
// and keeps its own /v1 API out of reach of mounts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { createMetricsHandler, PorticoAuthService, silentLogger } from '@portico/ext-auth';
import { startControlPlane } from '../src/index.ts';

test('ext-auth metrics mounted on the admin server count decisions per config_id', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-admin-mount-'));
  const cp = await startControlPlane({ stateDir: dir, admin: { port: 0 }, debounceMs: 5 });
  t.after(async () => {
    await cp.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const auth = new PorticoAuthService({ logger: silentLogger });
  cp.admin!.mount('/metrics', createMetricsHandler(auth.metrics));
  assert.throws(() => cp.admin!.mount('/v1/resources', () => undefined), /belongs to the API/);

  const denied = await auth.check({
    attributes: {
      request: { http: { id: '1', method: 'GET', path: '/x', host: 'api.test', scheme: 'http', protocol: 'HTTP/1.1', headers: {} } },
      context_extensions: { config_id: 'ns.not-there' },
    },
  } as unknown as Parameters<typeof auth.check>[0]);
  assert.equal(denied.allowed, false);

  const res = await fetch(`${cp.admin!.url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  const text = await res.text();
  assert.match(text, /config_id="ns\.not-there"/);
  // The API itself is untouched by the mount.
  assert.equal((await fetch(`${cp.admin!.url}/healthz`)).status, 200);
});
