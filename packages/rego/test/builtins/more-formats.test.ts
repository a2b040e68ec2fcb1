// JSON schema checks (gojsonschema texts), uuid caching, test.sleep.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, callIn, ctx, fail } from './call.ts';

test('json.match_schema reports gojsonschema-style errors', () => {
  const schema = { properties: { id: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' }, maxItems: 2 } }, required: ['id'] };
  assert.deepEqual(call('json.match_schema', { id: 5 }, schema), [true, []]);
  assert.deepEqual(call('json.match_schema', '{"id": "x"}', JSON.stringify(schema)), [
    false,
    [{ desc: 'Invalid type. Expected: integer, given: string', error: 'id: Invalid type. Expected: integer, given: string', field: 'id', type: 'invalid_type' }],
  ]);
  const [, errs] = call('json.match_schema', { tags: ['a', 1, 'c'] }, schema) as [boolean, { field: string; type: string }[]];
  assert.deepEqual(errs.map((e) => `${e.field}/${e.type}`).sort(), ['(root)/required', 'tags.1/invalid_type', 'tags/array_max_items']);
  assert.match(fail('json.match_schema', {}, { type: 'unknown' }).message, /has a primitive type that is NOT VALID -- given: \/unknown\//);
  assert.deepEqual(call('json.verify_schema', { type: 'boolean' }), [true, null]);
  assert.equal((call('json.verify_schema', '{"type": "nope"}') as unknown[])[0], false);
});

test('uuid.rfc4122 is stable per key within one evaluation', () => {
  const c = ctx();
  const a = callIn(c, 'uuid.rfc4122', 'k');
  assert.match(a as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(callIn(c, 'uuid.rfc4122', 'k'), a);
  assert.notEqual(callIn(c, 'uuid.rfc4122', 'other'), a);
  assert.equal(call('uuid.parse', 'not-a-uuid'), undefined);
});

test('uuid.parse reads versions, variants and v1/v2 fields in any of the accepted spellings', () => {
  const v2 = { clocksequence: 12800, domain: 'Person', id: 1000, macvariables: 'local:unicast', nodeid: '32-50-96-b3-9f-47', time: 1693566990121469600n, variant: 'RFC4122', version: 2 };
  assert.deepEqual(call('uuid.parse', '000003e8-48b9-21ee-b200-325096b39f47'), v2);
  assert.deepEqual(call('uuid.parse', 'urn:uuid:000003e8-48b9-21ee-b200-325096b39f47'), v2);
  assert.deepEqual(call('uuid.parse', '6bea8ef2d3d33cd184e09bab06a52ece'), { variant: 'RFC4122', version: 3 });
  assert.deepEqual(call('uuid.parse', '{00000000-0000-4000-8000-000000000000}'), { variant: 'RFC4122', version: 4 });
});

test('resource guards turn runaway calls into errors', () => {
  assert.match(fail('numbers.range', 0, 1e12).message, /more than/);
  assert.match(fail('bits.lsh', 1, 1e9).message, /too large/);
  assert.match(fail('sprintf', '%999999999d', [1]).message, /too large/);
  assert.match(fail('net.cidr_expand', '10.0.0.0/8').message, /more than/);
});

test('test.sleep sleeps without changing time.now_ns', () => {
  const c = ctx(7n);
  const t0 = Date.now();
  assert.equal(callIn(c, 'test.sleep', '20ms'), null);
  assert.ok(Date.now() - t0 >= 15);
  assert.equal(callIn(c, 'time.now_ns'), 7);
});
