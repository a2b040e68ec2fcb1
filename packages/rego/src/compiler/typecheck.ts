// Call checks against the builtins' declarations: unknown and unsupported functions, arity, and
// whether the extra last argument of a call in expression position is an output (`split(s, ",", parts)`).
import { fail, RegoFailure } from '../errors.ts';
import type { CallTerm, Expr, RuleHead, Term } from '../ast/types.ts';
import { builtins, deprecatedBuiltins, skippedBuiltins } from '../builtins/index.ts';
import { relationDecls } from '../eval/relations/decls.ts';
import type { BuiltinDecl, TypeSpec } from '../types/index.ts';

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
  /** Types of `input`/`data` references from JSON schemas (compiler/schemas.ts), when schemas are given. */
  refType?: (t: Term) => string | null;
  /** Types of rule documents and user function results, from the literal values of their heads. */
  docType?: (t: Term) => string | null;
}

/** The kind of a rule head value written as a literal (scalars, collections, comprehensions, templates). */
export function headLiteralKind(t: Term | null): string | null {
  if (t === null) return 'boolean';
  switch (t.type) {
    case 'scalar':
      return t.value === null ? 'null' : typeof t.value === 'bigint' || typeof t.value === 'object' ? 'number' : typeof t.value;
    case 'array':
    case 'set':
    case 'object':
      return t.type;
    case 'compr':
      return t.kind;
    case 'template':
      return 'string';
    default:
      return null;
  }
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

/** Types of local variables (by frame slot) known so far in the rule being checked: set where a variable is
 * first seen, by `x := term`, `x = term` or an output argument, from the term's type. A variable first seen
 * anywhere else (function argument, ref key, `some … in`, `every`) is recorded as null: of any type, as OPA
 * types it then, so a later `x = 1` does not narrow it. */
let varTypes = new Map<number, string | null>();

function unseenVar(t: Term): t is Term & { type: 'var'; slot: number } {
  return t.type === 'var' && t.slot >= 0 && !varTypes.has(t.slot);
}

function markSeen(t: Term): void {
  if (unseenVar(t)) varTypes.set(t.slot, null);
}

/** The one kind a declared type stands for (a union of one kind counts), or null. */
function specKind(spec: TypeSpec): string | null {
  if (spec.kind === 'any') {
    if (!spec.of || spec.of.length === 0) return null;
    const kinds = new Set(spec.of.map(specKind));
    return kinds.size === 1 ? [...kinds][0] : null;
  }
  return spec.kind === 'function' ? null : spec.kind;
}

/** Static type of a term; null when only evaluation can tell. */
function literalType(t: Term): string | null {
  switch (t.type) {
    case 'var':
      return t.slot >= 0 ? (varTypes.get(t.slot) ?? null) : null;
    case 'ref':
      return modeNow.refType?.(t) ?? modeNow.docType?.(t) ?? null;
    case 'call': {
      if ((t as CallTerm & { outArg?: boolean }).outArg) return null;
      if (t.target?.kind === 'func') return modeNow.docType?.(t) ?? null;
      if (t.target?.kind !== 'builtin') return null;
      const decl = builtinDecl(t.target.name);
      return decl ? specKind(decl.result) : null;
    }
    default:
      return headLiteralKind(t); // literals: the same kinds a rule head written as a literal has
  }
}

function accepts(spec: TypeSpec, type: string): boolean {
  if (spec.kind === 'any') return !spec.of || spec.of.some((s) => accepts(s, type));
  return spec.kind === type;
}

function specName(spec: TypeSpec): string {
  if (spec.kind === 'any') return spec.of ? `any<${spec.of.map(specName).join(', ')}>` : 'any';
  return spec.kind;
}

// Literal arguments whose type the declaration rules out are compile errors, as in OPA's type checker;
// everything else is checked when the builtin runs.
function checkArgTypes(t: CallTerm, name: string): void {
  const decl = builtinDecl(name);
  if (!decl) return;
  const n = Math.min(t.args.length, decl.args.length);
  const have = t.args.map((a) => literalType(a));
  for (let i = 0; i < n; i++) {
    const ty = have[i];
    if (ty !== null && !accepts(decl.args[i], ty)) {
      fail(
        'rego_type_error',
        `${name}: invalid argument(s)\n\thave: (${have.map((h) => h ?? '???').join(', ')})\n\twant: (${decl.args.map(specName).join(', ')})`,
        t.loc,
      );
    }
  }
}

function check(t: Term, arity: FunctionArity, top: boolean): void {
  switch (t.type) {
    case 'var':
      markSeen(t);
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
      if (t.target?.kind === 'builtin') checkArgTypes(t, name);
      if (variadic ? have >= n - 1 : have === n) return;
      if (!variadic && top && have === n + 1) {
        (t as CallTerm & { outArg?: boolean }).outArg = true;
        return;
      }
      fail('rego_type_error', `${name}: arity mismatch\n\thave: ${have} argument${have === 1 ? '' : 's'}\n\twant: ${n}`, t.loc);
    }
  }
}

/** OPA's `match error`: both sides of `=` (or `:=`) have known types that cannot unify. Collections are named
 * by their kind only (OPA names element types too: `array<number>`, `set[string]`). */
function checkMatch(e: Expr, left: Term, right: Term): void {
  const l = literalType(left);
  const r = literalType(right);
  if (l !== null && r !== null && l !== r) fail('rego_type_error', `match error\n\tleft  : ${l}\n\tright : ${r}`, e.loc);
}

function checkBody(body: Expr[], arity: FunctionArity): void {
  for (const e of body) {
    const b = e.body;
    if (b.kind === 'term') {
      const t = b.term;
      const last = t.type === 'call' && t.args.length > 0 ? t.args[t.args.length - 1] : null;
      const outCandidate = last !== null && unseenVar(last) ? last.slot : -1;
      check(b.term, arity, true);
      if (!e.negated && t.type === 'call' && (t as CallTerm & { outArg?: boolean }).outArg && t.target?.kind === 'builtin' && outCandidate >= 0) {
        const decl = builtinDecl(t.target.name);
        varTypes.set(outCandidate, decl ? specKind(decl.result) : null);
      }
    } else if (b.kind === 'unify') {
      const learnLeft = !e.negated && e.with.length === 0 && unseenVar(b.left);
      const learnRight = !e.negated && e.with.length === 0 && unseenVar(b.right);
      check(b.left, arity, false);
      check(b.right, arity, false);
      if (learnLeft) varTypes.set((b.left as { slot: number }).slot, learnRight ? null : literalType(b.right));
      else if (learnRight) varTypes.set((b.right as { slot: number }).slot, literalType(b.left));
      else checkMatch(e, b.left, b.right);
    }
    else if (b.kind === 'someIn') {
      if (b.key) check(b.key, arity, false);
      check(b.value, arity, false);
      check(b.collection, arity, false);
    } else if (b.kind === 'every') {
      check(b.domain, arity, false);
      if (b.key) markSeen(b.key);
      markSeen(b.value);
      checkBody(b.body, arity);
    }
    else if (b.kind === 'block') checkBody(b.body, arity);
    for (const w of e.with) check(w.value, arity, false);
  }
}

export function checkCalls(body: Expr[], head: RuleHead | null, arity: FunctionArity, mocked: ReadonlySet<string> = new Set(), mode: CheckMode = { v1: false, strict: false }): void {
  mockedNow = mocked;
  modeNow = mode;
  varTypes = new Map();
  // function arguments are of any type (OPA declares user functions' arguments as any)
  for (const a of head?.args ?? []) markVars(a);
  checkBody(body, arity);
  if (head) {
    for (const t of [...head.ref.slice(1), ...(head.key ? [head.key] : []), ...(head.value ? [head.value] : [])]) check(t, arity, false);
  }
}

function markVars(t: Term): void {
  if (t.type === 'var') markSeen(t);
  else if (t.type === 'array' || t.type === 'set') t.items.forEach(markVars);
  else if (t.type === 'object') t.items.forEach(([k, v]) => (markVars(k), markVars(v)));
  else if (t.type === 'ref') (markVars(t.head), t.path.forEach(markVars));
}

/** The type of a rule's value (or function's result) as its body computes it: the body's variables are typed
 * as in checkCalls, then the head value. Null when unknown or when the body does not check (its own check
 * reports that). The checker's state is saved and restored: this runs while another rule is being checked. */
export function inferHeadType(rule: { body: Expr[]; head: RuleHead }, arity: FunctionArity, mode: CheckMode): string | null {
  if (!rule.head.value) return 'boolean';
  const saved = { varTypes, modeNow, mockedNow };
  try {
    modeNow = mode;
    varTypes = new Map();
    for (const a of rule.head.args ?? []) markVars(a);
    checkBody(rule.body, arity);
    check(rule.head.value, arity, false);
    return literalType(rule.head.value);
  } catch (e) {
    if (e instanceof RegoFailure) return null;
    throw e;
  } finally {
    ({ varTypes, modeNow, mockedNow } = saved);
  }
}
