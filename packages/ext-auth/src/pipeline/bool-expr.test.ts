import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalBoolExpr, parseBoolExpr } from './bool-expr.ts';

const names = new Set(['a', 'b', 'c', 'basic1', 'oidc-1']);
const run = async (src: string, truth: Record<string, boolean>) => {
  const p = parseBoolExpr(src, names);
  assert.ok(p.ok, src);
  const called: string[] = [];
  const v = await evalBoolExpr(p.ok ? p.value : (null as never), async (n) => (called.push(n), truth[n]));
  return { v, called };
};

test('precedence: ! over && over ||, parentheses override', async () => {
  assert.equal((await run('a || b && c', { a: false, b: true, c: false })).v, false);
  assert.equal((await run('(a || b) && c', { a: true, b: false, c: true })).v, true);
  assert.equal((await run('!a && b', { a: false, b: true })).v, true);
  assert.equal((await run('!(a && b)', { a: true, b: true })).v, false);
  assert.equal((await run('( basic1 || oidc-1 || (a && !b) )', { basic1: false, 'oidc-1': false, a: true, b: false })).v, true);
});

test('short-circuit: the right side is not evaluated when the left decides', async () => {
  assert.deepEqual((await run('a || b', { a: true, b: true })).called, ['a']);
  assert.deepEqual((await run('a && b', { a: false, b: true })).called, ['a']);
});

test('errors name the problem and the offset', () => {
  const cases: [string, RegExp][] = [
    ['a &&', /unexpected end of expression/],
    ['a & b', /unexpected character '&' at offset 2/],
    ['(a || b', /expected '\)'/],
    ['a || zzz', /unknown config name "zzz"/],
    ['a b', /unexpected 'b'/],
  ];
  for (const [src, re] of cases) {
    const p = parseBoolExpr(src, names);
    assert.equal(p.ok, false, src);
    if (!p.ok) {
      assert.equal(p.code, 'AUTH_CONFIG_BOOLEAN_EXPR');
      assert.match(p.message, re);
    }
  }
});
