// Call checks against the builtins' declarations: unknown and unsupported functions, arity, and
// whether the extra last argument of a call in expression position is an output (`split(s, ",", parts)`).
// They run before safety (which needs the outputs); types are checked after it (compiler/types/).
import { fail } from '../errors.ts';
import type { CallTerm, Expr, RuleHead, Term } from '../ast/types.ts';
import { builtins, deprecatedBuiltins, skippedBuiltins } from '../builtins/index.ts';
import { relationDecls } from '../eval/relations/decls.ts';
import type { BuiltinDecl } from '../types/index.ts';

/** User functions: dotted data path → number of args. */
export type FunctionArity = Map<string, number>;

export function builtinDecl(name: string): BuiltinDecl | undefined {
  return relationDecls.get(name) ?? builtins.get(name)?.decl;
}

/** Builtins named as `with` targets somewhere: an unsupported one may be mocked, so it fails only if called. */
let mockedNow: ReadonlySet<string> = new Set();
/** Rules of the module being checked: v1 has no deprecated built-ins; strict mode rejects calls to them. */
let modeNow: CheckMode = { v1: false, strict: false };

export interface CheckMode {
  v1: boolean;
  strict: boolean;
}

function arityOf(t: CallTerm, arity: FunctionArity): { n: number; variadic: boolean; name: string } {
  const target = t.target!;
  if (target.kind === 'func') {
    const name = target.path.join('.');
    const n = arity.get(name);
    if (n === undefined) fail('rego_type_error', `undefined function data.${name}`, t.loc);
    return { n, variadic: false, name: 'data.' + name };
  }
  const decl = builtinDecl(target.name);
  if (decl && deprecatedBuiltins.has(target.name) && !mockedNow.has(target.name)) {
    if (modeNow.v1) fail('rego_type_error', `undefined function ${target.name}`, t.loc);
    if (modeNow.strict) fail('rego_type_error', `deprecated built-in function calls in expression: ${target.name}`, t.loc);
  }
  if (!decl) {
    const reason = skippedBuiltins.get(target.name);
    if (reason !== undefined && mockedNow.has(target.name)) return { n: 0, variadic: true, name: target.name };
    if (reason !== undefined) fail('rego_unsupported_builtin', `${target.name}: unsupported builtin: ${reason}`, t.loc);
    fail('rego_type_error', `undefined function ${target.name}`, t.loc);
  }
  return { n: decl.args.length, variadic: decl.variadic === true, name: target.name };
}

function check(t: Term, arity: FunctionArity, top: boolean): void {
  switch (t.type) {
    case 'var':
      return;
    case 'ref':
      check(t.head, arity, false);
      t.path.forEach((p) => check(p, arity, false));
      return;
    case 'array':
    case 'set':
      t.items.forEach((i) => check(i, arity, false));
      return;
    case 'object':
      t.items.forEach(([k, v]) => (check(k, arity, false), check(v, arity, false)));
      return;
    case 'template':
      t.parts.forEach((p) => typeof p !== 'string' && check(p, arity, false));
      return;
    case 'compr':
      if (t.key) check(t.key, arity, false);
      check(t.value, arity, false);
      checkBody(t.body, arity);
      return;
    case 'call': {
      t.args.forEach((a) => check(a, arity, false));
      const { n, variadic, name } = arityOf(t, arity);
      const have = t.args.length;
      if (variadic ? have >= n - 1 : have === n) return;
      if (!variadic && top && have === n + 1) {
        (t as CallTerm & { outArg?: boolean }).outArg = true;
        return;
      }
      fail('rego_type_error', `${name}: arity mismatch\n\thave: ${have} argument${have === 1 ? '' : 's'}\n\twant: ${n}`, t.loc);
    }
  }
}

function checkBody(body: Expr[], arity: FunctionArity): void {
  for (const e of body) {
    const b = e.body;
    if (b.kind === 'term') check(b.term, arity, true);
    else if (b.kind === 'unify') (check(b.left, arity, false), check(b.right, arity, false));
    else if (b.kind === 'someIn') {
      if (b.key) check(b.key, arity, false);
      check(b.value, arity, false);
      check(b.collection, arity, false);
    } else if (b.kind === 'every') {
      check(b.domain, arity, false);
      checkBody(b.body, arity);
    } else if (b.kind === 'block') checkBody(b.body, arity);
    for (const w of e.with) check(w.value, arity, false);
  }
}

export function checkCalls(body: Expr[], head: RuleHead | null, arity: FunctionArity, mocked: ReadonlySet<string> = new Set(), mode: CheckMode = { v1: false, strict: false }): void {
  mockedNow = mocked;
  modeNow = mode;
  checkBody(body, arity);
  if (head) {
    for (const t of [...head.ref.slice(1), ...(head.key ? [head.key] : []), ...(head.value ? [head.value] : [])]) check(t, arity, false);
  }
}
