import { test } from 'node:test';
import assert from 'node:assert/strict';
import { A, anyT, arrayT, B, N, Nl, objectT, or, S, select, setT, typeString, unifies, keysOf, valuesOf } from './types.ts';
import { fromSchema } from './from.ts';

test('types print with OPA names: element types, static prefixes, object properties, unions', () => {
  assert.equal(typeString(arrayT([N, S])), 'array<number, string>');
  assert.equal(typeString(arrayT([], anyT(S, N))), 'array[any<number, string>]');
  assert.equal(typeString(setT(N)), 'set[number]');
  assert.equal(typeString(objectT([['b', N], ['a', S]])), 'object<a: string, b: number>');
  assert.equal(typeString(objectT([], { key: A, value: A })), 'object[any: any]');
  assert.equal(typeString(objectT([['a', S]], { key: S, value: N })), 'object<a: string>[string: number]');
  assert.equal(typeString(null), '???');
  assert.equal(typeString(A), 'any');
});

test('unions are sorted and flattened; the top type absorbs everything', () => {
  assert.equal(typeString(or(S, or(N, Nl))), 'any<null, number, string>');
  assert.equal(or(N, N), N);
  assert.equal(typeString(or(A, N)), 'any');
  assert.equal(typeString(anyT(setT(A), S, arrayT([], A))), 'any<string, array[any], set[any]>');
});

test('unification, keys, values and selection follow OPA', () => {
  assert.ok(unifies(N, anyT(N, S)));
  assert.ok(!unifies(N, S));
  assert.ok(!unifies(arrayT([N, N]), arrayT([N, N, N])), 'static arrays of different length');
  assert.ok(unifies(arrayT([N]), arrayT([], N)));
  assert.ok(!unifies(objectT([['a', N]]), objectT([['a', N], ['b', S]])));
  assert.ok(!unifies(null, A), 'unknown never unifies');
  assert.equal(typeString(keysOf(objectT([['a', N]]))), 'string');
  assert.equal(typeString(valuesOf(arrayT([N, S]))), 'any<number, string>');
  assert.equal(select(objectT([['a', N]]), 'b'), null);
  assert.equal(select(arrayT([B], S), 3), S);
});

test('JSON schemas become types: declared properties close objects, items type arrays, $ref and anyOf resolve', () => {
  const t = fromSchema({
    type: 'object',
    properties: { user: { $ref: '#/definitions/u' }, tags: { type: 'array', items: { type: 'string' } }, n: { anyOf: [{ type: 'integer' }, { type: 'null' }] } },
    additionalProperties: true,
    definitions: { u: { type: 'object', properties: { name: { type: 'string' } } } },
  });
  assert.equal(typeString(t), 'object<n: any<null, number>, tags: array[string], user: object<name: string>>');
  assert.equal(typeString(fromSchema({ type: 'object', additionalProperties: { type: 'number' } })), 'object[any: number]');
  assert.equal(typeString(fromSchema({})), 'any');
});
