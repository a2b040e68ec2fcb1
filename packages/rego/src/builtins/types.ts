// Type predicates and type_name (OPA topdown/type.go, typename.go).
import type { Value } from '../value/index.ts';
import { typeName } from '../value/index.ts';
import { T_ANY, T_BOOL, T_STR, fn } from './lib/decl.ts';
import type { Builtin, BuiltinTable } from './lib/types.ts';

function predicate(name: string, type: string): Builtin {
  return { decl: fn(name, [T_ANY], T_BOOL), impl: (a: Value[]) => typeName(a[0]) === type };
}

export const typeBuiltins: BuiltinTable = {
  is_number: predicate('is_number', 'number'),
  is_string: predicate('is_string', 'string'),
  is_boolean: predicate('is_boolean', 'boolean'),
  is_array: predicate('is_array', 'array'),
  is_set: predicate('is_set', 'set'),
  is_object: predicate('is_object', 'object'),
  is_null: predicate('is_null', 'null'),
  type_name: { decl: fn('type_name', [T_ANY], T_STR), impl: (a) => typeName(a[0]) },
};
