// Operand accessors that fail with OPA's exact type-error texts (topdown/builtins/builtins.go).
import type { Value } from '../../value/index.ts';
import { isArray, isNumber, isObject, isSet, setValues, typeName } from '../../value/index.ts';
import { BigNum } from '../../value/bignum.ts';
import { typeError } from '../builtin-error.ts';

export function operandTypeError(pos: number, got: Value, ...expected: string[]) {
  const want = expected.length === 1 ? expected[0] : `one of {${expected.join(', ')}}`;
  return typeError(`operand ${pos} must be ${want} but got ${typeName(got)}`);
}

export function str(args: Value[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') throw operandTypeError(i + 1, v, 'string');
  return v;
}

/** A number operand, exactly (BigNum included): for arithmetic. */
export function exactNum(args: Value[], i: number): number | bigint | BigNum {
  const v = args[i];
  if (!isNumber(v)) throw operandTypeError(i + 1, v, 'number');
  return v;
}

/** A number operand as number | bigint: a BigNum becomes its exact integer or its nearest float64. */
export function num(args: Value[], i: number): number | bigint {
  const v = exactNum(args, i);
  if (v instanceof BigNum) return v.isInteger() ? v.toBigInt() : v.toNumber();
  return v;
}

export function bool(args: Value[], i: number): boolean {
  const v = args[i];
  if (typeof v !== 'boolean') throw operandTypeError(i + 1, v, 'boolean');
  return v;
}

export function arr(args: Value[], i: number): readonly Value[] {
  const v = args[i];
  if (!isArray(v)) throw operandTypeError(i + 1, v, 'array');
  return v as readonly Value[];
}

export function set(args: Value[], i: number): Value {
  const v = args[i];
  if (!isSet(v)) throw operandTypeError(i + 1, v, 'set');
  return v;
}

export function obj(args: Value[], i: number): Value {
  const v = args[i];
  if (!isObject(v)) throw operandTypeError(i + 1, v, 'object');
  return v;
}

/** An integer operand as a JS number ("operand N must be integer number but got floating-point number"). */
export function int(args: Value[], i: number): number {
  const v = num(args, i);
  if (typeof v === 'bigint') return Number(v);
  if (!Number.isInteger(v)) throw typeError(`operand ${i + 1} must be integer number but got floating-point number`);
  return v;
}

/** An integer operand as a bigint (for bits.* and other exact integer maths). */
export function bigInt(args: Value[], i: number): bigint {
  const v = num(args, i);
  if (typeof v === 'bigint') return v;
  if (!Number.isInteger(v)) throw typeError(`operand ${i + 1} must be integer number but got floating-point number`);
  return BigInt(v);
}

/** Elements of an array or a set (sets in sorted order). */
export function items(args: Value[], i: number, ...expected: string[]): readonly Value[] {
  const v = args[i];
  if (isArray(v)) return v as readonly Value[];
  if (isSet(v)) return setValues(v);
  throw operandTypeError(i + 1, v, ...(expected.length ? expected : ['array', 'set']));
}

/** Strings of an array or a set; OPA's message names the offending element's type. */
export function strItems(args: Value[], i: number, ...expected: string[]): string[] {
  const out: string[] = [];
  for (const e of items(args, i, ...expected)) {
    if (typeof e !== 'string') throw operandTypeError(i + 1, e, 'string');
    out.push(e);
  }
  return out;
}

/** OPA's NewOperandElementErr: "operand 1 must be array of numbers but got array containing string". */
export function elementError(pos: number, container: Value, elem: Value, expected: string) {
  const c = typeName(container);
  return typeError(`operand ${pos} must be ${c} of ${expected}s but got ${c} containing ${typeName(elem)}`);
}
