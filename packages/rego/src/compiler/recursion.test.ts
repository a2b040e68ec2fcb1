import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare } from '../api/prepare.ts';

test('rules and functions that depend on themselves are rego_recursion_error, naming the cycle', () => {
  const p = prepare({ modules: { 'x.rego': 'package x\np if q\nq if p' }, query: 'data.x.p' });
  assert.equal(!p.ok && p.errors[0].code, 'rego_recursion_error');
  assert.match(!p.ok ? p.errors[0].message : '', /data\.x\.p -> data\.x\.q -> data\.x\.p/);
  const f = prepare({ modules: { 'f.rego': 'package f\nf(x) := y if y := f(x)' }, query: 'data.f.f(1)' });
  assert.equal(!f.ok && f.errors[0].code, 'rego_recursion_error');
});

test('dynamic lookups into the own package are not recursion', () => {
  const p = prepare({ modules: { 'd.rego': 'package d\na := 1\nb := 2\nn := count([k | data.d[k] == 1])' }, query: 'x = data.d.a' });
  assert.ok(p.ok, JSON.stringify(!p.ok && p.errors));
});
