// Arithmetic and number builtins (OPA topdown/arithmetic.go, numbers.go).
import type { Value } from '../value/index.ts';
import { isNumber, isSet, makeSet, setHas, setValues, typeName } from '../value/index.ts';
import type { SetValue } from '../value/index.ts';
import { builtinError, typeError } from './builtin-error.ts';
import { T_NUM, T_STR, anyOf, arrayOf, fn, setOf } from './lib/decl.ts';
import { BigNum, roundDecimal } from '../value/bignum.ts';
import { add, big, div, isInt, isZero, mul, neg, normalizeInt, sign, sub, type Num } from './lib/num.ts';
import { bigInt, exactNum as num, int, str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const N2 = [T_NUM, T_NUM];

function numOrSetMinus(args: Value[]): Value {
  const [a, b] = args;
  if (isNumber(a) && isNumber(b)) return sub(a, b);
  if (isSet(a) && isSet(b)) {
    return makeSet(setValues(a).filter((v) => !setHas(b as SetValue, v)));
  }
  if (isNumber(a)) throw typeError(`operand 2 must be number but got ${typeName(b)}`);
  if (isSet(a)) throw typeError(`operand 2 must be set but got ${typeName(b)}`);
  throw typeError(`operand 1 must be one of {number, set} but got ${typeName(a)}`);
}

function rem(args: Value[]): Value {
  const a = num(args, 0);
  const b = num(args, 1);
  if (!isInt(a) || !isInt(b)) throw builtinError('modulo on floating-point number');
  if (isZero(b)) throw builtinError('modulo by zero');
  return normalizeInt(big(a) % big(b));
}

/** floor / ceil / round (Go's math.Round: half away from zero) to an integer. */
function toInteger(n: Num, mode: 'floor' | 'ceil' | 'round'): Num {
  if (isInt(n)) return n;
  if (typeof n !== 'number') return normalizeInt(roundDecimal((n as BigNum).dec, mode));
  const f = mode === 'floor' ? Math.floor(n) : mode === 'ceil' ? Math.ceil(n) : n < 0 ? -Math.round(-n) : Math.round(n);
  return Number.isSafeInteger(f) ? f : normalizeInt(BigInt(f));
}

// A range is materialised as an array; past this size a policy would exhaust memory before any
// evaluation limit could stop it, so it is an error instead.
const MAX_RANGE = 10_000_000;

/** Inclusive range from a to b (descending when a > b); exact for integers of any size. */
function range(a: bigint, b: bigint, step: bigint): Value[] {
  const span = a <= b ? b - a : a - b;
  if (span / step >= BigInt(MAX_RANGE)) throw builtinError(`range has more than ${MAX_RANGE} elements`);
  const out: Value[] = [];
  if (a <= b) for (let i = a; i <= b; i += step) out.push(normalizeInt(i));
  else for (let i = a; i >= b; i -= step) out.push(normalizeInt(i));
  return out;
}

export const numberBuiltins: BuiltinTable = {
  plus: { decl: fn('plus', N2, T_NUM), impl: (a) => add(num(a, 0), num(a, 1)) },
  minus: { decl: fn('minus', [anyOf(T_NUM, setOf()), anyOf(T_NUM, setOf())], anyOf(T_NUM, setOf())), impl: numOrSetMinus },
  mul: { decl: fn('mul', N2, T_NUM), impl: (a) => mul(num(a, 0), num(a, 1)) },
  div: {
    decl: fn('div', N2, T_NUM),
    impl: (a) => {
      const x = num(a, 0);
      const y = num(a, 1);
      if (isZero(y)) throw builtinError('divide by zero');
      return div(x, y);
    },
  },
  rem: { decl: fn('rem', N2, T_NUM), impl: rem },
  abs: { decl: fn('abs', [T_NUM], T_NUM), impl: (a) => { const n = num(a, 0); return sign(n) < 0 ? neg(n) : n; } },
  round: { decl: fn('round', [T_NUM], T_NUM), impl: (a) => toInteger(num(a, 0), 'round') },
  ceil: { decl: fn('ceil', [T_NUM], T_NUM), impl: (a) => toInteger(num(a, 0), 'ceil') },
  floor: { decl: fn('floor', [T_NUM], T_NUM), impl: (a) => toInteger(num(a, 0), 'floor') },
  'numbers.range': {
    decl: fn('numbers.range', N2, arrayOf(T_NUM)),
    impl: (a) => range(bigInt(a, 0), bigInt(a, 1), 1n),
  },
  'numbers.range_step': {
    decl: fn('numbers.range_step', [T_NUM, T_NUM, T_NUM], arrayOf(T_NUM)),
    impl: (a) => {
      const from = bigInt(a, 0);
      const to = bigInt(a, 1);
      const step = bigInt(a, 2);
      if (step <= 0n) throw builtinError('step must be a positive number above zero');
      return range(from, to, step);
    },
  },
  'rand.intn': {
    decl: fn('rand.intn', [T_STR, T_NUM], T_NUM, true),
    // Same (str, n) gives the same number for the whole query, as OPA caches it.
    impl: (a, ctx) => {
      const s = str(a, 0);
      const n = int(a, 1);
      if (n === 0) return 0;
      const key = `rand.intn\u0000${s}\u0000${n}`;
      const hit = ctx.cache.get(key);
      if (hit !== undefined) return hit as number;
      const r = Math.floor(Math.random() * Math.abs(n));
      ctx.cache.set(key, r);
      return r;
    },
  },
};


