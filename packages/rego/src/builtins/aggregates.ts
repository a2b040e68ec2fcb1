// Aggregates (OPA topdown/aggregates.go): count, sum, product, max, min, sort, all, any, and the `in`
// operator's internal.member_2 / member_3.
import type { Value } from '../value/index.ts';
import { compare, equal, isArray, isNumber, isObject, isSet, objectEntries, setHas, setSize, setValues } from '../value/index.ts';
import { T_ANY, T_BOOL, T_NUM, T_STR, anyOf, arrayOf, fn, objectOf, setOf } from './lib/decl.ts';
import { add, mul, type Num } from './lib/num.ts';
import { elementError, items, operandTypeError } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

// OPA's aggregates name the accepted types as {set, array}.
const COLLECTION = anyOf(setOf(), arrayOf());
const NUMBERS = anyOf(setOf(T_NUM), arrayOf(T_NUM));

function count(args: Value[]): Value {
  const v = args[0];
  if (typeof v === 'string') {
    let n = 0;
    for (const _ of v) n++;
    return n;
  }
  if (isArray(v)) return v.length;
  if (isSet(v)) return setSize(v);
  if (isObject(v)) return v.size;
  throw operandTypeError(1, v, 'array', 'object', 'set', 'string');
}

function fold(args: Value[], init: Num, op: (a: Num, b: Num) => Num): Value {
  const v = args[0];
  let acc = init;
  for (const e of items(args, 0, 'set', 'array')) {
    if (!isNumber(e)) throw elementError(1, v, e, 'number');
    acc = op(acc, e);
  }
  return acc;
}

function extreme(args: Value[], sign: number): Value | undefined {
  const xs = items(args, 0, 'set', 'array');
  if (xs.length === 0) return undefined;
  let best = xs[0];
  for (const x of xs) if (compare(x, best) * sign > 0) best = x;
  return best;
}

/** all: every element is `true`; any: some element is `true` (non-booleans count as not true). */
function booleans(args: Value[], every: boolean): Value {
  const xs = items(args, 0, 'array', 'set');
  return every ? xs.every((x) => x === true) : xs.some((x) => x === true);
}

/** `x in coll`: member of an array/set, or a value of an object; false for scalars. */
function member2(args: Value[]): Value {
  const [x, c] = args;
  if (isSet(c)) return setHas(c, x);
  if (isArray(c)) return c.some((e) => equal(e, x));
  if (isObject(c)) return objectEntries(c).some(([, v]) => equal(v, x));
  return false;
}

/** `k, v in coll`: index/key k holds v. */
function member3(args: Value[]): Value {
  const [k, v, c] = args;
  if (isArray(c)) {
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= c.length) return false;
    return equal(c[k], v);
  }
  if (isObject(c)) {
    const got = c.get(k);
    return got !== undefined && equal(got, v);
  }
  if (isSet(c)) return equal(k, v) && setHas(c, v);
  return false;
}

export const aggregateBuiltins: BuiltinTable = {
  count: { decl: fn('count', [anyOf(arrayOf(), objectOf(), setOf(), T_STR)], T_NUM), impl: count },
  sum: { decl: fn('sum', [NUMBERS], T_NUM), impl: (a) => fold(a, 0, add) },
  product: { decl: fn('product', [NUMBERS], T_NUM), impl: (a) => fold(a, 1, mul) },
  max: { decl: fn('max', [COLLECTION], T_ANY), impl: (a) => extreme(a, 1) },
  min: { decl: fn('min', [COLLECTION], T_ANY), impl: (a) => extreme(a, -1) },
  sort: {
    decl: fn('sort', [COLLECTION], arrayOf()),
    impl: (a) => (isSet(a[0]) ? [...setValues(a[0])] : [...items(a, 0, 'array', 'set')].sort(compare)),
  },
  all: { decl: fn('all', [COLLECTION], T_BOOL), impl: (a) => booleans(a, true) },
  any: { decl: fn('any', [COLLECTION], T_BOOL), impl: (a) => booleans(a, false) },
  'internal.member_2': { decl: fn('internal.member_2', [T_ANY, T_ANY], T_BOOL), impl: member2 },
  'internal.member_3': { decl: fn('internal.member_3', [T_ANY, T_ANY, T_ANY], T_BOOL), impl: member3 },
};
