import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deepFreeze, FrozenMap, freezeMap } from './freeze.ts';

test('freezeMap keeps entries and refuses changes; values are deep-frozen', () => {
  const m = freezeMap(new Map([['a', { nested: { x: 1 } }]]));
  assert.deepEqual([...m.keys()], ['a']);
  assert.throws(() => (m as Map<string, unknown>).set('b', {}), TypeError);
  assert.throws(() => (m as Map<string, unknown>).delete('a'), TypeError);
  assert.throws(() => (m as Map<string, unknown>).clear(), TypeError);
  assert.ok(Object.isFrozen(m.get('a')!.nested));
  assert.ok(new FrozenMap([[1, 2]]).has(1));
});

test('deepFreeze freezes nested arrays and objects', () => {
  const o = deepFreeze({ a: [{ b: 1 }] });
  assert.ok(Object.isFrozen(o.a) && Object.isFrozen(o.a[0]));
});
