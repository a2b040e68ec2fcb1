// Strict compilation (OPA's --strict / strictCompile): unused imports and variables, deprecated built-ins in v0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, formatError } from '../src/index.ts';

function errors(src: string, regoVersion: 0 | 1 = 1, strictCompile = true): string[] {
  const c = compile({ modules: { 'p.rego': src }, regoVersion, strictCompile });
  return c.ok ? [] : c.errors.map(formatError);
}

test('strict mode: unused assigned variables and imports; unused `some` variables always', () => {
  assert.deepEqual(errors('package p\n\nimport data.lib\n\nq if {\n  x := 1\n  some y\n  true\n}\n'), [
    'p.rego:7: rego_compile_error: declared var y unused',
    'p.rego:6: rego_compile_error: assigned var x unused',
    'p.rego:3: rego_compile_error: import data.lib unused',
  ]);
  assert.deepEqual(errors('package p\n\nq if {\n  some y\n  true\n}\n', 1, false), ['p.rego:4: rego_compile_error: declared var y unused']);
  // used variables and imports are fine; wildcards never count
  assert.deepEqual(errors('package p\n\nimport data.lib\n\nq if {\n  x := lib.v\n  some y in [x]\n  _ := y\n}\n'), []);
  // without strict mode the same policy compiles
  assert.deepEqual(errors('package p\n\nimport data.lib\n\nq if {\n  x := 1\n}\n', 1, false), []);
});

test('strict mode: deprecated built-ins are errors in v0 too, duplicate imports and input shadowing', () => {
  assert.deepEqual(errors('package p\n\nq := any([true])\n', 0), ['p.rego:3: rego_type_error: deprecated built-in function calls in expression: any']);
  assert.deepEqual(errors('package p\n\nq := any([true])\n', 0, false), []);
  assert.deepEqual(errors('package p\n\nimport data.a\nimport data.a\n\nq := a\n', 0), ['p.rego:4: rego_compile_error: import must not shadow import data.a']);
});

test('declarations as OPA checks them: once per scope, before use; comprehensions may shadow', () => {
  const body = (b: string) => errors(`package p\n\nq := r if {\n${b}\n}\n`, 1, false);
  assert.deepEqual(body('  x != 100\n  x := 1\n  r := x'), ['p.rego:5: rego_compile_error: var x referenced above']);
  assert.deepEqual(body('  x := 1\n  x := 2\n  r := x'), ['p.rego:5: rego_compile_error: var x assigned above']);
  assert.deepEqual(body('  some x\n  some x\n  x = 1\n  r := x'), ['p.rego:5: rego_compile_error: var x declared above']);
  assert.deepEqual(body('  x := 1\n  r := [x | x := 2]'), []);
  const c = compile({ modules: { 'p.rego': 'package p\n\nq := r if {\n  x := 1\n  r := [[x, y] | x := 2; some y in [x]]\n}\n' } });
  assert.ok(c.ok);
  const q = c.value.prepare('data.p.q');
  assert.ok(q.ok);
  assert.deepEqual(q.value.eval(), { ok: true, results: [{ expressions: [[[2, 2]]], bindings: {} }] });
});
