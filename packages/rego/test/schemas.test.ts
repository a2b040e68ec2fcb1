// Type checking input references against JSON schemas (compile({ schemas }) and `rego check -s`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, formatError } from '../src/index.ts';

const REQUEST = {
  type: 'object',
  properties: {
    user: { $ref: '#/definitions/user' },
    action: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
  },
  definitions: { user: { type: 'object', properties: { name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } } } } },
};

function errs(src: string, schemas?: Record<string, unknown>): string[] {
  const c = compile({ modules: { 'p.rego': src }, schemas });
  return c.ok ? [] : c.errors.map(formatError);
}

test('input refs through keys the schema does not declare are undefined refs, with OPA text', () => {
  const src = 'package p\n\nallow if {\n  input.user.name == "a"\n  input.user.roles[_] == "admin"\n  input.labels.team == "x"\n  input.user.nmae == "b"\n}\n';
  assert.deepEqual(errs(src, { input: REQUEST }), ['p.rego:7: rego_type_error: undefined ref: input.user.nmae\n\tinput.user.nmae\n\t           ^\n\t           have: "nmae"\n\t           want (one of): ["name" "roles"]']);
  assert.deepEqual(errs(src), [], 'no schema, no check');
});

test('schemas annotations pick named schemas for a package or a rule; unknown names are errors', () => {
  const src = '# METADATA\n# schemas:\n# - input: schema.request\npackage p\n\nok if input.action == "read"\n\n# METADATA\n# schemas:\n# - input.user: {type: object, properties: {id: {type: string}}}\nby_id if input.user.id == "1"\n\nbad if input.acton\n';
  assert.deepEqual(
    errs(src, { request: REQUEST }).map((e) => e.split('\n')[0]),
    ['p.rego:13: rego_type_error: undefined ref: input.acton'],
  );
  assert.deepEqual(errs('# METADATA\n# schemas:\n# - input: schema.nope\npackage p\n\nq := 1\n', {}), ['p.rego:6: rego_type_error: undefined schema: schema.nope'], 'reported at the rule it applies to, as OPA does');
});

test('schema types reach built-in argument checks, through local variables too', () => {
  const src = 'package p\n\nok if {\n  n := count(input.user.roles)\n  abs(n) > 0\n  startswith(input.user.name, "a")\n}\n\nbad if {\n  name := input.user.name\n  abs(name) > 1\n}\n';
  assert.deepEqual(errs(src, { input: REQUEST }), ['p.rego:11: rego_type_error: abs: invalid argument(s)\n\thave: (string, ???)\n\twant: (x: number, y: number)']);
  assert.deepEqual(errs(src), [], 'without schemas, input is of any type');
});

test('schema-typed input refs unify only with values of their type (match error), through rule values too', () => {
  assert.deepEqual(errs('package p\n\nallow if {\n  input.action = 1\n}\n', { input: REQUEST }), ['p.rego:4: rego_type_error: match error\n\tleft  : string\n\tright : number']);
  assert.deepEqual(errs('package p\n\naction := input.action\n\nallow if abs(action) > 0\n', { input: REQUEST }).map((e) => e.split('\n')[0]), ['p.rego:5: rego_type_error: abs: invalid argument(s)']);
  assert.deepEqual(errs('package p\n\nallow if {\n  input.action = 1\n}\n'), [], 'no schema, input is of any type');
});
