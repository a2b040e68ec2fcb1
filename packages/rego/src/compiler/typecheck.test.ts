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

test('rule values and function results are typed by what their bodies compute', () => {
  assert.equal(codeOf('package t\nn := c if { c := count(input.xs) }\np if upper(n) == "A"'), 'rego_type_error');
  assert.equal(codeOf('package t\nn := count(input.xs)\np if upper(n) == "A"'), 'rego_type_error');
  assert.equal(codeOf('package t\nf(x) := y if { y := upper(x) }\np if abs(f("a")) > 0'), 'rego_type_error');
  // through another rule's value, and not through recursion (which is its own error)
  assert.equal(codeOf('package t\na := count(input.xs)\nb := a\np if upper(b) == "A"'), 'rego_type_error');
  assert.equal(codeOf('package t\na := b\nb := a\np if a'), 'rego_recursion_error');
  assert.equal(codeOf('package t\nv := x if { x := input.v }\np if abs(v) > 0'), null);
});

test('unifications of known, different types are match errors, == too (OPA checks it as =)', () => {
  const p = prepare({ modules: { 't.rego': 'package t\np if {\n\tx := 1\n\tx = "a"\n}' }, query: 'data.t.p' });
  assert.ok(!p.ok);
  assert.equal(p.errors[0].message, 'match error\n\tleft  : number\n\tright : string');
  assert.equal(p.errors[0].location?.row, 4);
  assert.equal(codeOf('package t\np if { not 1 = "a" }'), 'rego_type_error', 'negation does not skip the check');
  assert.equal(codeOf('package t\np if { x := 1; x == "a" }'), 'rego_type_error');
  assert.equal(codeOf('package t\np if { x := 1; x != "a" }'), null, 'other comparisons are calls of (any, any)');
  // function arguments are typed by their first use in the body, as in OPA
  assert.equal(codeOf('package t\nf(x) if { x = 1; x = "a" }\np if f(1)'), 'rego_type_error');
  // variables of any type, as OPA types them: bound first to input, `every` and `some … in` variables over input
  assert.equal(codeOf('package t\np if { x = input.a; x = 1; x = "a" }'), null);
  assert.equal(codeOf('package t\np if { every x in input.xs { x = 1; x = "a" } }'), null);
  assert.equal(codeOf('package t\np if { some x in input.xs; x = 1; x = "a" }'), null);
});
