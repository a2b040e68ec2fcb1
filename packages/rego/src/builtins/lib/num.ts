// Exact arithmetic on Rego numbers: integers stay exact (bigint past ±2^53, as OPA's big.Int), anything
// with a fraction is a float64.
import { normalizeInt } from '../../value/index.ts';

export type Num = number | bigint;

export function isInt(n: Num): boolean {
  return typeof n === 'bigint' || Number.isInteger(n);
}

export function big(n: Num): bigint {
  return typeof n === 'bigint' ? n : BigInt(n);
}

export function float(n: Num): number {
  return typeof n === 'bigint' ? Number(n) : n;
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
  return float(a) + float(b);
}

export function sub(a: Num, b: Num): Num {
  if (isInt(a) && isInt(b)) return intOp(a, b, (x, y) => x - y, (x, y) => x - y);
  return float(a) - float(b);
}

export function mul(a: Num, b: Num): Num {
  if (isInt(a) && isInt(b)) return intOp(a, b, (x, y) => x * y, (x, y) => x * y);
  return float(a) * float(b);
}

export function isZero(n: Num): boolean {
  return typeof n === 'bigint' ? n === 0n : n === 0;
}

/** Exact when both are integers and the division has no remainder; float otherwise. Caller checks zero. */
export function div(a: Num, b: Num): Num {
  if (isInt(a) && isInt(b)) {
    const x = big(a);
    const y = big(b);
    if (x % y === 0n) return normalizeInt(x / y);
  }
  return float(a) / float(b);
}

export function neg(a: Num): Num {
  return typeof a === 'bigint' ? normalizeInt(-a) : -a;
}

export function cmp(a: Num, b: Num): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parses a decimal integer or float literal as OPA's json.Number would (exact integers). */
export function parseNumber(s: string): Num | undefined {
  if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(s)) return undefined;
  if (/^-?[0-9]+$/.test(s)) return normalizeInt(BigInt(s));
  const f = Number(s);
  if (!Number.isFinite(f)) return undefined;
  return f;
}
