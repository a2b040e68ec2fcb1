// Generic AST traversal: calls `onTerm` for a term and every term inside it; comprehension bodies and
// nested expression bodies are entered only when `intoBodies` is set.
import type { Expr, Term } from './types.ts';

export function walkTerm(t: Term, onTerm: (t: Term) => void, intoBodies = false): void {
  onTerm(t);
  const next = (x: Term) => walkTerm(x, onTerm, intoBodies);
  switch (t.type) {
    case 'ref':
      next(t.head);
      t.path.forEach(next);
      return;
    case 'array':
    case 'set':
      t.items.forEach(next);
      return;
    case 'object':
      t.items.forEach(([k, v]) => (next(k), next(v)));
      return;
    case 'call':
      t.args.forEach(next);
      return;
    case 'template':
      t.parts.forEach((p) => typeof p !== 'string' && next(p));
      return;
    case 'compr':
      if (!intoBodies) return;
      if (t.key) next(t.key);
      next(t.value);
      t.body.forEach((e) => walkExpr(e, onTerm));
      return;
  }
}

/** Every term of an expression, nested bodies included. */
export function walkExpr(e: Expr, onTerm: (t: Term) => void): void {
  const b = e.body;
  const next = (x: Term) => walkTerm(x, onTerm, true);
  if (b.kind === 'term') next(b.term);
  else if (b.kind === 'unify') (next(b.left), next(b.right));
  else if (b.kind === 'someIn') {
    if (b.key) next(b.key);
    next(b.value);
    next(b.collection);
  } else if (b.kind === 'every') {
    next(b.domain);
    b.body.forEach((x) => walkExpr(x, onTerm));
  } else if (b.kind === 'block') b.body.forEach((x) => walkExpr(x, onTerm));
  e.with.forEach((w) => next(w.value));
}
