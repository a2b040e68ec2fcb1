// OPA's checks on local variable declarations (rewriteDeclaredVarsInBody), always on: in one body, read in
// source order, a variable may be declared (`some x`, `some x in xs`) or assigned (`x := …`) once, and only
// before it is used; a `some` variable must be used. Comprehension and `every` bodies are scopes of their own,
// where `:=` and `some` may shadow outer variables.
import type { RegoError } from '../errors.ts';
import type { Expr, Module, Rule, Term, VarTerm } from '../ast/types.ts';
import { walkTerm } from '../ast/walk.ts';

const isLocal = (name: string) => name !== '_' && !name.startsWith('$') && !name.startsWith('__') && name !== 'input' && name !== 'data';

/** Vars an expression uses, outside nested closures (those are scopes of their own). */
function usedVars(e: Expr, out: Set<string>, closures: Expr[][]): void {
  const onTerm = (t: Term) => {
    if (t.type === 'var' && isLocal(t.name)) out.add(t.name);
    if (t.type === 'compr') closures.push(t.body);
  };
  const b = e.body;
  const walk = (t: Term) => walkTerm(t, onTerm, false);
  if (b.kind === 'term') walk(b.term);
  else if (b.kind === 'unify') (walk(b.left), walk(b.right));
  else if (b.kind === 'someIn') walk(b.collection);
  else if (b.kind === 'every') (walk(b.domain), closures.push(b.body));
  else if (b.kind === 'block') b.body.forEach((x) => usedVars(x, out, closures));
  e.with.forEach((w) => walk(w.value));
}

function varsOf(t: Term, out: VarTerm[]): void {
  walkTerm(t, (x) => x.type === 'var' && isLocal(x.name) && out.push(x), false);
}

/** All local var names used anywhere in a body, closures included (for "declared var x unused"). */
function allUses(es: Expr[], out: Set<string>): void {
  for (const e of es) {
    const closures: Expr[][] = [];
    const b = e.body;
    if (b.kind === 'someIn') {
      const vs: VarTerm[] = [];
      if (b.key) varsOf(b.key, vs);
      varsOf(b.value, vs);
      vs.forEach((v) => out.add(v.name));
    }
    if (b.kind === 'every') {
      if (b.key) out.add(b.key.name);
      out.add(b.value.name);
    }
    if (b.kind !== 'some') usedVars(e, out, closures);
    closures.forEach((c) => allUses(c, out));
  }
}

function checkScope(body: Expr[], errors: RegoError[], headUses: ReadonlySet<string> = new Set()): void {
  const seen = new Set<string>();
  const assigned = new Set<string>();
  const declared = new Set<string>();
  const plainSome = new Map<string, VarTerm>(); // `some x` without `in`: must be used
  const err = (v: VarTerm, msg: string) => errors.push({ code: 'rego_compile_error', message: msg, location: v.loc });
  const declare = (v: VarTerm, how: 'declared' | 'assigned') => {
    if (assigned.has(v.name)) err(v, `var ${v.name} assigned above`);
    else if (declared.has(v.name)) err(v, `var ${v.name} declared above`);
    else if (seen.has(v.name)) err(v, `var ${v.name} referenced above`);
    (how === 'assigned' ? assigned : declared).add(v.name);
  };
  body.forEach((e) => {
    const b = e.body;
    const closures: Expr[][] = [];
    if (b.kind === 'some') b.vars.filter((v) => isLocal(v.name)).forEach((v) => (declare(v, 'declared'), plainSome.set(v.name, v)));
    else if (b.kind === 'someIn') {
      const vs: VarTerm[] = [];
      if (b.key) varsOf(b.key, vs);
      varsOf(b.value, vs);
      usedVars(e, seen, closures);
      vs.forEach((v) => declare(v, 'declared'));
    } else if (b.kind === 'unify' && b.assign) {
      const vs: VarTerm[] = [];
      varsOf(b.left, vs);
      usedVars({ ...e, body: { kind: 'term', term: b.right } }, seen, closures);
      vs.forEach((v) => declare(v, 'assigned'));
    } else usedVars(e, seen, closures);
    closures.forEach((c) => checkScope(c, errors));
  });
  if (plainSome.size) {
    const used = new Set<string>(headUses);
    allUses(body.filter((e) => e.body.kind !== 'some'), used);
    for (const [name, v] of plainSome) if (!used.has(name)) err(v, `declared var ${name} unused`);
  }
}

export function checkDeclarations(m: Module): RegoError[] {
  const errors: RegoError[] = [];
  const rule = (r: Rule) => {
    // head vars (args, keys, values) count as uses of the body's declarations
    const headUses = new Set<string>();
    const h = r.head;
    for (const t of [...h.ref.slice(1), ...(h.args ?? []), ...(h.key ? [h.key] : []), ...(h.value ? [h.value] : [])]) walkTerm(t, (x) => x.type === 'var' && headUses.add(x.name), true);
    checkScope(r.body, errors, headUses);
    if (r.elseRule) rule(r.elseRule);
  };
  m.rules.forEach(rule);
  return errors;
}
