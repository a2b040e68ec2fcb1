// Conversions: to_number, and v0's deprecated cast_* builtins (OPA topdown/casts.go).
import type { Value } from '../value/index.ts';
import { BigNum, isArray, isNumber, isObject, isSet, makeSet, normalizeInt, numberFromText, setValues } from '../value/index.ts';
import { builtinError, typeError } from './builtin-error.ts';
import { T_ANY, T_BOOL, T_NULL, T_NUM, T_STR, anyOf, arrayOf, fn, objectOf, setOf } from './lib/decl.ts';
import { operandTypeError } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const NON_FINITE = new Set(['nan', '-nan', '+nan', 'inf', '-inf', '+inf', 'infinity', '-infinity', '+infinity']);

/** Go strconv.ParseFloat syntax (decimal form); the number kept exact as OPA's json.Number keeps the text. */
export function parseGoNumber(s: string): number | bigint | BigNum {
  if (NON_FINITE.has(s.toLowerCase())) throw typeError('operand 1 must be valid number string but got string');
  const t = s.replace(/^\+/, '');
  if (/^-?[0-9]+$/.test(t)) return normalizeInt(BigInt(t));
  if (/^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) {
    const f = Number(t);
    if (!Number.isFinite(f)) throw builtinError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: value out of range`);
    const exact = numberFromText(t);
    if (exact !== undefined) return exact;
    return Number.isInteger(f) && Math.abs(f) > Number.MAX_SAFE_INTEGER && !/[eE.]/.test(t) ? normalizeInt(BigInt(t)) : f;
  }
  throw builtinError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
}

function toNumber(args: Value[]): Value {
  const v = args[0];
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isNumber(v)) return v;
  if (typeof v === 'string') return parseGoNumber(v);
  throw operandTypeError(1, v, 'null', 'boolean', 'number', 'string');
}

export const castBuiltins: BuiltinTable = {
  to_number: { decl: fn('to_number', [anyOf(T_NULL, T_BOOL, T_NUM, T_STR)], T_NUM), impl: toNumber },
  cast_array: {
    decl: fn('cast_array', [T_ANY], arrayOf()),
    impl: (a) => {
      const v = a[0];
      if (isArray(v)) return v;
      if (isSet(v)) return [...setValues(v)];
      throw operandTypeError(1, v, 'array', 'set');
    },
  },
  cast_set: {
    decl: fn('cast_set', [T_ANY], setOf()),
    impl: (a) => {
      const v = a[0];
      if (isArray(v)) return makeSet(v);
      if (isSet(v)) return v;
      throw operandTypeError(1, v, 'array', 'set');
    },
  },
  cast_string: {
    decl: fn('cast_string', [T_ANY], T_STR),
    impl: (a) => { if (typeof a[0] !== 'string') throw operandTypeError(1, a[0], 'string'); return a[0]; },
  },
  cast_boolean: {
    decl: fn('cast_boolean', [T_ANY], T_BOOL),
    impl: (a) => { if (typeof a[0] !== 'boolean') throw operandTypeError(1, a[0], 'boolean'); return a[0]; },
  },
  cast_null: {
    decl: fn('cast_null', [T_ANY], T_NULL),
    impl: (a) => { if (a[0] !== null) throw operandTypeError(1, a[0], 'null'); return null; },
  },
  cast_object: {
    decl: fn('cast_object', [T_ANY], objectOf()),
    impl: (a) => { if (!isObject(a[0])) throw operandTypeError(1, a[0], 'object'); return a[0]; },
  },
};
