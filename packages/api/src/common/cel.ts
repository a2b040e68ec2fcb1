// CEL admission rules kept as data: each rule is checked by its TypeScript predicate at validation time and
// emitted verbatim as `x-kubernetes-validations` when CRDs are generated, so there is one definition of each rule.
import type { z } from 'zod';

export interface CelRule<T> {
  /** The CEL expression, as Gloo's CRD carries it. */
  rule: string;
  /** The message, quoted exactly (gloo-api.md §1.1, §1.7). */
  message: string;
  /** Field path the error is reported on, relative to the object the rule sits on. */
  path?: (string | number)[];
  /** true when the object satisfies the rule. */
  check: (self: T) => boolean;
}

/** Adds one issue per broken rule; the rule text travels in `params.rule`. */
export function checkCelRules<T>(rules: readonly CelRule<T>[], self: T, ctx: z.RefinementCtx<T>): void {
  for (const r of rules) {
    if (!r.check(self)) {
      ctx.addIssue({ code: 'custom', message: r.message, path: r.path ?? [], params: { rule: r.rule } });
    }
  }
}

/** CEL `has(x)` on a list or map field: present and non-empty (an empty list is what an unset field decodes to). */
export function has(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}
