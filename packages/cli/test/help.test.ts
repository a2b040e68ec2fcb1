// `npx portico …` runs the package's bin (through its shebang, on the pinned Node that npm puts on PATH), and
// every command answers --help with its usage and exit code 0 — never a stack trace.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildProgram } from '../src/program.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'node_modules/.bin/portico');
// What `npx` does: node_modules/.bin first on PATH, so `#!/usr/bin/env node` finds the pinned Node 24.
const env = { ...process.env, PATH: `${dirname(BIN)}:${dirname(process.execPath)}:${process.env.PATH ?? ''}` };

test('the bin entry runs: portico --help', async () => {
  const { stdout } = await run(BIN, ['--help'], { env, cwd: ROOT });
  assert.match(stdout, /^Usage: portico \[options\] \[command\]/);
});

test('every command answers --help with its usage', async () => {
  const names = buildProgram({ stdout: () => {}, stderr: () => {}, stdin: async () => '' }).commands.map((c) => c.name());
  assert.ok(names.length >= 9, names.join());
  await Promise.all(names.map(async (name) => {
    const { stdout, stderr } = await run(BIN, [name, '--help'], { env, cwd: ROOT });
    // Pass-through commands (portico rego) print their tool's own usage.
    assert.match(stdout, new RegExp(`^usage: (portico )?${name} `, 'i'), name);
    assert.equal(stderr, '', name);
  }));
});
