// Go's fmt.Sprintf for the argument kinds OPA's sprintf passes: int (fits int64), *big.Int, float64 and
// string (every other Rego value arrives as its Rego text). Verbs, flags, width, precision, explicit
// argument indexes and Go's error annotations (%!d(string=x), %!v(MISSING), %!(EXTRA …)) follow Go.
import { builtinError } from '../builtin-error.ts';
import { goFloat, goQuote, padDigits } from './gofloat.ts';

const MAX_WIDTH = 1_000_000;

export type GoArg =
  | { kind: 'int'; v: bigint }
  | { kind: 'bigint'; v: bigint }
  | { kind: 'float'; v: number }
  | { kind: 'string'; v: string };

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  prec: number | null;
}

// OPA ≥ 1.20 hands integers to fmt as int64 (util.Atoi64), so Go's annotations say "int64".
const TYPE_NAME = { int: 'int64', bigint: '*big.Int', float: 'float64', string: 'string' } as const;

function pad(s: string, spec: Spec, numeric: boolean): string {
  if (spec.width === null || s.length >= spec.width) return s;
  const n = spec.width - [...s].length;
  if (n <= 0) return s;
  if (spec.minus) return s + ' '.repeat(n);
  if (spec.zero && numeric) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

function signed(neg: boolean, body: string, spec: Spec): string {
  return (neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '') + body;
}

function formatInt(v: bigint, verb: string, spec: Spec): string | null {
  const neg = v < 0n;
  const a = neg ? -v : v;
  let body: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      body = a.toString(10);
      break;
    case 'b':
      body = a.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      body = a.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (spec.sharp && body !== '0') prefix = '0';
      break;
    case 'x':
      body = a.toString(16);
      if (spec.sharp) prefix = '0x';
      break;
    case 'X':
      body = a.toString(16).toUpperCase();
      if (spec.sharp) prefix = '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(v)), spec, false);
    case 'q':
      return pad(goQuote(String.fromCodePoint(Number(v)), "'", spec.plus), spec, false);
    case 'U': {
      const hex = a.toString(16).toUpperCase().padStart(4, '0');
      const s = 'U+' + hex + (spec.sharp ? ` '${String.fromCodePoint(Number(v))}'` : '');
      return pad(s, spec, false);
    }
    default:
      return null;
  }
  if (spec.prec !== null) {
    body = spec.prec === 0 && a === 0n ? '' : padDigits(body, spec.prec);
    return pad(signed(neg, prefix + body, spec), { ...spec, zero: false }, true);
  }
  return pad(signed(neg, prefix + body, spec), spec, true);
}

function formatFloat(v: number, verb: string, spec: Spec): string | null {
  if (!'vbeEfFgGxX'.includes(verb)) return null;
  if (verb === 'b' || verb === 'x' || verb === 'X') return null;
  const s = goFloat(v, verb === 'v' ? 'g' : verb, spec.prec ?? (verb === 'v' || verb === 'g' || verb === 'G' ? -1 : 6), spec.sharp);
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const out = signed(neg, body, spec);
  if (!Number.isFinite(v)) return pad(out, { ...spec, zero: false }, false);
  return pad(out, spec, true);
}

function formatString(v: string, verb: string, spec: Spec): string | null {
  switch (verb) {
    case 'v':
    case 's': {
      const s = spec.prec !== null ? [...v].slice(0, spec.prec).join('') : v;
      return pad(s, spec, false);
    }
    case 'q':
      return pad(spec.sharp && !v.includes('`') ? '`' + v + '`' : goQuote(v, '"', spec.plus), spec, false);
    case 'x':
    case 'X': {
      let bytes = [...Buffer.from(v, 'utf8')];
      if (spec.prec !== null) bytes = bytes.slice(0, spec.prec);
      const hexes = bytes.map((b) => b.toString(16).padStart(2, '0'));
      let s = hexes.map((h) => (spec.sharp ? '0x' + h : h)).join(spec.space ? ' ' : '');
      if (verb === 'X') s = s.toUpperCase();
      return pad(s, spec, false);
    }
    default:
      return null;
  }
}

function plainValue(a: GoArg): string {
  return a.kind === 'float' ? goFloat(a.v, 'g', -1, false) : String(a.v);
}

function formatArg(a: GoArg, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(TYPE_NAME[a.kind], spec, false);
  let out: string | null;
  if (a.kind === 'int') out = formatInt(a.v, verb, spec);
  else if (a.kind === 'bigint') out = 'vdbOoxXs'.includes(verb) ? formatInt(a.v, verb === 's' ? 'd' : verb, spec) : null;
  else if (a.kind === 'float') out = formatFloat(a.v, verb, spec);
  else out = formatString(a.v, verb, spec);
  return out ?? `%!${verb}(${TYPE_NAME[a.kind]}=${plainValue(a)})`;
}

export function goSprintf(format: string, args: GoArg[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: null, prec: null };
    for (; i < n; i++) {
      const f = format[i];
      if (f === '-') { spec.minus = true; spec.zero = false; }
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    const argIndex = (): void => {
      const m = /^\[(\d+)\]/.exec(format.slice(i));
      if (m) {
        argNum = Number(m[1]) - 1;
        reordered = true;
        i += m[0].length;
      }
    };
    const starOrNumber = (): number | null => {
      if (format[i] === '*') {
        i++;
        const a = args[argNum++];
        if (a && a.kind === 'int') return Number(a.v);
        out += '%!(BADWIDTH)';
        return null;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return null;
      i += m[0].length;
      return Number(m[0]);
    };
    argIndex();
    spec.width = starOrNumber();
    // Padding is bounded so a format string cannot allocate without limit.
    if (spec.width !== null && Math.abs(spec.width) > MAX_WIDTH) throw builtinError(`width ${spec.width} is too large`);
    if (spec.width !== null && spec.width < 0) { spec.minus = true; spec.width = -spec.width; }
    if (format[i] === '.') {
      i++;
      argIndex();
      spec.prec = starOrNumber() ?? 0;
      if (spec.prec > MAX_WIDTH) throw builtinError(`precision ${spec.prec} is too large`);
    }
    argIndex();
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argNum++], verb, spec);
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ' + args.slice(argNum).map((a) => `${TYPE_NAME[a.kind]}=${plainValue(a)}`).join(', ') + ')';
  }
  return out;
}
