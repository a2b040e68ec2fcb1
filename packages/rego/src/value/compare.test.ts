import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, equal, fromJSON, makeObject, makeSet, toJSON, formatValue, normalizeInt } from './index.ts';

test('OPA total order: null < boolean < number < string < array < object < set', () => {
  const vals = [makeSet([1]), makeObject([['a', 1]]), [1], 'a', 1, true, false, null];
  const sorted = [...vals].sort(compare);
  assert.deepEqual(sorted.map(formatValue), ['null', 'false', 'true', '1', '"a"', '[1]', '{"a": 1}', '{1}']);
});

test('strings order by code point, not UTF-16 unit', () => {
  assert.ok(compare('\uffff', '\u{1F600}') < 0); // JS `<` says the opposite
  assert.ok(compare('a', 'ab') < 0);
});

test('numbers: 1 == 1.0, big integers exact and normalised', () => {
  assert.ok(equal(1, 1.0));
  assert.equal(normalizeInt(5n), 5);
  assert.equal(typeof normalizeInt(2n ** 60n), 'bigint');
  assert.ok(compare(2n ** 60n, 2 ** 53) > 0);
});

test('sets and objects compare structurally, whatever the insertion order', () => {
  assert.ok(equal(makeSet([[1], 'x']), makeSet(['x', [1]])));
  assert.ok(equal(fromJSON({ a: { b: [1] } }), makeObject([['a', makeObject([['b', [1]]])]])));
  assert.ok(!equal(makeSet([1]), [1]));
});

test('toJSON prints sets sorted and non-string keys as JSON text', () => {
  assert.deepEqual(toJSON(makeSet(['b', 'a'])), ['a', 'b']);
  assert.deepEqual(toJSON(makeObject([[1, 'x'], [[1, 2], 'y']])), { '1': 'x', '[1,2]': 'y' });
});
