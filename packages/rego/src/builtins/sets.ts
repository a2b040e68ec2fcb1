// Set builtins: & and | operators, intersection/union of a set of sets, and v0's set_diff.
import type { SetValue, Value } from '../value/index.ts';
import { isSet, makeSet, setHas, setValues } from '../value/index.ts';
import { fn, setOf } from './lib/decl.ts';
import { elementError, set } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const S = setOf();

function intersect(a: SetValue, b: SetValue): SetValue {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return makeSet(setValues(small).filter((v) => setHas(large, v)));
}

function setsOf(args: Value[]): SetValue[] {
  const outer = set(args, 0) as SetValue;
  return setValues(outer).map((s) => {
    if (!isSet(s)) throw elementError(1, outer, s, 'set');
    return s;
  });
}

export const setBuiltins: BuiltinTable = {
  and: { decl: fn('and', [S, S], S), impl: (a) => intersect(set(a, 0) as SetValue, set(a, 1) as SetValue) },
  or: {
    decl: fn('or', [S, S], S),
    impl: (a) => makeSet([...setValues(set(a, 0) as SetValue), ...setValues(set(a, 1) as SetValue)]),
  },
  intersection: {
    decl: fn('intersection', [setOf(S)], S),
    impl: (a) => {
      const all = setsOf(a);
      if (all.length === 0) return makeSet([]);
      return all.slice(1).reduce(intersect, all[0]);
    },
  },
  union: {
    decl: fn('union', [setOf(S)], S),
    impl: (a) => makeSet(setsOf(a).flatMap((s) => setValues(s))),
  },
  set_diff: {
    decl: fn('set_diff', [S, S], S),
    impl: (a) => {
      const y = set(a, 1) as SetValue;
      return makeSet(setValues(set(a, 0) as SetValue).filter((v) => !setHas(y, v)));
    },
  },
};

