// Tree-style matching exactly as envoyproxy/ratelimit's GetLimit: walk the request descriptor's entries down
// the tree, preferring an exact key+value child over a key-only ("any value") child — the most specific
// match wins — and take the limit only when the last entry lands on a node. A request descriptor longer or
// shorter than the configured path gets no limit.
import type { CompiledDomain, CompiledRule } from '../config/compile.ts';
import { treeKey } from '../config/compile.ts';
import type { DescriptorEntry } from './types.ts';

export function matchTree(domain: CompiledDomain, entries: readonly DescriptorEntry[]): CompiledRule | null {
  let level = domain.tree;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const node = level.get(treeKey(e.key, e.value)) ?? level.get(e.key);
    if (!node) return null;
    if (i === entries.length - 1) return node.rule;
    if (node.children.size === 0) return null;
    level = node.children;
  }
  return null;
}
