// Recursion check (OPA's checkRecursion): a rule or function that depends on itself, directly or through
// other rules, is a compile error. Dependencies are the rule-tree nodes a rule's refs and calls reach;
// refs that stop above any rule (e.g. `data.pkg[x]`) are not followed, so dynamic lookups are not flagged.
import { fail } from '../errors.ts';
import type { Module, Rule, Term } from '../ast/types.ts';
import { walkExpr, walkTerm } from '../ast/walk.ts';
import type { RuleNode } from './ruletree.ts';

function target(root: RuleNode, t: Term): RuleNode | null {
  if (t.type === 'call' && t.target?.kind === 'func') {
    let n: RuleNode | undefined = root;
    for (const s of t.target.path) n = n?.children.get(s);
    return n ?? null;
  }
  if (t.type !== 'ref' || t.head.type !== 'var' || t.head.name !== 'data' || t.head.slot >= 0) return null;
  let n = root;
  let found: RuleNode | null = null;
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') break;
    const c = n.children.get(p.value);
    if (!c) break;
    n = c;
    if (n.rules.length || n.funcs.length) {
      found = n;
      break;
    }
  }
  return found;
}

export function checkRecursion(root: RuleNode, modules: readonly Module[]): void {
  const deps = new Map<RuleNode, Set<RuleNode>>();
  const at = (path: readonly string[]) => {
    let n: RuleNode | undefined = root;
    for (const s of path) n = n?.children.get(s);
    return n;
  };
  for (const m of modules) {
    for (const top of m.rules) {
      for (let r: Rule | null = top; r; r = r.elseRule) {
        const node = at(r.path);
        if (!node) continue;
        const set = deps.get(node) ?? new Set();
        deps.set(node, set);
        const onTerm = (t: Term) => {
          const d = target(root, t);
          if (d) set.add(d);
        };
        r.body.forEach((e) => walkExpr(e, onTerm));
        for (const t of [...r.rest, ...(r.head.key ? [r.head.key] : []), ...(r.head.value ? [r.head.value] : [])]) walkTerm(t, onTerm, true);
      }
    }
  }
  const state = new Map<RuleNode, 1 | 2>();
  const stack: RuleNode[] = [];
  const visit = (n: RuleNode): void => {
    state.set(n, 1);
    stack.push(n);
    for (const d of deps.get(n) ?? []) {
      if (state.get(d) === 1) {
        const cycle = [...stack.slice(stack.indexOf(d)), d].map((x) => 'data.' + x.path.join('.'));
        const rule = (d.rules[0] ?? d.funcs[0])!;
        fail('rego_recursion_error', `rule ${cycle[0]} is recursive: ${cycle.join(' -> ')}`, rule.loc);
      }
      if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of deps.keys()) if (!state.has(n)) visit(n);
}
