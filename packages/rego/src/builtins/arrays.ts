// Array builtins (OPA topdown/array.go).
import { isArray } from '../value/index.ts';
import { T_NUM, arrayOf, fn } from './lib/decl.ts';
import { arr, int } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const A = arrayOf();

export const arrayBuiltins: BuiltinTable = {
  'array.concat': { decl: fn('array.concat', [A, A], A), impl: (a) => [...arr(a, 0), ...arr(a, 1)] },
  'array.flatten': {
    decl: fn('array.flatten', [A], A),
    // One level: nested arrays are spliced in, other elements kept as they are.
    impl: (a) => arr(a, 0).flatMap((x) => (isArray(x) ? [...x] : [x])),
  },
  'array.reverse': { decl: fn('array.reverse', [A], A), impl: (a) => [...arr(a, 0)].reverse() },
  'array.slice': {
    decl: fn('array.slice', [A, T_NUM, T_NUM], A),
    // Integer indices, clamped to the array as OPA does; start >= stop gives [].
    impl: (a) => {
      const xs = arr(a, 0);
      let start = int(a, 1);
      let stop = int(a, 2);
      if (start < 0) start = 0;
      if (stop > xs.length) stop = xs.length;
      if (start >= stop) return [];
      return xs.slice(start, stop);
    },
  },
};
