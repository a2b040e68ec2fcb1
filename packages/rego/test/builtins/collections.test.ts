// Objects, arrays and the json.* path editing builtins.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, fail, set } from './call.ts';

test('object.get with defaults and paths', () => {
  assert.equal(call('object.get', { a: { b: 1 } }, ['a', 'b'], 0), 1);
  assert.equal(call('object.get', { a: 1 }, 'z', 'dflt'), 'dflt');
  assert.deepEqual(call('object.get', { a: 1 }, [], 0), { a: 1 });
  // through arrays by integer index and sets by membership, as OPA's Value.Find
  assert.equal(call('object.get', { a: [1, { b: 2 }] }, ['a', 1, 'b'], 'd'), 2);
  assert.equal(call('object.get', { a: [1, 2] }, ['a', 5], 'd'), 'd');
  assert.equal(call('object.get', { a: [1, 2] }, ['a', '0'], 'd'), 'd');
  assert.equal(call('object.get', { a: set('x') }, ['a', 'x'], 'd'), 'x');
});

test('object.union merges recursively, union_n left to right', () => {
  assert.deepEqual(call('object.union', { a: { b: 1, c: 2 }, d: 1 }, { a: { b: 3 } }), { a: { b: 3, c: 2 }, d: 1 });
  assert.deepEqual(call('object.union_n', [{ a: 1 }, { a: 2, b: 1 }, { b: 2 }]), { a: 2, b: 2 });
  assert.equal(fail('object.union', [], {}).message, 'object.union: operand 1 must be object but got array');
});

test('object.remove / filter / keys / subset', () => {
  assert.deepEqual(call('object.remove', { a: 1, b: 2 }, set('a')), { b: 2 });
  assert.deepEqual(call('object.filter', { a: 1, b: 2 }, { b: 0 }), { b: 2 });
  assert.equal(fail('object.filter', { a: 1 }, 'a').message, 'object.filter: operand 2 must be one of {object, set, array} but got string');
  assert.deepEqual(call('object.keys', { b: 1, a: 2 }), ['a', 'b']);
  assert.equal(call('object.subset', { a: { x: set(1, 2), y: [6, 7, 8] } }, { a: { x: set(1), y: [7, 8] } }), true);
  assert.equal(call('object.subset', [1, 2, 3], [2, 4]), false);
  assert.equal(call('object.subset', [1, 2, 3], set(3, 1)), true);
});

test('arrays', () => {
  assert.deepEqual(call('array.concat', [1], [2]), [1, 2]);
  assert.deepEqual(call('array.slice', [1, 2, 3, 4], -1, 2), [1, 2]);
  assert.deepEqual(call('array.slice', [1, 2, 3], 2, 1), []);
  assert.deepEqual(call('array.reverse', [1, 2]), [2, 1]);
});

test('json.filter / json.remove by paths and segment arrays', () => {
  assert.deepEqual(call('json.filter', { a: { b: { c: 7, d: 8 } }, e: 9 }, ['a/b/c', ['e']]), { a: { b: { c: 7 } }, e: 9 });
  assert.deepEqual(call('json.filter', { a: [{ b: 7, c: 8 }, { d: 9 }] }, set('a/0/b', 'a/1')), { a: [{ b: 7 }, { d: 9 }] });
  assert.deepEqual(call('json.remove', { a: { b: 1, c: 2 }, d: [1, 2, 3] }, ['a/b', 'd/1']), { a: { c: 2 }, d: [1, 3] });
});

test('json.patch applies RFC 6902 operations; a failed op is undefined', () => {
  const doc = { foo: ['a', 'c'], bar: 1 };
  const ops = [
    { op: 'add', path: '/foo/1', value: 'b' },
    { op: 'replace', path: '/bar', value: 2 },
    { op: 'copy', from: '/bar', path: '/baz' },
    { op: 'move', from: '/baz', path: '/qux' },
    { op: 'test', path: '/qux', value: 2 },
  ];
  assert.deepEqual(call('json.patch', doc, ops), { foo: ['a', 'b', 'c'], bar: 2, qux: 2 });
  assert.equal(call('json.patch', doc, [{ op: 'remove', path: '/missing' }]), undefined);
  assert.equal(call('json.patch', doc, [{ op: 'test', path: '/bar', value: 5 }]), undefined);
  assert.deepEqual(call('json.patch', { s: set('a', 'b') }, [{ op: 'remove', path: 's/a' }]), { s: ['b'] });
});

test('graph.reachable and reachable_paths', () => {
  const g = { a: ['b'], b: set('c'), c: [], d: ['a'] };
  assert.deepEqual(call('graph.reachable', g, ['a']), ['a', 'b', 'c']);
  assert.deepEqual(call('graph.reachable_paths', g, ['d']), [['d', 'a', 'b', 'c']]);
});

test('array.flatten splices one level', () => {
  assert.deepEqual(call('array.flatten', [[[1], [2, 3, []]], [[4, 5]], 'x']), [[1], [2, 3, []], [4, 5], 'x']);
  assert.equal(fail('array.flatten', 42).message, 'array.flatten: operand 1 must be array but got number');
});
