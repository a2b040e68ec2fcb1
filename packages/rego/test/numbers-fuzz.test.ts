// Property tests of the exact number model (value/bignum.ts): order, equality and hashing agree with exact
// rational arithmetic on the decimal texts, texts read back to the same value, and big.Float arithmetic is
// exact whenever the true result fits a 64-bit mantissa.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { invokeBuiltin } from '../src/builtins/index.ts';
import { compare, equal, formatValue, keyOf, numberFromText, type Value } from '../src/value/index.ts';

// decimal texts: short and long digit strings, fractions, exponents up to float64's range and beyond
const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max });
const text = fc
  .tuple(fc.boolean(), digits(25), fc.option(digits(25), { nil: undefined }), fc.option(fc.integer({ min: -420, max: 420 }), { nil: undefined }))
  .map(([neg, i, f, e]) => `${neg ? '-' : ''}${i.replace(/^0+(?=\d)/, '')}${f !== undefined ? '.' + f : ''}${e !== undefined ? 'e' + e : ''}`);

/** Both texts as integers over a common power of ten (exact), e.g. ("1.5", "2e1") → [15n, 200n]. */
function scaled(a: string, b: string): [bigint, bigint] {
  const parse = (t: string) => {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e\+?(-?\d+))?$/.exec(t)!;
    const frac = m[3] ?? '';
    return { c: BigInt(m[1] + m[2] + frac), e: Number(m[4] ?? 0) - frac.length };
  };
  const x = parse(a);
  const y = parse(b);
  const m = Math.min(x.e, y.e);
  return [x.c * 10n ** BigInt(x.e - m), y.c * 10n ** BigInt(y.e - m)];
}

/** Exact sign of a − b from the texts alone. */
function exactCmp(a: string, b: string): number {
  const [p, q] = scaled(a, b);
  return p < q ? -1 : p > q ? 1 : 0;
}

const ctx = { nowNs: 0n, strict: true, cache: new Map() };
const call = (name: string, ...args: Value[]) => invokeBuiltin(name, args, ctx)!;

test('order, equality and hash keys agree with exact comparison of the texts', () => {
  fc.assert(
    fc.property(text, text, (a, b) => {
      const x = numberFromText(a)!;
      const y = numberFromText(b)!;
      const want = exactCmp(a, b);
      assert.equal(Math.sign(compare(x, y)), want, `${a} vs ${b}`);
      assert.equal(equal(x, y), want === 0);
      assert.equal(keyOf(x) === keyOf(y), want === 0, `${a} vs ${b}: keys`);
    }),
    { seed: 53, numRuns: 500 },
  );
});

test('a number prints as text that reads back to the same value', () => {
  fc.assert(
    fc.property(text, (a) => {
      const x = numberFromText(a)!;
      const back = numberFromText(formatValue(x).replace('e+', 'e'));
      assert.ok(back !== undefined && equal(back, x), `${a} → ${formatValue(x)}`);
    }),
    { seed: 54, numRuns: 500 },
  );
});

/** Exact decimal text of k / 2^s (= k·5^s / 10^s). */
function dyadicText(k: bigint, s: number): string {
  const neg = k < 0n;
  const digits = ((neg ? -k : k) * 5n ** BigInt(s)).toString().padStart(s + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, digits.length - s)}.${digits.slice(digits.length - s)}`;
}

/** Whether text r is within half a 64-bit ulp of exact text e (|r − e| · 2^64 ≤ |e|): what big.Float's shortest print guarantees. */
function within64(r: string, e: string): boolean {
  const [p, q] = scaled(r, e);
  const d = p - q;
  return (d < 0n ? -d : d) * 2n ** 64n <= (q < 0n ? -q : q);
}

test('big.Float arithmetic: results within half a 64-bit ulp of the true value (dyadic operands)', () => {
  // k / 2^s with |k| < 2^30: sums, differences and products of two fit in a 64-bit mantissa, so the printed
  // shortest text must read back within half an ulp
  const dyadic = fc.tuple(fc.bigInt({ min: -(2n ** 30n), max: 2n ** 30n }), fc.integer({ min: 1, max: 12 }));
  fc.assert(
    fc.property(dyadic, dyadic, ([k1, s1], [k2, s2]) => {
      const a = numberFromText(dyadicText(k1, s1))!;
      const b = numberFromText(dyadicText(k2, s2))!;
      const s = Math.max(s1, s2);
      const x = k1 * 2n ** BigInt(s - s1);
      const y = k2 * 2n ** BigInt(s - s2);
      const want = (name: string, t: string) => {
        const got = formatValue(call(name, a, b));
        assert.ok(within64(got, t), `${name}(${formatValue(a)}, ${formatValue(b)}) = ${got}, want ${t}`);
      };
      want('plus', dyadicText(x + y, s));
      want('minus', dyadicText(x - y, s));
      want('mul', dyadicText(k1 * k2, s1 + s2));
    }),
    { seed: 55, numRuns: 500 },
  );
});
