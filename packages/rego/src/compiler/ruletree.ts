// The rule tree: rules indexed by the ground prefix of their data path (package + head ref up to the
// first non-string term), OPA's RuleTree. Evaluation of `data.a.b` walks it alongside base data.
import type { Rule } from '../ast/types.ts';

export interface RuleNode {
  readonly key: string;
  readonly path: readonly string[];
  readonly children: Map<string, RuleNode>;
  /** Value rules whose ground path ends here (complete, multi-value, and object-building ref heads). */
  readonly rules: Rule[];
  readonly funcs: Rule[];
  /** Packages exist as (possibly empty) objects even without any defined rule. */
  isPackage: boolean;
  /** Rules exist at or below this node. */
  hasRules: boolean;
}

export function newNode(path: readonly string[]): RuleNode {
  return { key: path.join('\u0000'), path, children: new Map(), rules: [], funcs: [], isPackage: false, hasRules: false };
}

export function nodeAt(root: RuleNode, path: readonly string[], create: boolean): RuleNode | undefined {
  let n = root;
  for (let i = 0; i < path.length; i++) {
    let c = n.children.get(path[i]);
    if (!c) {
      if (!create) return undefined;
      c = newNode(path.slice(0, i + 1));
      n.children.set(path[i], c);
    }
    n = c;
  }
  return n;
}

export function markRules(root: RuleNode, path: readonly string[]): void {
  let n = root;
  n.hasRules = true;
  for (const s of path) {
    n = n.children.get(s)!;
    n.hasRules = true;
  }
}
