// Run-time operand check against a builtin's declaration: the top-level type of each argument, with
// OPA's texts ("operand 2 must be one of {object, set, array} but got string"). Element types are left
// to the implementations, which know OPA's per-builtin wording for them. The check is compiled once per
// builtin (only the positions that are not `any`), so a call pays for nothing else.
import type { Value } from '../../value/index.ts';
import { typeName } from '../../value/index.ts';
import type { TypeSpec } from '../../types/index.ts';
import type { BuiltinDecl } from './types.ts';
import { operandTypeError } from './operands.ts';

function accepted(spec: TypeSpec, out: Set<string>): void {
  if (spec.kind === 'any') {
    if (spec.of) for (const s of spec.of) accepted(s, out);
  } else out.add(spec.kind);
}

function names(spec: TypeSpec): string[] {
  if (spec.kind === 'any') return spec.of ? spec.of.flatMap(names) : ['any'];
  return [spec.kind];
}

export type OperandCheck = (args: Value[]) => void;

const NONE: OperandCheck = () => {};

export function compileCheck(decl: BuiltinDecl): OperandCheck {
  const checks: { i: number; ok: Set<string>; names: string[] }[] = [];
  decl.args.forEach((spec, i) => {
    if (spec.kind === 'any' && !spec.of) return;
    const ok = new Set<string>();
    accepted(spec, ok);
    checks.push({ i, ok, names: names(spec) });
  });
  if (checks.length === 0) return NONE;
  return (args) => {
    for (let k = 0; k < checks.length; k++) {
      const c = checks[k];
      if (c.i >= args.length) return;
      const v = args[c.i];
      if (!c.ok.has(typeName(v))) throw operandTypeError(c.i + 1, v, ...c.names);
    }
  };
}
