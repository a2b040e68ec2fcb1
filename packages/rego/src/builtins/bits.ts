// Bitwise builtins on arbitrary-size integers (OPA topdown/bits.go uses big.Int).
import type { Value } from '../value/index.ts';
import { normalizeInt } from '../value/index.ts';
import { builtinError, typeError } from './builtin-error.ts';
import { T_NUM, fn } from './lib/decl.ts';
import { bigInt } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

function binary(name: string, op: (a: bigint, b: bigint) => bigint) {
  return { decl: fn(name, [T_NUM, T_NUM], T_NUM), impl: (a: Value[]) => normalizeInt(op(bigInt(a, 0), bigInt(a, 1))) };
}

// Shifting left by more bits than this would build integers of megabytes from a tiny policy.
const MAX_SHIFT = 1n << 20n;

function shiftAmount(args: Value[]): bigint {
  const n = bigInt(args, 1);
  if (n < 0n) throw typeError('operand 2 must be an unsigned integer number but got a negative integer');
  if (n > MAX_SHIFT) throw builtinError(`shift of ${n} bits is too large`);
  return n;
}

export const bitsBuiltins: BuiltinTable = {
  'bits.or': binary('bits.or', (a, b) => a | b),
  'bits.and': binary('bits.and', (a, b) => a & b),
  'bits.xor': binary('bits.xor', (a, b) => a ^ b),
  'bits.negate': { decl: fn('bits.negate', [T_NUM], T_NUM), impl: (a) => normalizeInt(~bigInt(a, 0)) },
  'bits.lsh': { decl: fn('bits.lsh', [T_NUM, T_NUM], T_NUM), impl: (a) => normalizeInt(bigInt(a, 0) << shiftAmount(a)) },
  'bits.rsh': { decl: fn('bits.rsh', [T_NUM, T_NUM], T_NUM), impl: (a) => normalizeInt(bigInt(a, 0) >> shiftAmount(a)) },
};
