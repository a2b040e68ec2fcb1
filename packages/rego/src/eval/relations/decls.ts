// Declarations of the builtins the evaluator implements itself because they need the evaluator or the
// parser (OPA keeps the same ones in topdown with access to the eval state).
import { T, type BuiltinDecl } from '../../types/index.ts';

const d = (name: string, args: BuiltinDecl['args'], result: BuiltinDecl['result'], variadic = false): [string, BuiltinDecl] => [
  name,
  { name, args, result, variadic },
];

export const relationDecls: ReadonlyMap<string, BuiltinDecl> = new Map([
  d('internal.member_2', [T.any, T.any], T.boolean),
  d('internal.member_3', [T.any, T.any, T.any], T.boolean),
  d('walk', [T.any], T.tuple(T.arrayOf(T.any), T.any)),
  d('print', [T.any], T.null, true),
  d('trace', [T.string], T.boolean),
  d('rego.parse_module', [T.string, T.string], T.objectOf(T.string, T.any)),
  d('rego.metadata.chain', [], T.arrayOf(T.any)),
  d('rego.metadata.rule', [], T.any),
  d('test.sleep', [T.string], T.null),
]);
