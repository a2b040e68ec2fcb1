// A gateway worker loads only the backends its configuration uses (docs/data-plane.md, "Memory of a gateway
// worker"): with sqlite stores (no --redis) and the sqlite portal database it must not load the Redis client, the
// PostgreSQL client or gRPC (the ext_authz gRPC server never runs in a worker). The real worker entry runs in a
// child process, as the primary forks it, with a preload that records every module it resolves; the test plays the
// primary's part (a first, empty snapshot) and reads the list once the worker listens.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { importChain, LOADED_MODULES_DIR_ENV, LOADED_MODULES_PRELOAD, modulesOfPackage, packagesOf, readLoadedModulesReport, until } from '@portico/testing';
import { WORKER_HEAP_FLAGS } from '../src/up/workers/heap-flags.ts';
import { WORKER_ENV, type PrimaryMessage, type WorkerMessage, type WorkerSettings } from '../src/up/workers/messages.ts';

const WORKER_MAIN = fileURLToPath(new URL('../src/up/workers/worker-main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Packages a worker without Redis and with the sqlite portal database has no use for. */
const UNUSED = ['@grpc/grpc-js', '@grpc/grpc-js-xds', '@grpc/proto-loader', 'protobufjs', 'ioredis', '@portico/redis', 'pg'];

test('a gateway worker with sqlite stores loads no Redis, PostgreSQL or gRPC module', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-worker-modules-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'state'));
  const settings: WorkerSettings = { gateway: { host: '127.0.0.1', port: 0, tlsCert: null, tlsKey: null }, stateDir: join(dir, 'state'), redisUrl: null, portalDb: null };
  const worker = fork(WORKER_MAIN, [], {
    // As the primary forks it (its heap flags), plus the preload; not the test runner's own flags.
    execArgv: [...WORKER_HEAP_FLAGS, `--import=${LOADED_MODULES_PRELOAD}`],
    env: { ...process.env, [WORKER_ENV]: JSON.stringify(settings), [LOADED_MODULES_DIR_ENV]: dir },
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = once(worker, 'exit');
  t.after(async () => {
    if (worker.exitCode === null && worker.signalCode === null) {
      worker.kill('SIGKILL');
      await exited;
    }
  });
  const listening = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.t === 'portico.hello') {
        const first: PrimaryMessage = { t: 'portico.snapshot', snapshot: { revision: 1, storeRevision: 1, authConfigs: new Map(), rateLimit: null, gateway: { revision: 1, virtualHosts: [] } } };
        worker.send(first);
      } else if (m.t === 'portico.listening') resolve();
      else if (m.t === 'portico.fatal') reject(new Error(`worker failed: ${m.message}`));
    });
    void exited.then(([code]) => reject(new Error(`worker exited with ${String(code)} before listening`)));
  });
  await listening;

  worker.kill('SIGUSR2');
  const file = join(dir, `${worker.pid}.json`);
  const report = await until(() => (existsSync(file) ? readLoadedModulesReport(file) : undefined), 'the worker’s loaded-modules report');
  const loaded = packagesOf(report.modules);
  assert.ok(loaded.includes('@portico/gateway') && loaded.includes('@portico/ext-auth'), `the report lists the worker's own packages: ${loaded.join(' ')}`);
  const unwanted = UNUSED.filter((p) => loaded.includes(p)).map((p) => `${p}, through ${importChain(report, modulesOfPackage(report, p)[0]!, ROOT).join(' → ')}`);
  assert.deepEqual(unwanted, []);

  const stop: PrimaryMessage = { t: 'portico.stop' };
  worker.send(stop);
  assert.deepEqual(await exited, [0, null]);
});
