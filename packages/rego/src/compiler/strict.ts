// Compile-time checks of Rego v1 and of strict mode (OPA's compiler with Strict: true), on the parsed modules
// before name resolution:
//  v1 modules (and v0 with `import rego.v1`) and strict mode: duplicate imports, `input`/`data` as variable names;
//  strict mode only: unused imports, assigned (`:=`) variables never used.
// Deprecated built-ins are checked with the other call checks (typecheck.ts).
import type { RegoError } from '../errors.ts';
import type { Expr, Import, Module, Rule, Term, VarTerm } from '../ast/types.ts';
import { walkExpr, walkTerm } from '../ast/walk.ts';

function importName(i: Import): string | null {
  if (i.path.type !== 'ref' || i.path.head.type !== 'var') return i.path.type === 'var' ? i.path.name : null;
  const root = i.path.head.name;
  if (root === 'future' || (root === 'rego' && i.path.path.length === 1)) return null; // keyword imports
  if (i.alias) return i.alias;
  const last = i.path.path[i.path.path.length - 1];
  return last && last.type === 'scalar' && typeof last.value === 'string' ? last.value : root;
}

function importText(i: Import): string {
  const t = i.path;
  if (t.type !== 'ref' || t.head.type !== 'var') return t.type === 'var' ? t.name : '?';
  return t.head.name + t.path.map((s) => (s.type === 'scalar' && typeof s.value === 'string' ? `.${s.value}` : '[…]')).join('');
}

function ruleTerms(r: Rule): Term[] {
  const h = r.head;
  return [...h.ref.slice(1), ...(h.args ?? []), ...(h.key ? [h.key] : []), ...(h.value ? [h.value] : [])];
}

function forEachRule(m: Module, fn: (r: Rule) => void): void {
  for (const r of m.rules) for (let x: Rule | null = r; x; x = x.elseRule) fn(x);
}

/** Occurrences of every variable name in a rule (head and body, closures included). */
function varCounts(r: Rule): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (t: Term) => {
    if (t.type === 'var') counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  };
  ruleTerms(r).forEach((t) => walkTerm(t, count, true));
  r.body.forEach((e) => walkExpr(e, count));
  // `some x` declarations are not terms of walkExpr
  const some = (es: Expr[]) => {
    for (const e of es) {
      if (e.body.kind === 'some') e.body.vars.forEach(count);
      if (e.body.kind === 'every' || e.body.kind === 'block') some(e.body.body);
    }
  };
  some(r.body);
  return counts;
}

const isUserVar = (v: VarTerm) => v.name !== '_' && !v.name.startsWith('$') && !v.name.startsWith('__');

/** Variables an expression declares: the left side of `:=`, or the names after `some` (without `in`); unused
 * `some` variables are errors even without strict mode (declarations.ts). */
function declared(es: Expr[], out: { v: VarTerm; kind: 'assigned' | 'declared' }[]): void {
  for (const e of es) {
    const b = e.body;
    if (b.kind === 'unify' && b.assign) walkTerm(b.left, (t) => t.type === 'var' && isUserVar(t) && out.push({ v: t, kind: 'assigned' }));
    else if (b.kind === 'some') b.vars.forEach((v) => isUserVar(v) && out.push({ v, kind: 'declared' }));
    else if (b.kind === 'block' || b.kind === 'every') declared(b.body, out);
  }
}

export function checkModuleStrictness(m: Module, strict: boolean): RegoError[] {
  const errors: RegoError[] = [];
  if (!m.v1 && !strict) return errors;
  // duplicate imports
  const seen = new Map<string, Import>();
  for (const i of m.imports) {
    const name = importName(i);
    if (name === null) continue;
    const prev = seen.get(name);
    if (prev) errors.push({ code: 'rego_compile_error', message: `import must not shadow import ${importText(prev)}`, location: i.loc });
    else seen.set(name, i);
  }
  // `input` and `data` are root documents, never rule names or variables
  for (const r of m.rules) {
    const name = r.head.ref[0];
    if (name.type === 'var' && (name.name === 'input' || name.name === 'data'))
      errors.push({ code: 'rego_compile_error', message: `rules must not shadow ${name.name} (use a different rule name)`, location: r.loc });
  }
  forEachRule(m, (r) => {
    const decls: { v: VarTerm; kind: 'assigned' | 'declared' }[] = [];
    declared(r.body, decls);
    for (const { v } of decls) {
      if (v.name === 'input' || v.name === 'data') errors.push({ code: 'rego_compile_error', message: `variables must not shadow ${v.name} (use a different variable name)`, location: v.loc });
    }
    if (!strict) return;
    const counts = varCounts(r);
    for (const { v, kind } of decls) {
      if (v.name === 'input' || v.name === 'data' || kind === 'declared') continue;
      if ((counts.get(v.name) ?? 0) <= 1) errors.push({ code: 'rego_compile_error', message: `${kind} var ${v.name} unused`, location: v.loc });
    }
  });
  if (strict) {
    const used = new Set<string>();
    forEachRule(m, (r) => {
      for (const [name] of varCounts(r)) used.add(name);
    });
    for (const [name, i] of seen) if (!used.has(name)) errors.push({ code: 'rego_compile_error', message: `import ${importText(i)} unused`, location: i.loc });
  }
  return errors;
}
