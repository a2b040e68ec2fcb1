// scripts/test-leak-watchdog.mjs, as npm test preloads it: a test file that leaks a handle fails with the handle
// named instead of hanging the run; a clean file passes without waiting for the grace period.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/test-leak/${name}.fixture.mjs`, import.meta.url));

/** Runs one file under the test runner with the watchdog, as npm test does; a hang fails after `boundMs`. */
function runWithWatchdog(file: string, graceMs: number, boundMs: number): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  // Without the runner's own NODE_TEST_CONTEXT, or the child would think it is one of this run's files and skip.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', './scripts/test-leak-watchdog.mjs', '--test', '--test-reporter=spec', file], {
    cwd: root,
    env: { ...env, PORTICO_TEST_LEAK_GRACE_MS: String(graceMs) },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const bound = setTimeout(() => child.kill('SIGKILL'), boundMs);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(bound);
      resolve({ code, output, ms: performance.now() - started });
    }),
  );
}

test('a file that leaks a listening server fails, naming the handle, instead of hanging', async () => {
  const r = await runWithWatchdog(fixture('leaks'), 500, 30_000);
  assert.equal(r.code, 1, r.output);
  assert.match(r.output, /still running 0\.5 s after its last test, kept alive by: .*TCPServerWrap/);
  assert.match(r.output, /✔ passes, and leaves a server listening/);
});

test('a file that closes what it opened passes and does not wait for the grace period', async () => {
  const r = await runWithWatchdog(fixture('clean'), 20_000, 30_000);
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /✔ passes, and closes its server/);
  assert.ok(r.ms < 20_000, `took ${Math.round(r.ms)} ms: the watchdog's timer kept a clean file alive`);
  assert.doesNotMatch(r.output, /still running/);
});
