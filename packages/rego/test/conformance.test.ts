// The conformance floor: OPA's own YAML suite must keep at least the committed number of passing cases.
// Runs the runner in a child process (it takes ~10 s on two cores) with a time budget; raise the floor in
// conformance.floor as cases start passing, never lower it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

test('OPA conformance suite: passes stay at or above the committed floor', () => {
  const floor = Number(readFileSync(join(here, 'conformance.floor'), 'utf8').trim());
  const r = spawnSync(process.execPath, [join(here, '../src/conformance/main.ts')], { encoding: 'utf8', timeout: 110_000 });
  assert.equal(r.error, undefined, `runner did not finish: ${r.error?.message}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  const m = /^conformance: (\d+) passed, (\d+) failed, (\d+) skipped$/.exec(last);
  assert.ok(m, `unexpected last line: ${last}\n${r.stderr}`);
  const passed = Number(m[1]);
  assert.ok(Number(m[1]) + Number(m[2]) + Number(m[3]) >= 3241, 'suite must load every case');
  assert.ok(passed >= floor, `conformance passes fell to ${passed}, floor is ${floor}`);
});
