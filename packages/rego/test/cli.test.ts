// The `rego` command line: eval/test/check on real files in a temp directory, run in-process through runCli
// (the same function the binary calls) and once through the binary itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/run.ts';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../src/cli/main.ts');

function cli(args: string[], stdin = ''): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t), readStdin: () => stdin, now: () => 0 });
  return { code, out, err };
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rego-cli-'));
  writeFileSync(
    join(dir, 'policy.rego'),
    'package authz\n\ndefault allow := false\n\nallow if {\n\tsome role in data.roles[input.user]\n\trole == "admin"\n}\n\nroles_of(u) := data.roles[u]\n\nunused_rule if input.never\n',
  );
  writeFileSync(
    join(dir, 'policy_test.rego'),
    'package authz_test\n\nimport data.authz\n\ntest_admin if authz.allow with input as {"user": "alice"}\n\ntest_guest if not authz.allow with input as {"user": "bob"}\n\ntest_mock_data if authz.allow with input as {"user": "eve"} with data.roles as {"eve": ["admin"]}\n\ntest_mock_function if authz.roles_of("x") == ["mocked"] with authz.roles_of as mock_roles\n\nmock_roles(_) := ["mocked"]\n\ntest_fails if {\n\tprint("checking bob")\n\tauthz.allow with input as {"user": "bob"}\n}\n\ntodo_test_later if false\n',
  );
  mkdirSync(join(dir, 'roles'));
  writeFileSync(join(dir, 'roles', 'data.json'), JSON.stringify({ alice: ['admin'], bob: ['viewer'] }));
  return dir;
}

test('rego eval: data directories, input, formats and --fail/--fail-defined', () => {
  const dir = project();
  try {
    writeFileSync(join(dir, 'input.json'), '{"user":"alice"}');
    const r = cli(['eval', '-d', dir, '-i', join(dir, 'input.json'), 'data.authz.allow']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { result: [{ expressions: [{ value: true, text: 'data.authz.allow', location: { row: 1, col: 1 } }] }] });
    const b = cli(['eval', '-d', dir, '-f', 'pretty', 'x := data.roles.bob[_]']);
    assert.equal(b.out, '+----------+\n| x        |\n+----------+\n| "viewer" |\n+----------+\n');
    assert.equal(cli(['eval', '-d', dir, '-f', 'raw', 'data.roles.bob[0]']).out, 'viewer\n');
    assert.deepEqual(cli(['eval', '-I', '-d', dir, '--fail-defined', 'data.authz.allow'], '{"user":"alice"}').code, 1);
    const undef = cli(['eval', '-d', dir, '--fail', 'data.authz.nothing']);
    assert.deepEqual([undef.code, undef.out], [1, '{}\n']);
    // errors are values with OPA's text; usage errors exit 2 with the usage
    writeFileSync(join(dir, 'broken.rego'), 'package broken\n\nq if { x }\n');
    const bad = cli(['eval', '-d', dir, '-f', 'pretty', 'data.broken.q']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /broken\.rego:3: rego_unsafe_var_error: var x is unsafe/);
    const badJson = JSON.parse(cli(['eval', '-d', dir, 'data.broken.q']).out);
    assert.equal(badJson.errors[0].code, 'rego_unsafe_var_error');
    const usage = cli(['eval', '-f', 'yaml', 'true']);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /--format must be one of json, pretty, raw/);
    assert.equal(cli(['eval', '-d', join(dir, 'missing'), 'true']).code, 2);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('rego test: pass/fail per test, with-mocking of input, data and functions, todo tests, coverage per file', () => {
  const dir = project();
  try {
    const r = cli(['test', '-v', '--coverage', dir]);
    assert.equal(r.code, 1, 'one test fails');
    for (const [name, status] of [
      ['test_admin', 'PASS'],
      ['test_guest', 'PASS'],
      ['test_mock_data', 'PASS'],
      ['test_mock_function', 'PASS'],
      ['test_fails', 'FAIL'],
      ['todo_test_later', 'SKIPPED'],
    ]) {
      assert.match(r.out, new RegExp(`data\\.authz_test\\.${name}: ${status}`), name);
    }
    assert.match(r.out, /checking bob/, 'print output of a failing test is shown');
    assert.match(r.out, /PASS: 4\/6\nFAIL: 1\/6\nSKIPPED: 1\/6/);
    // unused_rule's body (line 12) never runs; the allow body (lines 6-7) does
    assert.match(r.out, /policy\.rego: 66\.67% \(2\/3\) not covered: 12/);
    const only = cli(['test', '--run', 'test_(admin|guest)$', '-f', 'json', '--coverage', dir]);
    assert.equal(only.code, 0, only.out);
    const report = JSON.parse(only.out);
    assert.deepEqual(report.tests.map((t: { name: string; status: string }) => [t.name, t.status]), [
      ['data.authz_test.test_admin', 'pass'],
      ['data.authz_test.test_guest', 'pass'],
    ]);
    assert.deepEqual(report.coverage.files[join(dir, 'policy.rego')].not_covered, [12]);
    assert.equal(cli(['test', '--run', 'test_admin$', '--coverage', '--threshold', '99', dir]).code, 1);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('rego check: compile errors with OPA texts, --strict, json format; the binary itself', () => {
  const dir = project();
  try {
    assert.equal(cli(['check', dir]).code, 0);
    writeFileSync(join(dir, 'strict.rego'), 'package s\n\nimport data.authz\n\nq if {\n\tx := 1\n\ttrue\n}\n');
    assert.equal(cli(['check', dir]).code, 0);
    const s = cli(['check', '--strict', dir]);
    assert.equal(s.code, 1);
    assert.match(s.err, /^2 errors occurred:\n.*strict\.rego:6: rego_compile_error: assigned var x unused\n.*strict\.rego:3: rego_compile_error: import data\.authz unused\n$/);
    // schemas: a file for input, used by check and eval
    writeFileSync(join(dir, 'schema.json'), JSON.stringify({ type: 'object', properties: { user: { type: 'string' } } }));
    writeFileSync(join(dir, 'typed.rego'), 'package typed\n\nok if input.user == "a"\n\nbad if input.usr\n');
    const typed = cli(['check', '-s', join(dir, 'schema.json'), join(dir, 'typed.rego')]);
    assert.equal(typed.code, 1);
    assert.match(typed.err, /typed\.rego:5: rego_type_error: undefined ref: input\.usr/);
    assert.equal(cli(['check', join(dir, 'typed.rego')]).code, 0);
    assert.equal(cli(['eval', '-s', join(dir, 'schema.json'), '-d', join(dir, 'typed.rego'), 'data.typed.ok']).code, 1);
    const j = cli(['check', '--strict', '-f', 'json', dir]);
    assert.equal(JSON.parse(j.out).errors[0].code, 'rego_compile_error');
    const help = spawnSync(process.execPath, [bin, 'check', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: rego check/);
    const run = spawnSync(process.execPath, [bin, 'eval', '-d', dir, 'data.roles.alice'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).result[0].expressions[0].value, ['admin']);
    assert.equal(spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' }).status, 2);
    // reachable as `portico rego …`, exit status passed through
    const portico = join(dirname(bin), '../../../cli/src/main.ts');
    const viaPortico = spawnSync(process.execPath, [portico, 'rego', 'test', dir], { encoding: 'utf8' });
    assert.equal(viaPortico.status, 1, viaPortico.stderr);
    assert.match(viaPortico.stdout, /FAIL: 1\/6/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('the README worked example: the seed policy passes its tests with full coverage and evaluates its input', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../examples/seed');
  const t = cli(['test', '--v0-compatible', '--coverage', '--threshold', '100', dir]);
  assert.equal(t.code, 0, t.out + t.err);
  assert.match(t.out, /PASS: 5\/5/);
  const e = cli(['eval', '--v0-compatible', '-d', join(dir, 'policy.rego'), '-i', join(dir, 'input.json'), '-f', 'raw', 'data.test.allow']);
  assert.equal(e.out, 'true\n', e.err);
});
