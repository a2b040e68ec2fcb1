// The engine against OPA's list of built-ins: each is implemented or declared missing with a reason, calls to
// missing ones are reported as unsupported (not unknown), and docs/builtins.md is current.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { prepare } from '../../src/index.ts';
import { builtins } from '../../src/builtins/index.ts';
import { builtinStatus, builtinsTable } from '../../src/builtins/catalogue-table.ts';
import { OPA_BUILTINS, missingBuiltins } from '../../src/builtins/opa-catalogue.ts';

const all = Object.values(OPA_BUILTINS).flat();

test('every OPA built-in is implemented or declared missing with a reason; nothing is listed twice', () => {
  assert.equal(new Set(all).size, all.length);
  const unexplained = all.filter((n) => builtinStatus(n).note === 'not implemented');
  assert.deepEqual(unexplained, []);
  for (const name of missingBuiltins.keys()) assert.ok(all.includes(name) && !builtins.has(name), name);
  // and the engine has nothing OPA lacks besides its internal helpers
  const extra = [...builtins.keys()].filter((n) => !all.includes(n) && !n.startsWith('internal.'));
  assert.deepEqual(extra, []);
});

test('a call to a missing built-in is rego_unsupported_builtin naming it and why', () => {
  const p = prepare({ modules: { 'p.rego': 'package p\nok if http.send({"method": "GET", "url": "http://x"})' }, query: 'data.p.ok', regoVersion: 1 });
  assert.ok(!p.ok);
  assert.equal(p.errors[0].code, 'rego_unsupported_builtin');
  assert.equal(p.errors[0].message, 'http.send: unsupported builtin: needs the network: makes an outbound HTTP request');
});

test('the experimental and/or keywords are reported as not supported (experimental)', () => {
  const p = prepare({ modules: { 'p.rego': 'package p\nok if { input.a or input.b }' }, query: 'data.p.ok', regoVersion: 1 });
  assert.ok(!p.ok);
  assert.match(p.errors[0].message, /not supported \(experimental/);
  assert.deepEqual(p.errors[0].location, { file: 'p.rego', row: 2, col: 17 });
});

test('docs/builtins.md is generated from the catalogue', () => {
  const doc = readFileSync(new URL('../../docs/builtins.md', import.meta.url), 'utf8');
  assert.equal(doc, builtinsTable(), 'stale: run node packages/rego/scripts/builtins-table.ts');
});
