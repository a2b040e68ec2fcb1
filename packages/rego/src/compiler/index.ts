// The compiler: named stages in order (OPA's compile.go keeps the same list shape).
//  1. index    — rule paths and the rule tree (needed by resolve to know the package's rule names)
//  2. resolve  — slots for locals, globals → refs, call targets (needs the index)
//  3. check    — call arity, unknown/unsupported functions (needs resolved targets)
//  4. safety   — reorder bodies, report unsafe vars (needs arity to know output arguments)
//  5. heads    — head variables must be bound by the body
//  6. recursion — rules and functions must not depend on themselves (needs resolved refs and calls)
import { fail, RegoFailure, type RegoError } from '../errors.ts';
import type { CallTerm, Expr, Module, Query, Rule, Term } from '../ast/types.ts';
import { Resolver, type Globals } from './resolve.ts';
import { reorderBody, type SafetyInfo } from './safety.ts';
import { newNode, nodeAt, markRules, type RuleNode } from './ruletree.ts';
import { checkCalls, type CheckMode, type FunctionArity } from './typecheck.ts';
import { checkModuleTypes } from './types/world.ts';
import { checkRecursion } from './recursion.ts';
import { AnnotationSet } from './annotations.ts';
import { checkModuleStrictness } from './strict.ts';
import { checkDeclarations } from './declarations.ts';
import { schemaBindings } from './schemas.ts';
import { fromJSON } from '../value/index.ts';
import { walkExpr, walkTerm } from '../ast/walk.ts';

export interface CompiledPolicy {
  readonly root: RuleNode;
  readonly modules: readonly Module[];
  readonly globals: Globals;
  readonly arity: FunctionArity;
  readonly mocked: ReadonlySet<string>;
  readonly strict: boolean;
}

function groundPrefix(rule: Rule): void {
  const ref = rule.head.ref;
  const first = ref[0];
  const path = [...rule.module.pkg, first.type === 'var' ? first.name : String((first as { value: unknown }).value)];
  let i = 1;
  for (; i < ref.length; i++) {
    const t = ref[i];
    if (t.type !== 'scalar' || typeof t.value !== 'string') break;
    path.push(t.value);
  }
  rule.path = path;
  rule.rest = ref.slice(i);
}

// Function args that are not patterns (templates, calls, refs) become a fresh var plus an equality in the
// body, which the safety pass places after whatever binds the term's variables (OPA does the same).
function rewriteFunctionArgs(rule: Rule): void {
  const args = rule.head.args;
  if (!args) return;
  args.forEach((a, i) => {
    if (a.type !== 'template' && a.type !== 'call' && a.type !== 'ref') return;
    const v: Term = { type: 'var', name: `__funarg${i}__`, slot: -1, loc: a.loc };
    args[i] = v;
    rule.body = [{ negated: false, with: [], loc: a.loc, body: { kind: 'unify', left: v, right: a, assign: false } }, ...rule.body];
  });
}

// Rule conflicts OPA reports at compile time: different rule kinds at one path, several defaults.
function checkConflicts(node: RuleNode): void {
  const where = 'data.' + node.path.join('.');
  const values = node.rules.filter((r) => r.kind !== 'function');
  const kinds = new Set(values.map((r) => (r.kind === 'multi' ? 'multi' : r.rest.length ? 'object' : 'complete')));
  if (kinds.size > 1 || (values.length && node.funcs.some((f) => f.head.args!.length > 0))) {
    fail('rego_type_error', `conflicting rules ${where} found`, (values[0] ?? node.funcs[0]).loc);
  }
  const defaults = [...values, ...node.funcs].filter((r) => r.isDefault);
  if (defaults.length > 1) fail('rego_type_error', `multiple default rules ${where} found`, defaults[1].loc);
  for (const c of node.children.values()) checkConflicts(c);
}

function forEachRule(modules: readonly Module[], fn: (r: Rule) => void): void {
  for (const m of modules) for (const r of m.rules) for (let x: Rule | null = r; x; x = x.elseRule) fn(x);
}

export interface CompileFlags {
  /** Strict mode (OPA's --strict): unused imports and variables are errors, as are deprecated built-ins. */
  strict?: boolean;
  /** JSON schemas: 'input' for input, other names for `schema.<name>` in `schemas` annotations. */
  schemas?: Record<string, unknown>;
  /** false: the `input` schema applies only where annotations name it. */
  inputSchemaEverywhere?: boolean;
}

export function compileModules(modules: Module[], mocked: ReadonlySet<string> = new Set(), flags: CompileFlags = {}): CompiledPolicy {
  // 0. v1 and strict-mode checks on the modules as written
  const early = modules.flatMap((m) => [...checkDeclarations(m), ...checkModuleStrictness(m, flags.strict === true)]);
  if (early.length) throw new RegoFailure(early);
  // 1. index
  const root = newNode([]);
  const rulesByPkg = new Map<string, Set<string>>();
  const funcPaths = new Set<string>();
  for (const m of modules) {
    const pkgNode = nodeAt(root, m.pkg, true)!;
    pkgNode.isPackage = true;
    markRules(root, m.pkg); // packages are documents even when empty
    for (let i = 1; i <= m.pkg.length; i++) nodeAt(root, m.pkg.slice(0, i), true)!.isPackage = true;
    const key = m.pkg.join('\u0000');
    if (!rulesByPkg.has(key)) rulesByPkg.set(key, new Set());
    for (const r of m.rules) {
      for (let x: Rule | null = r; x; x = x.elseRule) (groundPrefix(x), rewriteFunctionArgs(x));
      const name = r.head.ref[0];
      if (name.type === 'var') rulesByPkg.get(key)!.add(name.name);
      const node = nodeAt(root, r.path, true)!;
      if (r.kind === 'function') {
        node.funcs.push(r);
        // zero-argument functions are also documents (`f() = 1` shows up in data as f: 1)
        if (r.head.args!.length === 0) node.rules.push(r);
        funcPaths.add(r.path.join('\u0000'));
      } else node.rules.push(r);
      markRules(root, r.path);
    }
  }
  checkConflicts(root);
  const annotationErrors: RegoError[] = [];
  const annotations = new AnnotationSet(modules, annotationErrors);
  // schemas in force per rule: given ones (`opa check -s`) and `schemas` annotations
  const ruleSchemas = schemaBindings(modules, flags.schemas, annotationErrors, { globalInput: flags.inputSchemaEverywhere });
  if (annotationErrors.length) throw new RegoFailure(annotationErrors);
  const globals: Globals = { rulesByPkg, funcPaths };
  const arity: FunctionArity = new Map();
  for (const m of modules) for (const r of m.rules) if (r.kind === 'function') arity.set(r.path.join('.'), r.head.args!.length);

  const errors: RegoError[] = [];
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof RegoFailure) errors.push(...e.errors);
      else throw e;
    }
  };
  // 2. resolution of every rule first: types of rule values are inferred from other rules' resolved bodies
  const resolvers = new Map<Rule, Resolver>();
  forEachRule(modules, (rule) =>
    guard(() => {
      const res = new Resolver(rule.module, globals);
      res.resolveRule(rule);
      // the resolver rebuilt the head ref; the non-ground remainder must point at the resolved terms
      rule.rest = rule.head.ref.slice(rule.head.ref.length - rule.rest.length);
      resolvers.set(rule, res);
    }),
  );
  const modeOf = (rule: Rule): CheckMode => ({ v1: rule.module.v1, strict: flags.strict === true });
  // 3–5 per rule
  forEachRule(modules, (rule) =>
    guard(() => {
      const res = resolvers.get(rule);
      if (!res) return;
      checkCalls(rule.body, rule.head, arity, mocked, modeOf(rule));
      attachMetadata(rule, annotations);
      const info = safetyInfo(res, arity);
      const bound = new Set<number>();
      for (const a of rule.head.args ?? []) collectVars(a, bound);
      rule.body = reorderBody(rule.body, bound, info);
      checkHead(rule, bound, info, res.slotNames);
      rule.slots = res.slots;
    }),
  );
  if (errors.length) throw new RegoFailure(errors);
  // 6. recursion (needs resolved refs and call targets)
  checkRecursion(root, modules);
  // 7. types (needs the bodies in safe order, and no recursion)
  const typeErrors = checkModuleTypes(modules, { schemas: ruleSchemas });
  if (typeErrors.length) throw new RegoFailure(typeErrors);
  return { root, modules, globals, arity, mocked, strict: flags.strict === true };
}

// rego.metadata.rule() and chain() are constants per rule: OPA's compiler replaces the calls with the values.
function attachMetadata(rule: Rule, annotations: AnnotationSet): void {
  const onTerm = (t: Term): void => {
    if (t.type !== 'call' || t.target?.kind !== 'builtin' || !t.target.name.startsWith('rego.metadata.')) return;
    t.meta = fromJSON(t.target.name === 'rego.metadata.rule' ? annotations.rule(rule) : annotations.chain(rule));
  };
  rule.body.forEach((e) => walkExpr(e, onTerm));
  if (rule.head.value) walkTerm(rule.head.value, onTerm, true);
}

export function safetyInfo(res: Resolver, arity: FunctionArity): SafetyInfo {
  return {
    locals: res.locals,
    slotNames: res.slotNames,
    outputArg: (t: Term) => t.type === 'call' && (t as CallTerm & { outArg?: boolean }).outArg === true,
  };
  void arity;
}

function collectVars(t: Term, out: Set<number>): void {
  walkTerm(t, (x) => {
    if (x.type === 'var' && x.slot >= 0) out.add(x.slot);
  });
}

function checkHead(rule: Rule, bodyBound: Set<number>, info: SafetyInfo, names: string[]): void {
  // every var the body can bind
  const bound = new Set(bodyBound);
  const walk = (es: Expr[]) => {
    for (const e of es) {
      if (e.negated) continue;
      const b = e.body;
      if (b.kind === 'term') collectVars(b.term, bound);
      else if (b.kind === 'unify') (collectVars(b.left, bound), collectVars(b.right, bound));
      else if (b.kind === 'someIn') {
        if (b.key) collectVars(b.key, bound);
        collectVars(b.value, bound);
        collectVars(b.collection, bound);
      }
    }
  };
  walk(rule.body);
  const terms = [...rule.rest, ...(rule.head.key ? [rule.head.key] : []), ...(rule.head.value ? [rule.head.value] : [])];
  for (const t of terms) {
    const vs = new Set<number>();
    headVars(t, vs, info);
    for (const s of vs) {
      if (!bound.has(s)) fail('rego_unsafe_var_error', `var ${names[s]} is unsafe`, rule.loc);
    }
  }
}

function headVars(t: Term, out: Set<number>, info: SafetyInfo): void {
  if (t.type === 'compr') return; // closures are checked by the safety pass
  if (t.type === 'var') {
    if (t.slot >= 0 && !t.name.startsWith('$_')) out.add(t.slot);
    return;
  }
  if (t.type === 'array' || t.type === 'set') t.items.forEach((i) => headVars(i, out, info));
  else if (t.type === 'object') t.items.forEach(([k, v]) => (headVars(k, out, info), headVars(v, out, info)));
  else if (t.type === 'ref') (headVars(t.head, out, info), t.path.forEach((p) => headVars(p, out, info)));
  else if (t.type === 'call') t.args.forEach((a) => headVars(a, out, info));
}

export function compileQuery(body: Expr[], policy: CompiledPolicy, pkg: string[] = [], v1 = false): Query {
  const res = new Resolver(null, policy.globals, pkg);
  const { body: resolved, scope } = res.resolveQuery(body);
  checkCalls(resolved, null, policy.arity, policy.mocked, { v1, strict: policy.strict });
  const info = safetyInfo(res, policy.arity);
  const ordered = reorderBody(resolved, new Set(), info);
  const varNames = new Map<string, number>();
  for (const [name, slot] of scope) if (!name.startsWith('$')) varNames.set(name, slot);
  return { body: ordered, slots: res.slots, varNames };
}

export { nodeAt };
export type { RuleNode };
