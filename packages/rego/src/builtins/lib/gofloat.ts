// Go's strconv float formatting ('e', 'f', 'g' and the shortest form used by %v) and strconv.Quote.
// Digits come from JS's own shortest/rounded conversions; layout rules follow strconv/ftoa.go.

interface Digits {
  digs: string; // significant digits, no trailing zeros ('' for zero)
  dp: number; // decimal point position
}

/** The exact decimal expansion of a finite double (every double is a finite decimal). */
function exactDigits(v: number): Digits {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(v));
  const bits = buf.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e2: number;
  if (expBits === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = expBits - 1075;
  }
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    dp = digits.length + e2;
  }
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead).replace(/0+$/, '');
  return { digs: digits, dp: dp - lead };
}

/** Round to nd significant digits, half to even on the exact value (strconv's decimal.Round). */
function roundDigits(d: Digits, nd: number): Digits {
  if (nd < 0 || nd >= d.digs.length) return d;
  const next = d.digs.charCodeAt(nd) - 48;
  const up = next > 5 || (next === 5 && (nd + 1 < d.digs.length || (nd > 0 && (d.digs.charCodeAt(nd - 1) - 48) % 2 === 1)));
  if (nd === 0) {
    return up ? { digs: '1', dp: d.dp + 1 } : { digs: '', dp: 0 };
  }
  let head = d.digs.slice(0, nd);
  if (!up) return { digs: head.replace(/0+$/, ''), dp: d.dp };
  let i = nd - 1;
  const chars = head.split('');
  while (i >= 0 && chars[i] === '9') i--;
  if (i < 0) return { digs: '1', dp: d.dp + 1 };
  chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
  head = chars.slice(0, i + 1).join('');
  return { digs: head, dp: d.dp };
}

function digitsOf(v: number, sig: number | null): Digits {
  if (v === 0) return { digs: '', dp: 0 };
  if (sig === null) {
    const [mant, exp] = Math.abs(v).toExponential().split('e');
    return { digs: mant.replace('.', '').replace(/0+$/, ''), dp: Number(exp) + 1 };
  }
  return roundDigits(exactDigits(v), Math.max(sig, 1));
}

/** Digits rounded to `prec` places after the decimal point. */
function fixedDigits(v: number, prec: number): Digits {
  if (v === 0) return { digs: '', dp: 0 };
  const d = exactDigits(v);
  return roundDigits(d, d.dp + prec);
}

function digitAt(d: Digits, i: number): string {
  return i >= 0 && i < d.digs.length ? d.digs[i] : '0';
}

function fmtE(d: Digits, prec: number, e: string): string {
  let s = d.digs.length ? d.digs[0] : '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(d, i);
  }
  const exp = d.digs.length ? d.dp - 1 : 0;
  const a = Math.abs(exp);
  return s + e + (exp < 0 ? '-' : '+') + (a < 10 ? '0' : '') + a;
}

function fmtF(d: Digits, prec: number): string {
  let s = '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) s += digitAt(d, i);
  else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(d, d.dp + i);
  }
  return s;
}

function fixed(v: number, prec: number): string {
  return fmtF(fixedDigits(v, prec), prec);
}

/** strconv.FormatFloat(v, fmt, prec, 64); prec -1 = shortest. `sharp` keeps %g's trailing zeros. */
export function goFloat(v: number, fmt: string, prec: number, sharp = false): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const sign = neg ? '-' : '';
  const lower = fmt.toLowerCase();
  const e = fmt === 'E' || fmt === 'G' ? 'E' : 'e';
  if (lower === 'f') {
    if (prec >= 0) return sign + fixed(v, prec);
    const d = digitsOf(v, null);
    return sign + fmtF(d, Math.max(d.digs.length - d.dp, 0));
  }
  if (lower === 'e') {
    if (prec < 0) {
      const d = digitsOf(v, null);
      return sign + fmtE(d, Math.max(d.digs.length - 1, 0), e);
    }
    return sign + fmtE(digitsOf(v, prec + 1), prec, e);
  }
  // 'g'
  const shortest = prec < 0;
  let p = prec === 0 ? 1 : prec;
  const d = digitsOf(v, shortest ? null : p);
  if (shortest) p = d.digs.length;
  let eprec = p;
  if (eprec > d.digs.length && d.digs.length >= d.dp) eprec = d.digs.length;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (d.digs.length && (exp < -4 || exp >= eprec)) {
    const ep = (sharp ? p : Math.min(p, d.digs.length)) - 1;
    return sign + fmtE(d, Math.max(ep, 0), e);
  }
  if (!d.digs.length) return sign + (sharp && p > 1 ? '0.' + '0'.repeat(p - 1) : '0');
  const fp = sharp ? p : p > d.dp ? d.digs.length : p;
  return sign + fmtF(d, Math.max(fp - d.dp, 0));
}

export function padDigits(body: string, prec: number): string {
  return body.length >= prec ? body : '0'.repeat(prec - body.length) + body;
}

const NAMED: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v', 92: '\\\\' };

function printable(cp: number): boolean {
  return !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(String.fromCodePoint(cp)) && (cp === 0x20 || !/\p{Z}/u.test(String.fromCodePoint(cp)));
}

/** strconv.Quote (quote '"') / QuoteRune (quote "'"); asciiOnly = QuoteToASCII (the %+q flag). */
export function goQuote(s: string, quote: string, asciiOnly: boolean): string {
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote) out += '\\' + ch;
    else if (NAMED[cp]) out += NAMED[cp];
    else if (cp < 0x80 && cp >= 0x20 && cp !== 0x7f) out += ch;
    else if (!asciiOnly && cp >= 0x80 && printable(cp)) out += ch;
    else if (cp < 0x80) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + quote;
}
