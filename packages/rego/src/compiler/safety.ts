// Safety and reordering (OPA's checkSafety/reorderBodyForSafety): every variable must be bound before it
// is read. Expressions are reordered greedily — the first expression whose inputs are bound goes next —
// so `x > 1; x = 5` evaluates as `x = 5; x > 1`. Variables nothing can bind are reported as unsafe.
import { fail } from '../errors.ts';
import type { Expr, Term, ComprTerm } from '../ast/types.ts';
import { walkTerm } from '../ast/walk.ts';

export interface SafetyInfo {
  locals: Map<object, Set<number>>;
  slotNames: string[];
  /** number of args of each function call target name, used to spot output arguments */
  outputArg(call: Term): boolean;
}

interface Vars {
  input: Set<number>; // must be bound before
  gen: Set<number>; // bound by evaluating the term (ref keys)
  pat: Set<number>; // bound only by unification with the other side
}

function empty(): Vars {
  return { input: new Set(), gen: new Set(), pat: new Set() };
}

function closure(t: object, info: SafetyInfo, inner: Iterable<Term>, bodies: Expr[][], out: Set<number>): void {
  const locals = info.locals.get(t) ?? new Set();
  const all = new Set<number>();
  for (const term of inner) collectAll(term, all, info);
  for (const b of bodies) for (const e of b) exprAll(e, all, info);
  for (const s of all) if (!locals.has(s)) out.add(s);
}

function exprAll(e: Expr, out: Set<number>, info: SafetyInfo): void {
  const b = e.body;
  if (b.kind === 'term') collectAll(b.term, out, info);
  else if (b.kind === 'unify') (collectAll(b.left, out, info), collectAll(b.right, out, info));
  else if (b.kind === 'someIn') {
    if (b.key) collectAll(b.key, out, info);
    collectAll(b.value, out, info);
    collectAll(b.collection, out, info);
  } else if (b.kind === 'every') {
    closure(b, info, [b.domain], [b.body], out);
    collectAll(b.domain, out, info);
  } else if (b.kind === 'block') closure(b, info, [], [b.body], out);
  else if (b.kind === 'some') b.vars.forEach((v) => out.add(v.slot));
  for (const w of e.with) collectAll(w.value, out, info);
}

function collectAll(t: Term, out: Set<number>, info: SafetyInfo): void {
  switch (t.type) {
    case 'var':
      if (t.slot >= 0) out.add(t.slot);
      return;
    case 'ref':
      collectAll(t.head, out, info);
      t.path.forEach((p) => collectAll(p, out, info));
      return;
    case 'array':
    case 'set':
      t.items.forEach((i) => collectAll(i, out, info));
      return;
    case 'object':
      t.items.forEach(([k, v]) => (collectAll(k, out, info), collectAll(v, out, info)));
      return;
    case 'call':
      t.args.forEach((a) => collectAll(a, out, info));
      return;
    case 'template':
      t.parts.forEach((p) => typeof p !== 'string' && collectAll(p, out, info));
      return;
    case 'compr':
      closure(t, info, [...(t.key ? [t.key] : []), t.value], [t.body], out);
      return;
  }
}

function classify(t: Term, mode: 'in' | 'gen' | 'pat', v: Vars, info: SafetyInfo): void {
  switch (t.type) {
    case 'scalar':
      return;
    case 'var':
      if (t.slot < 0) return;
      (mode === 'in' ? v.input : mode === 'gen' ? v.gen : v.pat).add(t.slot);
      return;
    case 'ref':
      classify(t.head, 'in', v, info);
      for (const p of t.path) classify(p, p.type === 'ref' || p.type === 'call' ? 'in' : 'gen', v, info);
      return;
    case 'array':
      t.items.forEach((i) => classify(i, mode, v, info));
      return;
    case 'set':
      t.items.forEach((i) => classify(i, mode === 'pat' ? 'in' : mode, v, info));
      return;
    case 'object':
      t.items.forEach(([k, x]) => (classify(k, mode === 'pat' ? 'in' : mode, v, info), classify(x, mode, v, info)));
      return;
    case 'call':
      t.args.forEach((a) => classify(a, 'in', v, info));
      return;
    case 'template':
      t.parts.forEach((p) => typeof p !== 'string' && classify(p, 'in', v, info));
      return;
    case 'compr':
      closure(t as ComprTerm, info, [...(t.key ? [t.key] : []), t.value], [t.body], v.input);
      return;
  }
}

function subset(a: Set<number>, bound: Set<number>): boolean {
  for (const x of a) if (!bound.has(x)) return false;
  return true;
}

function unifyReady(a: Term, b: Term, bound: Set<number>, info: SafetyInfo): boolean {
  const va = empty();
  const vb = empty();
  classify(a, 'pat', va, info);
  classify(b, 'pat', vb, info);
  if (!subset(va.input, bound) || !subset(vb.input, bound)) return false;
  if (subset(va.pat, bound) || subset(vb.pat, bound)) return true;
  if (a.type === 'array' && b.type === 'array' && a.items.length === b.items.length) {
    // element by element, later pairs may use vars bound by earlier ones
    const nb = new Set(bound);
    const pending = a.items.map((x, i) => [x, b.items[i]] as const);
    let progress = true;
    while (pending.length && progress) {
      progress = false;
      for (let i = 0; i < pending.length; i++) {
        if (unifyReady(pending[i][0], pending[i][1], nb, info)) {
          bindAll(pending[i][0], nb, info);
          bindAll(pending[i][1], nb, info);
          pending.splice(i--, 1);
          progress = true;
        }
      }
    }
    return pending.length === 0;
  }
  if (a.type === 'object' && b.type === 'object' && a.items.length === b.items.length) {
    return a.items.every(([k, x]) => {
      const m = b.items.find(([k2]) => k2.type === 'scalar' && k.type === 'scalar' && k2.value === k.value);
      return m !== undefined && unifyReady(x, m[1], bound, info);
    });
  }
  return false;
}

function bindAll(t: Term, bound: Set<number>, info: SafetyInfo): void {
  const v = empty();
  classify(t, 'pat', v, info);
  for (const s of [...v.gen, ...v.pat]) bound.add(s);
}

function analyze(e: Expr, bound: Set<number>, info: SafetyInfo): { ready: boolean; binds: Set<number>; needs: Set<number> } {
  const v = empty();
  const b = e.body;
  const binds = new Set<number>();
  let ready: boolean;
  for (const w of e.with) {
    classify(w.value, 'in', v, info);
    classify(w.target, 'in', v, info);
  }
  if (e.negated) {
    const all = new Set<number>();
    exprAll(e, all, info);
    for (const s of all) if (!info.slotNames[s]?.startsWith('$_')) v.input.add(s);
    return { ready: subset(v.input, bound), binds, needs: v.input };
  }
  switch (b.kind) {
    case 'some':
      return { ready: true, binds, needs: v.input };
    case 'block':
      closure(b, info, [], [b.body], v.input);
      return { ready: subset(v.input, bound), binds, needs: v.input };
    case 'term': {
      const t = b.term;
      if (t.type === 'call' && info.outputArg(t)) {
        t.args.slice(0, -1).forEach((a) => classify(a, 'in', v, info));
        classify(t.args[t.args.length - 1], 'pat', v, info);
      } else classify(t, 'in', v, info);
      // `foo == xs[foo]`: the ref binds foo, so it is not needed beforehand
      ready = [...v.input].every((s) => bound.has(s) || v.gen.has(s));
      break;
    }
    case 'unify':
      ready = subset(v.input, bound) && unifyReady(b.left, b.right, bound, info);
      classify(b.left, 'pat', v, info);
      classify(b.right, 'pat', v, info);
      break;
    case 'someIn':
      classify(b.collection, 'in', v, info);
      if (b.key) classify(b.key, 'pat', v, info);
      classify(b.value, 'pat', v, info);
      ready = subset(v.input, bound);
      break;
    case 'every':
      classify(b.domain, 'in', v, info);
      closure(b, info, [], [b.body], v.input);
      ready = subset(v.input, bound);
      break;
  }
  for (const s of v.gen) binds.add(s);
  for (const s of v.pat) binds.add(s);
  return { ready, binds, needs: v.input };
}

/** Reorders `body` in place for safety; `bound` holds the slots bound on entry. Recurses into closures. */
export function reorderBody(body: Expr[], bound: Set<number>, info: SafetyInfo): Expr[] {
  const pending = [...body];
  const out: Expr[] = [];
  const b = new Set(bound);
  while (pending.length) {
    let idx = -1;
    for (let i = 0; i < pending.length; i++) {
      if (analyze(pending[i], b, info).ready) {
        idx = i;
        break;
      }
    }
    if (idx < 0) {
      // Report a var that nothing in the body can bind; otherwise keep the written order.
      const canBind = new Set(b);
      for (const e of pending) for (const s of analyze(e, b, info).binds) canBind.add(s);
      for (const e of pending) {
        const a = analyze(e, canBind, info);
        for (const s of a.needs) {
          if (!canBind.has(s)) fail('rego_unsafe_var_error', `var ${displayName(info.slotNames[s])} is unsafe`, e.loc);
        }
      }
      idx = 0;
    }
    const e = pending.splice(idx, 1)[0];
    e.det = isDet(e, b);
    for (const s of analyze(e, b, info).binds) b.add(s);
    out.push(e);
    reorderNested(e, b, info);
  }
  return out;
}

function displayName(n: string | undefined): string {
  return n?.startsWith('$_') ? '_' : (n ?? '?');
}

function reorderNested(e: Expr, bound: Set<number>, info: SafetyInfo): void {
  const visit = (t: Term): void => {
    switch (t.type) {
      case 'ref':
        visit(t.head);
        t.path.forEach(visit);
        return;
      case 'array':
      case 'set':
        t.items.forEach(visit);
        return;
      case 'object':
        t.items.forEach(([k, v]) => (visit(k), visit(v)));
        return;
      case 'call':
        t.args.forEach(visit);
        return;
      case 'template':
        t.parts.forEach((p) => typeof p !== 'string' && visit(p));
        return;
      case 'compr': {
        const nb = new Set(bound);
        t.body = reorderBody(t.body, nb, info);
        const inner = new Set(nb);
        for (const x of t.body) for (const s of analyze(x, inner, info).binds) inner.add(s);
        for (const ht of t.key ? [t.key, t.value] : [t.value]) {
          const v = empty();
          classify(ht, 'pat', v, info);
          for (const s of [...v.input, ...v.pat]) {
            if (!inner.has(s)) fail('rego_unsafe_var_error', `var ${displayName(info.slotNames[s])} is unsafe`, t.loc);
          }
          visit(ht);
        }
        return;
      }
    }
  };
  const b = e.body;
  if (b.kind === 'term') visit(b.term);
  else if (b.kind === 'unify') (visit(b.left), visit(b.right));
  else if (b.kind === 'someIn') visit(b.collection);
  else if (b.kind === 'block') b.body = reorderBody(b.body, new Set(bound), info);
  else if (b.kind === 'every') {
    visit(b.domain);
    const nb = new Set(bound);
    if (b.key) nb.add(b.key.slot);
    nb.add(b.value.slot);
    b.body = reorderBody(b.body, nb, info);
  }
  for (const w of e.with) visit(w.value);
}

/** Deterministic: evaluating the expression can bind variables but never enumerates (no unbound ref keys). */
function isDet(e: Expr, bound: Set<number>): boolean {
  if (e.with.length > 0) return false;
  if (e.negated) return true;
  const b = e.body;
  switch (b.kind) {
    case 'some':
    case 'block':
    case 'every':
      return true;
    case 'someIn':
      return false;
    case 'term':
      return detTerm(b.term, bound);
    case 'unify':
      return detTerm(b.left, bound) && detTerm(b.right, bound);
  }
}

function allBound(t: Term, bound: Set<number>): boolean {
  const vs = new Set<number>();
  collectPlain(t, vs);
  for (const s of vs) if (!bound.has(s)) return false;
  return true;
}

function collectPlain(t: Term, out: Set<number>): void {
  walkTerm(t, (x) => {
    if (x.type === 'var' && x.slot >= 0) out.add(x.slot);
  });
}

function detTerm(t: Term, bound: Set<number>): boolean {
  switch (t.type) {
    case 'ref':
      return detTerm(t.head, bound) && t.path.every((p) => p.type === 'scalar' || (allBound(p, bound) && detTerm(p, bound)));
    case 'call':
      return !(t.target?.kind === 'builtin' && t.target.name === 'walk') && t.args.every((a) => detTerm(a, bound));
    case 'array':
    case 'set':
      return t.items.every((i) => detTerm(i, bound));
    case 'object':
      return t.items.every(([k, v]) => detTerm(k, bound) && detTerm(v, bound));
    case 'template':
      return t.parts.every((p) => typeof p === 'string' || detTerm(p, bound));
    default:
      return true;
  }
}
