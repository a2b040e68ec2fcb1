import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule, parseQuery } from './parser.ts';
import { RegoFailure } from '../errors.ts';

test('v0: p[x] { … } is a partial set; v1: p contains x; p[x] if … builds an object', () => {
  const v0 = parseModule('package t\np[x] { x := 1 }\nq[x] = y { x := 1; y := 2 }', 'a.rego', 0);
  assert.deepEqual(v0.rules.map((r) => r.kind), ['multi', 'complete']);
  const v1 = parseModule('package t\np contains x if { x := 1 }\nq[x] if { x := 1 }', 'a.rego', 1);
  assert.deepEqual(v1.rules.map((r) => [r.kind, r.head.ref.length]), [['multi', 1], ['complete', 2]]);
});

test('keywords stay usable as ref segments and rule names', () => {
  const m = parseModule('package t\nif.in := 1\np if { in.x == data.every.if }', 'a.rego', 1);
  assert.equal(m.rules.length, 2);
});

test('newlines separate expressions; with may continue on the next line', () => {
  const q = parseQuery('x := 1\ny := x\n  with input as {}', 1);
  assert.equal(q.length, 2);
  assert.equal(q[1].with.length, 1);
});

test('parse errors carry file, row and OPA code', () => {
  try {
    parseModule('package t\n\np { x := }', 'bad.rego', 1);
    assert.fail('expected a parse error');
  } catch (e) {
    assert.ok(e instanceof RegoFailure);
    assert.equal(e.errors[0].code, 'rego_parse_error');
    assert.equal(e.errors[0].location?.row, 3);
  }
});
