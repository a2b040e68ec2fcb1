// The type checker through compile(): OPA's texts, locations, order independence, refs and schemas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, formatError } from '../../index.ts';

function errs(src: string, schemas?: Record<string, unknown>): string[] {
  const c = compile({ modules: { 't.rego': src }, schemas });
  return c.ok ? [] : c.errors.map(formatError);
}

test('match errors name element types as OPA does', () => {
  assert.deepEqual(errs('package t\n\np if {\n\t[1, "a"] = [1, 2]\n}\n'), ['t.rego:4: rego_type_error: match error\n\tleft  : array<number, string>\n\tright : array<number, number>']);
  assert.deepEqual(errs('package t\n\np if {\n\t{"a": 1} = {"a": "x"}\n}\n'), ['t.rego:4: rego_type_error: match error\n\tleft  : object<a: number>\n\tright : object<a: string>']);
  assert.deepEqual(errs('package t\n\np if {\n\tx := [y | y := [1, "a"][_]]\n\tx = {1}\n}\n'), ['t.rego:5: rego_type_error: match error\n\tleft  : array[any<number, string>]\n\tright : set[number]']);
  assert.deepEqual(errs('package t\n\np if {\n\t"a" in {1, 2}\n}\n'), ['t.rego:4: rego_type_error: match error\n\tleft  : string\n\tright : number']);
});

test('argument errors list every operand (??? for an output not yet known) and OPA\'s named signature', () => {
  assert.deepEqual(errs('package t\n\ns := sum([1, "foo"])\n'), ['t.rego:3: rego_type_error: sum: invalid argument(s)\n\thave: (array<number, string>, ???)\n\twant: (collection: any<array[number], set[number]>, n: number)']);
  assert.deepEqual(errs('package t\n\np if {\n\tx := 1\n\tstartswith(x, "a")\n}\n'), ['t.rego:5: rego_type_error: startswith: invalid argument(s)\n\thave: (number, string)\n\twant: (search: string, base: string, result: boolean)']);
});

test('refs into typed values: members a type does not have are undefined refs with OPA\'s caret and have/want lines', () => {
  assert.deepEqual(errs('package t\n\np if {\n\tarr := [1, 2]\n\tarr[0].x\n}\n'), ['t.rego:5: rego_type_error: undefined ref: arr[0].x\n\tarr[0].x\n\t^^^^^^\n\thave: number']);
  assert.deepEqual(errs('package t\n\np if {\n\to := {"a": 1, "c": 3}\n\to.b\n}\n'), ['t.rego:5: rego_type_error: undefined ref: o.b\n\to.b\n\t  ^\n\t  have: "b"\n\t  want (one of): ["a" "c"]']);
  assert.deepEqual(errs('package t\n\nq := {"foo": 1}\n\np if {\n\tx := 1\n\tdata.t.q[x]\n}\n'), ['t.rego:7: rego_type_error: undefined ref: data.t.q[x]\n\tdata.t.q[x]\n\t         ^\n\t         have (type): number\n\t         want (one of): ["foo"]']);
  assert.deepEqual(errs('package t\n\nf(x) := x\n\np if {\n\ty := data.t.f\n}\n'), ['t.rego:6: rego_type_error: function data.t.f used as reference, not called\n\tdata.t.f\n\t^^^^^^^^\n\thave: (any) => any']);
});

test('rule and function types do not depend on the order rules are written in', () => {
  const later = 'package t\n\np if upper(b) == "A"\n\nb := a\n\na := count(input.xs)\n';
  assert.deepEqual(errs(later), ['t.rego:3: rego_type_error: upper: invalid argument(s)\n\thave: (number, ???)\n\twant: (x: string, y: string)']);
  const fnLater = 'package t\n\np if abs(f("a")) > 0\n\nf(x) := y if y := g(x)\n\ng(x) := upper(x)\n';
  assert.deepEqual(errs(fnLater), ['t.rego:3: rego_type_error: abs: invalid argument(s)\n\thave: (string, ???)\n\twant: (x: number, y: number)']);
  // function argument types come from the body: foo([a, b]) takes strings because split does
  assert.deepEqual(errs('package t\n\nfoo([a, b]) := y if split(a, b, y)\n\np if foo(["x", 1])\n'), ['t.rego:5: rego_type_error: data.t.foo: invalid argument(s)\n\thave: (array<string, number>)\n\twant: (array<string, string>, array[string])'], 'a call as an expression has no output operand');
  assert.deepEqual(errs('package t\n\nv := "a" if input.x\nv := 1 if not input.x\n\np if abs(v) > 0\n'), [], 'a document of several types is their union');
});

test('schemas: later annotations refine earlier ones (OPA override), rule scope over package scope', () => {
  const src = '# METADATA\n# schemas:\n# - input: {"type": "object", "properties": {"user": {"type": "string"}}}\npackage t\n\n# METADATA\n# schemas:\n# - input.apple: {"type": "object", "properties": {"orange": {"type": "number"}}}\np if {\n\tinput.user == "x"\n\tinput.apple.banana\n}\n\nq if input.apple\n';
  assert.deepEqual(errs(src), [
    't.rego:11: rego_type_error: undefined ref: input.apple.banana\n\tinput.apple.banana\n\t            ^\n\t            have: "banana"\n\t            want (one of): ["orange"]',
    't.rego:14: rego_type_error: undefined ref: input.apple\n\tinput.apple\n\t      ^\n\t      have: "apple"\n\t      want (one of): ["user"]',
  ]);
  // a member of an array of numbers is a number (the `in` operator and `some … in`)
  const numbers = { input: { type: 'object', properties: { ns: { type: 'array', items: { type: 'number' } } } } };
  assert.deepEqual(errs('package t\n\np if {\n\tsome n in input.ns\n\tn == "1"\n}\n', numbers), ['t.rego:5: rego_type_error: match error\n\tleft  : number\n\tright : string']);
});

test('v1 rules with `if` may have several bodies', () => {
  const c = compile({ modules: { 't.rego': 'package t\n\np if { input.a } { input.b }\n' }, regoVersion: 1 });
  assert.ok(c.ok, JSON.stringify(!c.ok && c.errors));
});

test('with: a replaced document is of its type or the replacement\'s; a replacing function keeps the arity', () => {
  assert.deepEqual(errs('package t\n\nb := true\nq if { x := data.t.b with data.t.b as 1; lower(x) == "foo" }\n'), ['t.rego:4: rego_type_error: lower: invalid argument(s)\n\thave: (any<boolean, number>, ???)\n\twant: (x: string, y: string)']);
  assert.deepEqual(errs('package t\n\nb := true\nq if { x := data.t.b with data.t.b as "s"; lower(x) == "s" }\n'), []);
  assert.deepEqual(errs('package t\n\nf(_) := true\nmock(_, _) := "foo"\nq if { f(1) with data.t.f as mock }\n'), ['t.rego:5: rego_type_error: data.t.f: arity mismatch\n\thave: (any, any)\n\twant: (any)']);
});

test('with: rules that do not read the replaced document are still checked', () => {
  const src = 'package t\n\nb := true\na := x if { x = data.t.b }\nother := 1\nq if { lower(data.t.a) == "foo" with data.t.other as "foo" }\nr if { lower(data.t.a) == "foo" with data.t.b as "foo" }\n';
  assert.deepEqual(errs(src), ['t.rego:6: rego_type_error: lower: invalid argument(s)\n\thave: (boolean, ???)\n\twant: (x: string, y: string)']);
});
