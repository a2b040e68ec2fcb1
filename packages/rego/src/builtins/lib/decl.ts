// Builtin declarations are data in the engine's TypeSpec language (../../types/spec.ts); these are the
// shorthands the family files use so a decl reads like a line of OPA's builtins.go.
import { T } from '../../types/index.ts';
import type { BuiltinDecl, TypeSpec } from '../../types/index.ts';

export type { TypeSpec };
export const T_ANY = T.any;
export const T_NULL = T.null;
export const T_BOOL = T.boolean;
export const T_NUM = T.number;
export const T_STR = T.string;
export const arrayOf = (of: TypeSpec = T.any): TypeSpec => T.arrayOf(of);
export const tupleOf = (...items: TypeSpec[]): TypeSpec => T.tuple(...items);
export const setOf = (of: TypeSpec = T.any): TypeSpec => T.setOf(of);
export const objectOf = (key: TypeSpec = T.any, value: TypeSpec = T.any): TypeSpec => T.objectOf(key, value);
/** A union. The order is the order OPA names the types in its "must be one of {…}" messages. */
export const anyOf = (...of: TypeSpec[]): TypeSpec => T.anyOf(...of);

export const T_ARRAY = arrayOf();
export const T_SET = setOf();
export const T_OBJECT = objectOf();
export const T_STR_ARRAY = arrayOf(T_STR);
export const T_STR_SET = setOf(T_STR);

export function fn(name: string, args: TypeSpec[], result: TypeSpec, nondeterministic = false): BuiltinDecl {
  return nondeterministic ? { name, args, result, nondeterministic } : { name, args, result };
}
