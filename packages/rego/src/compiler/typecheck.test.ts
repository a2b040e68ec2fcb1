import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare } from '../api/prepare.ts';

function codeOf(src: string, query = 'data.t.p'): string | null {
  const p = prepare({ modules: { 't.rego': src }, query });
  return p.ok ? null : p.errors[0].code;
}

test('builtin calls are checked against their declarations', () => {
  assert.equal(codeOf('package t\np := count(1, 2, 3)'), 'rego_type_error'); // arity
  assert.equal(codeOf('package t\np := plus("a", 1)'), 'rego_type_error'); // literal of the wrong type
  assert.equal(codeOf('package t\np := no_such_builtin(1)'), 'rego_type_error');
  assert.equal(codeOf('package t\np := http.send({})'), 'rego_unsupported_builtin');
  assert.equal(codeOf('package t\np if { split("a b", " ", parts); count(parts) == 2 }'), null); // output argument
});

test('unsafe variables and unsafe heads are compile errors; reordering makes written order irrelevant', () => {
  assert.equal(codeOf('package t\np if { x > 1 }'), 'rego_unsafe_var_error');
  assert.equal(codeOf('package t\np := y if { true }'), 'rego_unsafe_var_error');
  // (with `x := 5` OPA rejects the body instead: var x referenced above)
  assert.equal(codeOf('package t\np if { x > 1; x := 5 }'), 'rego_compile_error');
  const r = prepare({ modules: { 't.rego': 'package t\np if { x > 1; x = 5 }' }, query: 'data.t.p = v' });
  assert.ok(r.ok);
  assert.deepEqual(r.value.eval(), { ok: true, results: [{ expressions: [true], bindings: { v: true } }] });
});

test('conflicting rule kinds and several defaults at one path are compile errors', () => {
  assert.equal(codeOf('package t\np := 1\np contains 2'), 'rego_type_error');
  assert.equal(codeOf('package t\ndefault p := 1\ndefault p := 2'), 'rego_type_error');
  assert.equal(codeOf('package t\np := 1\np(x) := x'), 'rego_type_error');
});

test('variable types flow from literals, comprehensions and built-in results into argument checks', () => {
  assert.equal(codeOf('package t\np if { x := 1; startswith(x, "a") }'), 'rego_type_error');
  assert.equal(codeOf('package t\np if { n := count(input.xs); upper(n) == "A" }'), 'rego_type_error');
  assert.equal(codeOf('package t\np if { split("a,b", ",", parts); lower(parts) }'), 'rego_type_error');
  assert.equal(codeOf('package t\np if { s := [x | x := input[_]]; abs(s) }'), 'rego_type_error');
  assert.equal(codeOf('package t\np if { s := concat(",", ["a"]); count(s) > 0 }'), null);
  assert.equal(codeOf('package t\np if { x := input.v; abs(x) > 0 }'), null, 'input is of any type');
});

test('rule documents and function results are typed by the literal values of their heads', () => {
  assert.equal(codeOf('package t\nname := "a"\np if abs(name) > 0'), 'rego_type_error');
  assert.equal(codeOf('package t\ntags contains "a"\np if upper(tags) == "A"'), 'rego_type_error');
  assert.equal(codeOf('package t\nf(x) := "s" if x > 0\np if abs(f(1)) > 0'), 'rego_type_error');
  // mixed or computed values stay untyped
  assert.equal(codeOf('package t\nv := "a" if input.x\nv := 1 if not input.x\np if abs(v) > 0'), null);
  assert.equal(codeOf('package t\nv := input.x\np if abs(v) > 0'), null);
  assert.equal(codeOf('package t\nn := 3\np if abs(n) > 0'), null);
});
