// The `with` modifier: evaluates one expression in a child evaluator whose input, data or functions are
// replaced. The child has a fresh rule cache (values computed under `with` never leak out); the
// continuation runs back in the parent, so the rest of the body sees the original documents.
import { fail } from '../errors.ts';
import type { CallTerm, Expr, Term } from '../ast/types.ts';
import type { Value } from '../value/index.ts';
import { nodeAt } from '../compiler/ruletree.ts';
import { builtinDecl } from '../compiler/typecheck.ts';
import { setPath } from './lookup.ts';
import { callUserFunction } from './docs.ts';
import type { Evaluator, Frame, K, VK } from './evaluator.ts';

export type Mock = (ev: Evaluator, t: CallTerm, args: Value[], f: Frame, k: VK) => boolean;

function staticPath(t: Term): { head: string; path: string[] } | null {
  const head = t.type === 'ref' ? t.head : t;
  if (head.type !== 'var') return null;
  const path: string[] = [];
  for (const p of t.type === 'ref' ? t.path : []) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return null;
    path.push(p.value);
  }
  return { head: head.name, path };
}

/** A function-valued replacement (`with f as g`), or null when the replacement is a plain value. */
function functionMock(ev: Evaluator, value: Term): Mock | null {
  const sp = staticPath(value);
  if (!sp || (value.type === 'var' && value.slot >= 0)) return null;
  if (sp.head === 'data') {
    const node = nodeAt(ev.root, sp.path, false);
    // the replacement runs without any mocks: it can call the original and never another mock (OPA)
    if (node && node.funcs.length)
      return (e, t, args, _f, k) => {
        const c = e.child();
        c.mocks = null;
        return callUserFunction(c, sp.path, args, t.loc, k);
      };
    return null;
  }
  if (sp.head === 'input') return null;
  const name = [sp.head, ...sp.path].join('.');
  if (!builtinDecl(name)) return null;
  return (e, t, args, f, k) => e.callBuiltin(name, t, args, f, k);
}

export function evalWith(ev: Evaluator, e: Expr, f: Frame, k: K): boolean {
  const mods = e.with;
  const values: Value[] = [];
  const rec = (i: number): boolean => {
    if (i < mods.length) {
      const fm = functionMock(ev, mods[i].value);
      if (fm) {
        values[i] = null;
        return rec(i + 1);
      }
      // first value of the replacement
      let got = false;
      ev.evalTerm(mods[i].value, f, (v) => {
        values[i] = v;
        got = true;
        return true;
      });
      return got ? rec(i + 1) : false;
    }
    const child = ev.child();
    for (let j = 0; j < mods.length; j++) apply(ev, child, mods[j].target, mods[j].value, values[j]);
    return child.evalExprNoWith(e, f, k);
  };
  return rec(0);
}

function apply(parent: Evaluator, child: Evaluator, target: Term, valueTerm: Term, value: Value): void {
  const sp = staticPath(target);
  if (!sp) fail('rego_type_error', 'with keyword target must be a reference', target.loc);
  const fm = functionMock(parent, valueTerm);
  const mockValue: Mock = (_e, _t, _args, _f, k) => k(value);
  if (sp.head === 'input') {
    child.input = setPath(child.input, sp.path, value);
    return;
  }
  if (sp.head === 'data') {
    const node = nodeAt(parent.root, sp.path, false);
    if (node && node.funcs.length) {
      child.mocks = new Map(child.mocks ?? []).set('data.' + sp.path.join('.'), fm ?? mockValue);
      return;
    }
    child.data = setPath(child.data, sp.path, value);
    const masked = new Set(child.masked ?? []);
    for (let i = 1; i <= sp.path.length; i++) {
      // only the target node and everything below it lose their rules
      if (i === sp.path.length) masked.add(sp.path.slice(0, i).join('\u0000'));
    }
    child.masked = masked;
    return;
  }
  const name = [sp.head, ...sp.path].join('.');
  child.mocks = new Map(child.mocks ?? []).set(name, fm ?? mockValue);
}
