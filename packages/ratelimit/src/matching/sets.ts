// Set-style matching (Gloo's `setDescriptors`): a rule matches when every one of its simple descriptors is
// present in the request descriptor (same key, and the same value when the rule names one), in any order.
// Of the matching rules the most specific — the one with the most simple descriptors, first on a tie —
// applies; rules with alwaysApply apply whenever they match.
import type { CompiledDomain, CompiledSetRule } from '../config/compile.ts';
import type { DescriptorEntry } from './types.ts';

export interface SetMatch {
  rule: CompiledSetRule;
  /** The request's values for the rule's keys, in rule order: one bucket per distinct combination. */
  bucket: DescriptorEntry[];
}

export function matchSets(domain: CompiledDomain, entries: readonly DescriptorEntry[]): SetMatch[] {
  const out: SetMatch[] = [];
  let best: SetMatch | null = null;
  for (const rule of domain.sets) {
    const bucket = matchOne(rule, entries);
    if (!bucket) continue;
    if (rule.rule.alwaysApply) out.push({ rule, bucket });
    else if (!best || rule.simpleDescriptors.length > best.rule.simpleDescriptors.length) best = { rule, bucket };
  }
  if (best) out.push(best);
  return out;
}

function matchOne(rule: CompiledSetRule, entries: readonly DescriptorEntry[]): DescriptorEntry[] | null {
  const bucket: DescriptorEntry[] = [];
  for (const sd of rule.simpleDescriptors) {
    const hit = entries.find((e) => e.key === sd.key && (sd.value === null || e.value === sd.value));
    if (!hit) return null;
    bucket.push(hit);
  }
  return bucket;
}
