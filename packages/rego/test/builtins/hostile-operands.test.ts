// Every builtin, given operands of every type (and awkward values), returns a value, returns undefined
// or throws a BuiltinError — never another exception, and never hangs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinError, builtins, invokeBuiltin } from '../../src/builtins/index.ts';
import { fromJSON, makeSet, type Value } from '../../src/value/index.ts';
import { ctx } from './call.ts';

const SAMPLES: Value[] = [
  null,
  true,
  0,
  -1.5,
  2n ** 70n,
  '',
  'x/[a*',
  '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
  [],
  [1, 'a', null],
  makeSet([]),
  makeSet(['a', 1]),
  fromJSON({}),
  fromJSON({ a: { b: [1] }, alg: 'HS256' }),
];

function* combos(arity: number): Generator<Value[]> {
  if (arity === 0) {
    yield [];
    return;
  }
  // Every sample in each position, with the other positions cycling, keeps the count linear.
  for (let pos = 0; pos < arity; pos++) {
    for (let i = 0; i < SAMPLES.length; i++) {
      yield Array.from({ length: arity }, (_, p) => (p === pos ? SAMPLES[i] : SAMPLES[(i + p * 3) % SAMPLES.length]));
    }
  }
}

test('no builtin throws anything but BuiltinError on hostile operands', () => {
  let calls = 0;
  for (const [name, b] of builtins) {
    if (name === 'test.sleep') continue;
    for (const args of combos(b.decl.args.length)) {
      try {
        invokeBuiltin(name, args, ctx());
      } catch (e) {
        assert.ok(e instanceof BuiltinError, `${name} threw ${String(e)}`);
        assert.match(e.message, new RegExp(`^${name.replaceAll('.', '\\.')}: `));
      }
      calls++;
    }
  }
  assert.ok(calls > 1000);
});
