// A gateway worker loads only the backends its configuration uses (docs/data-plane.md, "Memory of a gateway
// worker"): with sqlite stores (no --redis) and the sqlite portal database it must not load the Redis client, the
// PostgreSQL client or gRPC (the ext_authz gRPC server never runs in a worker). The real `portico up --workers 1`
// runs — primary and worker, whatever they say to each other — with a preload (NODE_OPTIONS, so the worker inherits
// it) that records every module a process resolves; the test reads the worker's list once the banner is out.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { importChain, LOADED_MODULES_DIR_ENV, LOADED_MODULES_PRELOAD, modulesOfPackage, packagesOf, readLoadedModulesReport, until } from '@portico/testing';
import { startUp } from './helpers.ts';
import { WORKER_ENV } from '../src/up/workers/messages.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Packages a worker without Redis and with the sqlite portal database has no use for. */
const UNUSED = ['@grpc/grpc-js', '@grpc/grpc-js-xds', '@grpc/proto-loader', 'protobufjs', 'ioredis', '@portico/redis', 'pg', 'kysely'];

/** The gateway worker among a process's children (its environment carries the worker settings). */
function workerOf(pid: number): number | undefined {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return children.find((c) => readFileSync(`/proc/${c}/environ`, 'utf8').split('\0').some((kv) => kv.startsWith(`${WORKER_ENV}=`)));
}

test('a gateway worker with sqlite stores loads no Redis, PostgreSQL or gRPC module', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-worker-modules-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const ports = ['--admin-port', '0', '--gateway-port', '0', '--portal-port', '0', '--kube-api-port', '0'];
  const up = await startUp(['--workers', '1', '--no-demo', '--no-idp', '--state-dir', join(dir, 'state'), ...ports], {
    cwd: dir,
    env: { NODE_OPTIONS: `--import=${LOADED_MODULES_PRELOAD}`, [LOADED_MODULES_DIR_ENV]: dir },
  });
  t.after(async () => {
    const exited = once(up.child, 'exit');
    up.child.kill('SIGTERM');
    await exited;
  });

  const worker = await until(() => workerOf(up.child.pid!), 'the gateway worker process');
  process.kill(worker, 'SIGUSR2');
  const file = join(dir, `${worker}.json`);
  const report = await until(() => (existsSync(file) ? readLoadedModulesReport(file) : undefined), 'the worker’s loaded-modules report');
  const loaded = packagesOf(report.modules);
  assert.ok(loaded.includes('@portico/gateway') && loaded.includes('@portico/ext-auth'), `the report lists the worker's own packages: ${loaded.join(' ')}`);
  const unwanted = UNUSED.filter((p) => loaded.includes(p)).map((p) => `${p}, through ${importChain(report, modulesOfPackage(report, p)[0]!, ROOT).join(' → ')}`);
  assert.deepEqual(unwanted, []);
});
