// Gateway workers and the compile cache (docs/data-plane.md, "Memory of a gateway worker"): a worker that starts on
// an empty cache type-strips and compiles every module itself and keeps that memory for life, so `portico up`
// replaces it, once the cache is written, by one that starts warm — on the same port, which keeps serving. The
// next start on the same cache replaces nothing.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gatewayGet, startUp } from './helpers.ts';

const REPLACING = 'gateway worker started on an empty compile cache; replacing it with one that starts warm';

async function upOnce(dir: string): Promise<{ out: string; status: number }> {
  const ports = ['--admin-port', '0', '--gateway-port', '0', '--portal-port', '0', '--kube-api-port', '0'];
  const up = await startUp(['--workers', '1', '--no-demo', '--no-idp', '--state-dir', join(dir, 'state'), ...ports], { cwd: dir, env: { NODE_COMPILE_CACHE: join(dir, 'compile-cache') } });
  try {
    const gateway = /gateway\s+(https?:\/\/\S+)/.exec(up.out())![1]!;
    // Any answer (no route matches: 404) shows the worker that replaced the cold one took over the port.
    return { out: up.out(), status: await gatewayGet(gateway, '/') };
  } finally {
    const exited = once(up.child, 'exit');
    up.child.kill('SIGTERM');
    await exited;
  }
}

test('a worker that started on an empty compile cache is replaced by a warm one; the next start replaces none', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-worker-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cold = await upOnce(dir);
  assert.ok(cold.out.includes(REPLACING), 'the cold worker was replaced');
  assert.ok(cold.status > 0, 'the gateway answered');
  const warm = await upOnce(dir);
  assert.ok(!warm.out.includes(REPLACING), 'a warm start replaces no worker');
  assert.ok(warm.status > 0, 'the gateway answered');
});
