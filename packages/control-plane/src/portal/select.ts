// ObjectSelector matching for Portal.apis and PortalGroup.accessLevel.apis (gloo-api.md §5.3): every set
// field must match; `[{}]` (an empty selector) selects every route table.
import type { ObjectSelector } from '@portico/api';

interface Selectable {
  metadata: { name: string; namespace: string; labels: Record<string, string> };
}

export function selects(selectors: readonly ObjectSelector[], t: Selectable): boolean {
  return selectors.some(
    (s) =>
      (!s.name || s.name === t.metadata.name) &&
      (!s.namespace || s.namespace === t.metadata.namespace) &&
      Object.entries(s.labels ?? {}).every(([k, v]) => t.metadata.labels[k] === v),
  );
}

export function labelsMatch(required: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(required ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
