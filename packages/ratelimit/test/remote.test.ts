// Counting across processes the way `portico up --workers N` does: the parent owns a persisted counter store
// (memory + batched sqlite) and two forked worker processes count through it over IPC. The limit holds exactly
// across both, and the counts survive reopening the file.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createPersistedCounterStore, createRateLimitService, serveCounterStore } from '@portico/ratelimit';
import { config, LIMIT, nextMessage } from './support/counting.ts';

const dir = mkdtempSync(join(tmpdir(), 'portico-rl-remote-'));
after(() => rmSync(dir, { recursive: true, force: true }));

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
