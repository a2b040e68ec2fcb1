// Numbers a float64 cannot hold, kept as OPA keeps them. OPA's ast.Number is the number's decimal text
// (json.Number): a literal stays as written, and arithmetic that leaves the integers runs on big.Float with
// a 64-bit mantissa. Plain JS numbers cover every value whose shortest float64 text is the value itself, and
// bigint covers integers; BigNum is the rest: decimals with more digits than a float64 holds
// (0.10000000000000000001), magnitudes beyond float64's range (2e308), and big.Float results that have no
// float64 equivalent (1/3 → 0.33333333333333333334). Written by hand: no npm decimal library reproduces
// Go's big.Float rounding and shortest formatting, which decide the digits OPA prints.

/** An exact decimal: value = coef × 10^exp, with coef not divisible by 10 (0 is 0 × 10^0). */
export interface Decimal {
  readonly coef: bigint;
  readonly exp: number;
}

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Largest decimal exponent accepted: beyond it exact arithmetic would need numbers of unbounded size. */
export const MAX_EXPONENT = 30000; // OPA's parser: binary exponent within ±1e5 (≈ ±30103 decimal)

function normalize(coef: bigint, exp: number): Decimal {
  if (coef === 0n) return { coef: 0n, exp: 0 };
  while (coef % 10n === 0n) {
    coef /= 10n;
    exp++;
  }
  return { coef, exp };
}

/** The exact value of a JSON/Rego number text, or undefined when it is not one (or its exponent is absurd). */
export function parseDecimal(text: string): Decimal | undefined {
  const m = NUMBER_TEXT.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const e = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(e) || Math.abs(e) > MAX_EXPONENT) return undefined;
  const coef = BigInt(m[2] + frac);
  return normalize(m[1] ? -coef : coef, e - frac.length);
}

export class BigNum {
  /** OPA's text for the number (as written for literals, Go's %g for computed values). */
  readonly text: string;
  readonly dec: Decimal;
  constructor(text: string, dec: Decimal) {
    this.text = text;
    this.dec = dec;
  }
  isInteger(): boolean {
    return this.dec.exp >= 0;
  }
  /** The integer value (caller checks isInteger). */
  toBigInt(): bigint {
    return this.dec.coef * 10n ** BigInt(this.dec.exp);
  }
  /** Nearest float64 (±Infinity beyond range): for built-ins that work on floats anyway. */
  toNumber(): number {
    return Number(this.text);
  }
  toString(): string {
    return this.text;
  }
  /** Raw JSON carrying the exact text (Node ≥ 21); on older Nodes the nearest float64, or the text beyond its range. */
  toJSON(): unknown {
    return rawJSON !== undefined ? rawJSON(this.text) : Number.isFinite(this.toNumber()) ? this.toNumber() : this.text;
  }
}

const rawJSON = (JSON as unknown as { rawJSON?: (t: string) => unknown }).rawJSON;

const nativeIsRawJSON = (JSON as unknown as { isRawJSON?: (x: unknown) => boolean }).isRawJSON;

/** JSON.isRawJSON where Node has it (≥ 21). */
export function isRawJSON(x: unknown): x is { rawJSON: string } {
  return nativeIsRawJSON !== undefined && nativeIsRawJSON(x);
}

export function decimalOf(n: number | bigint | BigNum): Decimal {
  if (n instanceof BigNum) return n.dec;
  if (typeof n === 'bigint') return normalize(n, 0);
  return parseDecimal(shortestText(n))!;
}

/** JS's shortest round-trip text of a float64, without JS's `e+` spelling quirks mattering to parseDecimal. */
function shortestText(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

function decEqual(a: Decimal, b: Decimal): boolean {
  return a.coef === b.coef && a.exp === b.exp;
}

/** Exact order of two decimals. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const sa = a.coef < 0n ? -1 : a.coef > 0n ? 1 : 0;
  const sb = b.coef < 0n ? -1 : b.coef > 0n ? 1 : 0;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  // magnitudes first (digits + exponent), so that 1e10000 vs 1 needs no big power
  const ma = digitCount(a.coef) + a.exp;
  const mb = digitCount(b.coef) + b.exp;
  if (ma !== mb) return (ma < mb ? -1 : 1) * sa;
  const m = Math.min(a.exp, b.exp);
  const x = a.coef * 10n ** BigInt(a.exp - m);
  const y = b.coef * 10n ** BigInt(b.exp - m);
  return x < y ? -1 : x > y ? 1 : 0;
}

function digitCount(c: bigint): number {
  return (c < 0n ? -c : c).toString().length;
}

/**
 * A number from its text, in the narrowest exact form: a JS number when float64's shortest text denotes
 * the same value, a bigint for other integers that fit 64 mantissa bits (OPA's exact-integer path), else
 * a BigNum keeping the text. Undefined when the text is not a number or its exponent is beyond MAX_EXPONENT.
 */
export function numberFromText(text: string): number | bigint | BigNum | undefined {
  const dec = parseDecimal(text);
  if (dec === undefined) return undefined;
  return fromDecimal(dec, text);
}

function fromDecimal(dec: Decimal, text: string): number | bigint | BigNum {
  const f = Number(text);
  if (Number.isFinite(f) && decEqual(parseDecimal(shortestText(f))!, dec)) {
    if (!Number.isInteger(f) || Number.isSafeInteger(f)) return f;
  }
  if (dec.exp >= 0) {
    const i = dec.coef * 10n ** BigInt(dec.exp);
    // OPA treats a literal as an integer when its 64-bit big.Float is exact; a wider one stays a float
    if (significantBits(i) <= 64 || /^-?\d+$/.test(text)) return i >= -9007199254740991n && i <= 9007199254740991n ? Number(i) : i;
  }
  return new BigNum(text, dec);
}

export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** Bits between the highest and lowest set bit: an integer fits big.Float's mantissa when this is ≤ 64. */
function significantBits(x: bigint): number {
  const s = (x < 0n ? -x : x).toString(2);
  return s.replace(/0+$/, '').length;
}

// ---- big.Float arithmetic with a 64-bit mantissa (OPA's float path) ----

/** A binary float: value = m × 2^e, |m| < 2^64. */
interface Bin {
  m: bigint;
  e: number;
}

const TWO63 = 1n << 63n;
const LOG10_2 = Math.log10(2);
const TWO64 = 1n << 64n;

function pow2(e: number): bigint {
  return 1n << BigInt(e);
}

/** num/den (den > 0) rounded to 64 significant bits, half to even (big.Float's default rounding). */
function roundRational(num: bigint, den: bigint): Bin {
  if (num === 0n) return { m: 0n, e: 0 };
  const neg = num < 0n;
  const a = neg ? -num : num;
  let e = bitLength(a) - bitLength(den) - 64;
  for (;;) {
    const n = e >= 0 ? a : a << BigInt(-e);
    const d = e >= 0 ? den << BigInt(e) : den;
    let q = n / d;
    if (q >= TWO64) {
      e++;
      continue;
    }
    if (q < TWO63) {
      e--;
      continue;
    }
    const r2 = (n - q * d) * 2n;
    if (r2 > d || (r2 === d && (q & 1n) === 1n)) q++;
    if (q === TWO64) {
      q >>= 1n;
      e++;
    }
    return { m: neg ? -q : q, e };
  }
}

function decimalToBin(d: Decimal): Bin {
  if (d.exp >= 0) return roundRational(d.coef * 10n ** BigInt(d.exp), 1n);
  return roundRational(d.coef, 10n ** BigInt(-d.exp));
}

/** Operand as big.Float.SetString reads OPA's number text: rounded to 64 bits. */
function toBin(n: number | bigint | BigNum): Bin {
  return decimalToBin(decimalOf(n));
}

function binRational(b: Bin): [bigint, bigint] {
  return b.e >= 0 ? [b.m << BigInt(b.e), 1n] : [b.m, pow2(-b.e)];
}

export type FloatOp = 'plus' | 'minus' | 'mul' | 'div';

/** x op y as OPA's float path computes it (each operand and the result rounded to 64 bits). Caller checks y ≠ 0 for div. */
export function floatArith(op: FloatOp, x: number | bigint | BigNum, y: number | bigint | BigNum): number | bigint | BigNum {
  const [an, ad] = binRational(toBin(x));
  const [bn, bd] = binRational(toBin(y));
  let num: bigint;
  let den: bigint;
  switch (op) {
    case 'plus':
      num = an * bd + bn * ad;
      den = ad * bd;
      break;
    case 'minus':
      num = an * bd - bn * ad;
      den = ad * bd;
      break;
    case 'mul':
      num = an * bn;
      den = ad * bd;
      break;
    default:
      num = an * bd;
      den = ad * bn;
      if (den < 0n) {
        num = -num;
        den = -den;
      }
  }
  return fromBin(roundRational(num, den));
}

/** A 64-bit float result as OPA's FloatToNumber prints it (Text('g', -1)), in the narrowest exact form. */
function fromBin(b: Bin): number | bigint | BigNum {
  if (b.m === 0n) return 0;
  if (b.e >= 0 && b.e <= 10) {
    const i = b.m << BigInt(b.e);
    if (i >= -9007199254740991n && i <= 9007199254740991n) return Number(i);
  }
  const { digits, dp, neg } = shortestDigits(b);
  return fromDecimal(normalize(BigInt((neg ? '-' : '') + digits), dp - digits.length), goFormatG(neg, digits, dp));
}

/**
 * The shortest decimal that reads back as the same 64-bit float (what big.Float's Text(…, -1) prints):
 * significant digits, and dp = the decimal point's position relative to them.
 */
function shortestDigits(b: Bin): { digits: string; dp: number; neg: boolean } {
  const neg = b.m < 0n;
  const m = neg ? -b.m : b.m;
  // value and its rounding interval as rationals over a common power of two: [low, high] around v
  const scale = b.e - 2; // v = 4m·2^scale; neighbours at ±2·2^scale (the lower one ±1 at a power of two)
  const v4 = 4n * m;
  const low4 = m === TWO63 ? v4 - 1n : v4 - 2n;
  const high4 = v4 + 2n;
  const inclusive = (m & 1n) === 0n;
  const asRat = (x: bigint): [bigint, bigint] => (scale >= 0 ? [x << BigInt(scale), 1n] : [x, pow2(-scale)]);
  const [vn, vd] = asRat(v4);
  const [ln, ld] = asRat(low4);
  const [hn, hd] = asRat(high4);
  // k: 10^k ≤ v < 10^(k+1)
  let k = Math.floor((bitLength(vn) - bitLength(vd)) * LOG10_2);
  const geq10k = (kk: number) => (kk >= 0 ? vn >= vd * 10n ** BigInt(kk) : vn * 10n ** BigInt(-kk) >= vd);
  while (!geq10k(k)) k--;
  while (geq10k(k + 1)) k++;
  for (let n = 1; n <= 25; n++) {
    const s = n - 1 - k; // digits = round(v × 10^s)
    const num = s >= 0 ? vn * 10n ** BigInt(s) : vn;
    const den = s >= 0 ? vd : vd * 10n ** BigInt(-s);
    let q = num / den;
    const r2 = (num - q * den) * 2n;
    if (r2 > den || (r2 === den && (q & 1n) === 1n)) q++;
    // candidate c = q × 10^-s; inside (low, high)?
    const cn = s >= 0 ? q : q * 10n ** BigInt(-s);
    const cd = s >= 0 ? 10n ** BigInt(s) : 1n;
    const aboveLow = cn * ld > ln * cd || (inclusive && cn * ld === ln * cd);
    const belowHigh = cn * hd < hn * cd || (inclusive && cn * hd === hn * cd);
    if (aboveLow && belowHigh) {
      let digits = q.toString();
      const dp = digits.length - s;
      digits = digits.replace(/0+$/, '') || '0';
      return { digits, dp, neg };
    }
  }
  throw new Error('shortestDigits: no representation found');
}

/** Go's %g with shortest precision: %e when the exponent is < -4 or ≥ 6 (two-digit exponent at least). */
function goFormatG(neg: boolean, digits: string, dp: number): string {
  const sign = neg ? '-' : '';
  const exp = dp - 1;
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const ae = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return sign + digits + '0'.repeat(dp - digits.length);
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/** floor / ceil / round (half away from zero, Go's math.Round) of an exact decimal, as an integer. */
export function roundDecimal(d: Decimal, mode: 'floor' | 'ceil' | 'round'): bigint {
  if (d.exp >= 0) return d.coef * 10n ** BigInt(d.exp);
  const p = 10n ** BigInt(-d.exp);
  const q = d.coef / p; // truncated toward zero
  const r = d.coef - q * p;
  if (r === 0n) return q;
  if (mode === 'floor') return r < 0n ? q - 1n : q;
  if (mode === 'ceil') return r > 0n ? q + 1n : q;
  const twice = (r < 0n ? -r : r) * 2n;
  return twice >= p ? (r < 0n ? q - 1n : q + 1n) : q;
}
