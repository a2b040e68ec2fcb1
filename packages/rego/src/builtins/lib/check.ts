// Run-time operand check against a builtin's declaration: the top-level type of each argument, with
// OPA's texts ("operand 2 must be one of {object, set, array} but got string"). Element types are left
// to the implementations, which know OPA's per-builtin wording for them.
import type { Value } from '../../value/index.ts';
import { typeName } from '../../value/index.ts';
import type { TypeSpec } from '../../types/index.ts';
import type { BuiltinDecl } from './types.ts';
import { operandTypeError } from './operands.ts';

function accepts(spec: TypeSpec, t: string): boolean {
  if (spec.kind === 'any') return !spec.of || spec.of.some((s) => accepts(s, t));
  return spec.kind === t;
}

function names(spec: TypeSpec): string[] {
  if (spec.kind === 'any') return spec.of ? spec.of.flatMap(names) : ['any'];
  return [spec.kind];
}

export function checkOperands(decl: BuiltinDecl, args: Value[]): void {
  const n = Math.min(args.length, decl.args.length);
  for (let i = 0; i < n; i++) {
    const spec = decl.args[i];
    if (spec.kind === 'any' && !spec.of) continue;
    const t = typeName(args[i]);
    if (!accepts(spec, t)) throw operandTypeError(i + 1, args[i], ...names(spec));
  }
}
