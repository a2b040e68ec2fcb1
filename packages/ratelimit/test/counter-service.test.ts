// The counter service as `portico up --workers N` runs it: a thread of the parent owns the persisted store and
// serves it on a Unix socket; two forked worker processes count through the socket. The limit holds exactly
// across both, the counts survive the service's close, and a worker whose service went away gets an error it
// can act on (RL_STORE_UNAVAILABLE: the route's denyOnFail decides), not a hang.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { after, test } from 'node:test';
import { connectCounterService, createPersistedCounterStore, createRateLimitService, RateLimitError, startCounterService } from '@portico/ratelimit';
import { config, LIMIT, nextMessage } from './support/counting.ts';

const dir = mkdtempSync(join(tmpdir(), 'portico-rl-service-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('two worker processes counting through the service socket: exactly the limit is allowed; counts persist', async () => {
  const path = join(dir, 'ratelimit.db');
  const service = await startCounterService({ path });
  // A private directory: no other user can reach the socket.
  assert.equal(statSync(dirname(service.socketPath)).mode & 0o077, 0);
  const workers = [0, 1].map(() => fork(new URL('./support/socket-counting-worker.ts', import.meta.url), [JSON.stringify(config), service.socketPath], { stdio: 'inherit' }));
  after(() => workers.forEach((w) => w.kill()));
  await Promise.all(workers.map((w) => nextMessage(w, (m) => m.ready)));
  const user = `u-${Date.now()}`;
  const results = await Promise.all(workers.map((w) => {
    const done = nextMessage<{ ok: number; errors: number }>(w, (m) => (m.ok !== undefined ? m : undefined));
    w.send({ run: 40, user });
    return done;
  }));
  assert.deepEqual(results.map((r) => r.errors), [0, 0]);
  assert.equal(results[0]!.ok + results[1]!.ok, LIMIT, `allowed per worker: ${results.map((r) => r.ok).join(' + ')}`);
  for (const w of workers) {
    w.send({ stop: true });
    if (w.exitCode === null && w.signalCode === null) await once(w, 'exit');
  }
  await service.close();
  assert.equal(existsSync(service.socketPath), false, 'the socket is removed on close');

  // Reopened: the day's count (80 hits) came back from the file, so the user stays limited.
  const again = createRateLimitService({ store: createPersistedCounterStore({ path }), config });
  assert.equal((await again.shouldRateLimit('d', [[{ key: 'userId', value: user }]])).code, 'OVER_LIMIT');
  assert.equal((await again.shouldRateLimit('d', [[{ key: 'userId', value: `${user}-other` }]])).code, 'OK');
  await again.close();
});

test('a client whose service is gone fails fast with RL_STORE_UNAVAILABLE', async () => {
  const service = await startCounterService({ path: join(dir, 'gone.db') });
  const client = connectCounterService(service.socketPath, { retryMs: 20 });
  after(() => client.close());
  assert.deepEqual(await client.incrementAll([{ key: 'k', ttlSeconds: 60 }]), [1]);
  await service.close();
  // The drop is noticed on the client's socket; from then on every batch is refused at once.
  const err = await (async () => {
    for (let i = 0; i < 200; i++) {
      const r = await Promise.resolve(client.incrementAll([{ key: 'k', ttlSeconds: 60 }])).then(() => null, (e: unknown) => e);
      if (r) return r;
      await new Promise((res) => setTimeout(res, 10));
    }
    return null;
  })();
  assert.ok(err instanceof RateLimitError, `expected a RateLimitError, got ${String(err)}`);
  assert.equal(err.code, 'RL_STORE_UNAVAILABLE');
});

test('a service thread that fails is reported and started again; clients count again on their own', async () => {
  const errors: RateLimitError[] = [];
  let reported: () => void = () => {};
  const failed = new Promise<void>((resolve) => (reported = resolve));
  const service = await startCounterService({
    path: join(dir, 'restart.db'),
    threadModule: new URL('./support/failing-counter-thread.ts', import.meta.url),
    onError: (err) => (errors.push(err), reported()),
  });
  after(() => service.close());
  const client = connectCounterService(service.socketPath, { retryMs: 20, stallMs: 200 });
  after(() => client.close());
  await failed;
  assert.match(errors[0]!.message, /counter service thread failed: injected failure; starting it again/);
  // Bounded: the restart waits 200 ms; the client reconnects every 20 ms.
  let counted: number[] | null = null;
  for (let i = 0; i < 300 && !counted; i++) {
    counted = await Promise.resolve(client.incrementAll([{ key: 'after-restart', ttlSeconds: 60 }])).catch(() => null);
    if (!counted) await new Promise((res) => setTimeout(res, 20));
  }
  assert.deepEqual(counted, [1]);
  assert.deepEqual(await client.incrementAll([{ key: 'after-restart', ttlSeconds: 60 }]), [2]);
  assert.equal(errors.length, 1, errors.map((e) => e.message).join('; '));
});

test('the socket directory of a process that was killed is removed by the next service to start', async () => {
  // A pid that surely ended: a child that has exited and been reaped.
  const child = fork(new URL('./support/socket-counting-worker.ts', import.meta.url), ['{}', '/nonexistent'], { stdio: 'ignore' });
  await once(child, 'spawn');
  child.kill('SIGKILL');
  await once(child, 'exit');
  const orphan = mkdtempSync(join(tmpdir(), `portico-counters-${child.pid}-`));
  const service = await startCounterService({ path: join(dir, 'orphans.db') });
  after(() => service.close());
  assert.equal(existsSync(orphan), false, `${orphan} is still there`);
  assert.match(dirname(service.socketPath), new RegExp(`portico-counters-${process.pid}-`));
});
