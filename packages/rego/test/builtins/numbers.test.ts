// Arithmetic, bits, aggregates, comparison and casts: exact integers, OPA's error texts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, fail, set } from './call.ts';

test('integers stay exact past 2^53; divisions are exact when they can be', () => {
  assert.equal(call('plus', 18446744073709551617n, 1), 18446744073709551618n);
  assert.equal(call('mul', 4294967296, 4294967296), 18446744073709551616n);
  assert.equal(call('minus', 9007199254740993n, 2), 9007199254740991);
  assert.equal(call('div', 7, 2), 3.5);
  assert.equal(call('div', 18446744073709551616n, 2), 9223372036854775808n);
  assert.equal(call('rem', -7, 3), -1);
  assert.equal(call('rem', 10, 18446744073709551616n), 10);
});

test('arithmetic errors use OPA texts and codes', () => {
  assert.equal(fail('div', 1, 0).message, 'div: divide by zero');
  assert.equal(fail('rem', 1.1, 1).message, 'rem: modulo on floating-point number');
  assert.equal(fail('rem', 1, 0).code, 'eval_builtin_error');
  assert.equal(fail('minus', set(1), 1).message, 'minus: operand 2 must be set but got number');
  assert.equal(fail('minus', 1, set(1)).message, 'minus: operand 2 must be number but got set');
  assert.equal(fail('numbers.range', 3.14, 4).message, 'numbers.range: operand 1 must be integer number but got floating-point number');
});

test('rounding follows Go (half away from zero), ranges in both directions', () => {
  assert.deepEqual([call('round', 2.5), call('round', -2.5), call('ceil', -1.99999), call('floor', -1.001)], [3, -3, -1, -2]);
  assert.deepEqual(call('numbers.range', 3, 1), [3, 2, 1]);
  assert.deepEqual(call('numbers.range_step', 0, 10, 4), [0, 4, 8]);
  assert.match(fail('numbers.range_step', 0, 10, 0).message, /step must be a positive number/);
});

test('bits on big integers', () => {
  assert.equal(call('bits.lsh', 1, 64), 18446744073709551616n);
  assert.equal(call('bits.rsh', -8, 1), -4);
  assert.equal(call('bits.negate', 0), -1);
  assert.equal(fail('bits.lsh', 1, -1).message, 'bits.lsh: operand 2 must be an unsigned integer number but got a negative integer');
});

test('aggregates', () => {
  assert.equal(call('count', 'héllo'), 5);
  assert.equal(call('sum', [1, 2.5]), 3.5);
  assert.equal(call('product', set(2, 3)), 6);
  assert.equal(call('max', []), undefined);
  assert.equal(call('min', [3, 'a', null]), null);
  assert.deepEqual(call('sort', [3, 'a', 1, null]), [null, 1, 3, 'a']);
  assert.equal(fail('count', null).message, 'count: operand 1 must be one of {array, object, set, string} but got null');
  assert.equal(fail('sum', [1, 'x']).message, 'sum: operand 1 must be array of numbers but got array containing string');
  assert.equal(call('all', []), true);
  assert.equal(call('any', [false, 1]), false);
});

test('membership (the in operator)', () => {
  assert.equal(call('internal.member_2', 2, [1, 2]), true);
  assert.equal(call('internal.member_2', 'v', { k: 'v' }), true);
  assert.equal(call('internal.member_2', 1, 'abc'), false);
  assert.equal(call('internal.member_3', 1, 'b', ['a', 'b']), true);
  assert.equal(call('internal.member_3', 'k', 'v', { k: 'v' }), true);
});

test('comparison uses OPA order across types', () => {
  assert.equal(call('lt', null, false), true);
  assert.equal(call('lt', 1, 'a'), true);
  assert.equal(call('equal', 1, 1.0), true);
  assert.equal(call('gte', [1, 2], [1]), true);
});

test('to_number and casts', () => {
  assert.deepEqual([call('to_number', '-42.0'), call('to_number', false), call('to_number', null), call('to_number', '12345678901234567890')], [-42, 0, 0, 12345678901234567890n]);
  assert.equal(fail('to_number', 'broken').code, 'eval_builtin_error');
  assert.equal(fail('to_number', 'inf').code, 'eval_type_error');
  assert.deepEqual(call('cast_set', [2, 1, 2]), [1, 2]);
});

test('sets', () => {
  assert.deepEqual(call('and', set(1, 2), set(2, 3)), [2]);
  assert.deepEqual(call('or', set(1), set(2)), [1, 2]);
  assert.deepEqual(call('intersection', set(set(1, 2), set(2, 3))), [2]);
  assert.deepEqual(call('union', set(set(1), set(2))), [1, 2]);
  assert.deepEqual(call('minus', set(1, 2), set(2)), [1]);
});

test('rand.intn is stable within one evaluation', () => {
  const c = { nowNs: 0n, strict: true, cache: new Map<string, unknown>() };
  return import('./call.ts').then(({ callIn }) => {
    const a = callIn(c, 'rand.intn', 'k', 1000);
    for (let i = 0; i < 10; i++) assert.equal(callIn(c, 'rand.intn', 'k', 1000), a);
    assert.ok((a as number) >= 0 && (a as number) < 1000);
  });
});

test('type predicates and type_name', () => {
  const values: [unknown, string][] = [[null, 'null'], [true, 'boolean'], [1.5, 'number'], [2n ** 70n, 'number'], ['s', 'string'], [[1], 'array'], [{ a: 1 }, 'object']];
  for (const [v, t] of values) {
    assert.equal(call('type_name', v), t);
    assert.equal(call(`is_${t}`, v), true);
    assert.equal(call(t === 'string' ? 'is_number' : 'is_string', v), false);
  }
  assert.equal(call('type_name', set(1)), 'set');
  assert.equal(call('is_set', set()), true);
});

test('numbers.range is exact beyond 2^53', () => {
  assert.deepEqual(call('numbers.range', 2n ** 70n, 2n ** 70n + 2n), [2n ** 70n, 2n ** 70n + 1n, 2n ** 70n + 2n]);
});
