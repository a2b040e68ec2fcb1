// Counting across processes the way `portico up --workers N` does: the parent owns a persisted counter store
// (memory + batched sqlite) and two forked worker processes count through it over IPC. The limit holds exactly
// across both, and the counts survive reopening the file.
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createPersistedCounterStore, createRateLimitService, serveCounterStore, type RateLimitServiceConfig } from '@portico/ratelimit';

const dir = mkdtempSync(join(tmpdir(), 'portico-rl-remote-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// A DAY window: the test cannot straddle a window boundary unless it runs across midnight UTC.
const LIMIT = 25;
const config: RateLimitServiceConfig = {
  domains: { d: { descriptors: [{ key: 'userId', value: null, rateLimit: { unit: 'DAY', requestsPerUnit: LIMIT }, descriptors: [], weight: 0, alwaysApply: false }], setDescriptors: [] } },
};

function nextMessage<T>(child: ChildProcess, pick: (m: any) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (m: unknown) => {
      const v = pick(m);
      if (v !== undefined) (child.off('message', on), child.off('exit', onExit), resolve(v));
    };
    const onExit = (code: number) => reject(new Error(`worker exited with ${code}`));
    child.on('message', on);
    child.once('exit', onExit);
  });
}

test('two worker processes counting through the primary: exactly the limit is allowed; counts persist', async () => {
  const path = join(dir, 'ratelimit.db');
  const store = createPersistedCounterStore({ path });
  const workers = [0, 1].map(() => fork(new URL('./support/counting-worker.ts', import.meta.url), [JSON.stringify(config)], { stdio: 'inherit' }));
  after(() => workers.forEach((w) => w.kill()));
  await Promise.all(workers.map((w) => nextMessage(w, (m) => m.ready)));
  for (const w of workers) serveCounterStore(store, w);
  const user = `u-${Date.now()}`;
  const oks = await Promise.all(workers.map((w) => {
    const done = nextMessage<number>(w, (m) => m.ok);
    w.send({ run: 40, user });
    return done;
  }));
  assert.equal(oks[0]! + oks[1]!, LIMIT, `allowed per worker: ${oks.join(' + ')}`);
  await store.close();
  for (const w of workers) {
    w.kill();
    if (w.exitCode === null && w.signalCode === null) await once(w, 'exit');
  }

  // Reopened: the day's count (80 hits) came back from the file, so the user stays limited.
  const again = createRateLimitService({ store: createPersistedCounterStore({ path }), config });
  assert.equal((await again.shouldRateLimit('d', [[{ key: 'userId', value: user }]])).code, 'OVER_LIMIT');
  assert.equal((await again.shouldRateLimit('d', [[{ key: 'userId', value: `${user}-other` }]])).code, 'OK');
  await again.close();
});
