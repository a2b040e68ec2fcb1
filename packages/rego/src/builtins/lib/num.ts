// Arithmetic on Rego numbers as OPA's topdown/arithmetic.go does it: integers stay exact (bigint past
// ±2^53, as OPA's big.Int), anything with a fraction runs on a 64-bit-mantissa big.Float (value/bignum.ts),
// whose result is a JS number when float64 holds it exactly and a BigNum otherwise.
import { BigNum, floatArith } from '../../value/bignum.ts';
import { normalizeInt } from '../../value/index.ts';

export type Num = number | bigint | BigNum;

export function isInt(n: Num): boolean {
  return typeof n === 'bigint' || (typeof n === 'number' ? Number.isInteger(n) : n.isInteger());
}

/** An integer operand as a bigint (integral BigNum literals such as 1e30 exactly). */
export function big(n: Num): bigint {
  return typeof n === 'bigint' ? n : typeof n === 'number' ? BigInt(n) : n.toBigInt();
}

export function float(n: Num): number {
  return typeof n === 'number' ? n : typeof n === 'bigint' ? Number(n) : n.toNumber();
}

export { normalizeInt };

function intOp(a: Num, b: Num, op: (x: bigint, y: bigint) => bigint, fast: (x: number, y: number) => number): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = fast(a, b);
    if (Number.isSafeInteger(r)) return r;
  }
  return normalizeInt(op(big(a), big(b)));
}

export function add(a: Num, b: Num): Num {
  if (isInt(a) && isInt(b)) return intOp(a, b, (x, y) => x + y, (x, y) => x + y);
  return floatArith('plus', a, b);
}

export function sub(a: Num, b: Num): Num {
  if (isInt(a) && isInt(b)) return intOp(a, b, (x, y) => x - y, (x, y) => x - y);
  return floatArith('minus', a, b);
}

export function mul(a: Num, b: Num): Num {
  if (isInt(a) && isInt(b)) return intOp(a, b, (x, y) => x * y, (x, y) => x * y);
  return floatArith('mul', a, b);
}

export function isZero(n: Num): boolean {
  return typeof n === 'bigint' ? n === 0n : typeof n === 'number' ? n === 0 : n.dec.coef === 0n;
}

/** Exact when both are integers and the division has no remainder; OPA's 64-bit float quotient otherwise. Caller checks zero. */
export function div(a: Num, b: Num): Num {
  if (isInt(a) && isInt(b)) {
    const x = big(a);
    const y = big(b);
    if (x !== 0n && x % y === 0n) return normalizeInt(x / y);
  }
  return floatArith('div', a, b);
}

export function neg(a: Num): Num {
  return typeof a === 'bigint' ? normalizeInt(-a) : typeof a === 'number' ? -a : floatArith('minus', 0, a);
}

export function sign(a: Num): number {
  return typeof a === 'number' ? Math.sign(a) : typeof a === 'bigint' ? (a < 0n ? -1 : a > 0n ? 1 : 0) : a.dec.coef < 0n ? -1 : a.dec.coef > 0n ? 1 : 0;
}
