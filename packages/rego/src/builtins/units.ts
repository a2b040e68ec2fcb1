// units.parse and units.parse_bytes (OPA topdown/units.go, parse_bytes.go), computed on exact decimals
// so that "0.0000005M" is exactly 0.5 as with Go's big.Float.
import type { Value } from '../value/index.ts';
import { normalizeInt } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_NUM, T_STR, fn } from './lib/decl.ts';
import { str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const MAX_EXPONENT = 10_000;

/** A decimal as an integer mantissa and a power of ten. */
interface Decimal {
  m: bigint;
  e: number;
}

function split(s: string): [string, string] {
  const m = /^(?:[+-]?[0-9.]*(?:[eE][+-]?[0-9]+(?=[^0-9]|$))?)/.exec(s)!;
  // "100E" / "100e" is a unit (exa), not an exponent: only digits after e make an exponent.
  return [m[0], s.slice(m[0].length)];
}

function parseDecimal(num: string, what: string): Decimal {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(num);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw builtinError(`could not parse ${what} to a number`);
  const exp = Number(m[4] ?? 0);
  if (Math.abs(exp) > MAX_EXPONENT) throw builtinError('exponent too large');
  const frac = m[3] ?? '';
  const mant = BigInt((m[2] || '0') + frac);
  return { m: m[1] === '-' ? -mant : mant, e: exp - frac.length };
}

function scale(d: Decimal, mult: bigint, milli: boolean): Decimal {
  return { m: d.m * mult, e: d.e - (milli ? 3 : 0) };
}

function toNumber(d: Decimal): Value {
  if (d.e >= 0) return normalizeInt(d.m * 10n ** BigInt(d.e));
  const div = 10n ** BigInt(-d.e);
  if (d.m % div === 0n) return normalizeInt(d.m / div);
  return Number(`${d.m}e${d.e}`);
}

function truncate(d: Decimal): Value {
  if (d.e >= 0) return normalizeInt(d.m * 10n ** BigInt(d.e));
  return normalizeInt(d.m / 10n ** BigInt(-d.e));
}

const DECIMAL: Record<string, bigint> = { k: 10n ** 3n, m: 10n ** 6n, g: 10n ** 9n, t: 10n ** 12n, p: 10n ** 15n, e: 10n ** 18n };
const BINARY: Record<string, bigint> = { ki: 1n << 10n, mi: 1n << 20n, gi: 1n << 30n, ti: 1n << 40n, pi: 1n << 50n, ei: 1n << 60n };

function prepare(raw: string, noAmount: string): [string, string] {
  const s = raw.replaceAll('"', '');
  if (s.includes(' ')) throw builtinError('spaces not allowed in resource strings');
  const [num, unit] = split(s);
  if (num === '' || num === '-' || num === '+') throw builtinError(noAmount);
  return [num, unit];
}

function parseUnits(args: Value[]): Value {
  const [num, unit] = prepare(str(args, 0), 'no amount provided');
  const d = parseDecimal(num, 'amount');
  // 'm' is milli and 'M' mega; all other units are case-insensitive after the first letter.
  if (unit === '') return toNumber(d);
  if (unit === 'm') return toNumber(scale(d, 1n, true));
  const u = unit === 'M' || unit.startsWith('M') ? 'm' + unit.slice(1).toLowerCase() : unit.toLowerCase();
  const mult = DECIMAL[u] ?? BINARY[u];
  if (mult === undefined) throw builtinError(`unknown unit: ${unit}`);
  return toNumber(scale(d, mult, false));
}

function parseBytes(args: Value[]): Value {
  const [num, unit] = prepare(str(args, 0), 'no byte amount provided');
  const d = parseDecimal(num, 'byte amount');
  const u = unit.toLowerCase();
  if (u === '' || u === 'b') return truncate(d);
  const key = u.endsWith('b') ? u.slice(0, -1) : u;
  const mult = DECIMAL[key] ?? BINARY[key];
  if (mult === undefined) throw builtinError(`byte unit ${unit} not recognized`);
  return truncate(scale(d, mult, false));
}

export const unitBuiltins: BuiltinTable = {
  'units.parse': { decl: fn('units.parse', [T_STR], T_NUM), impl: parseUnits },
  'units.parse_bytes': { decl: fn('units.parse_bytes', [T_STR], T_NUM), impl: parseBytes },
};
