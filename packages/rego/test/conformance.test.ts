// Conformance expectations: every case listed in conformance.expected (OPA's suite and this package's own cases in
// test/cases) must keep passing the way it is listed (rows, exact error text or relaxed error text), so a
// regression in one topic cannot hide behind gains in another. Runs the runner in a child process (~10 s on two
// cores) with a time budget; record new passes with `npm run conformance -- --write-expected
// packages/rego/test/conformance.expected`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const runner = join(here, '../src/conformance/main.ts');

test('OPA conformance suite: every expected case still passes, per topic', () => {
  const r = spawnSync(process.execPath, [runner, '--expect', join(here, 'conformance.expected')], { encoding: 'utf8', timeout: 110_000 });
  assert.equal(r.error, undefined, `runner did not finish: ${r.error?.message}`);
  const lines = r.stdout.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  const m = /^conformance: (\d+) passed, (\d+) failed, (\d+) skipped$/.exec(last);
  assert.ok(m, `unexpected last line: ${last}\n${r.stderr}`);
  assert.ok(Number(m[1]) + Number(m[2]) + Number(m[3]) >= 3241, 'suite must load every case');
  const regressions = lines.filter((l) => l.startsWith('REGRESSION') || l.startsWith('MISSING'));
  assert.deepEqual(regressions, [], 'cases expected to pass no longer do');
  assert.equal(r.status, 0, r.stderr);
});

test('conformance runner: --help prints usage, a bad option is a usage error', () => {
  const help = spawnSync(process.execPath, [runner, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^usage: npm run conformance/);
  const bad = spawnSync(process.execPath, [runner, '--floor'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown option --floor/);
  assert.doesNotMatch(bad.stderr, /at main/);
});
