// Backstage's naming rules (npm @backstage/catalog-model KubernetesValidatorFunctions / makeValidator):
// entity names match ^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$ with at most 63 characters; tags match
// ^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$ with at most 63. Solo's plugin lower-cases both (since v0.0.36) but can leave a
// trailing separator ("v1 " -> "v1-"), which the catalog then rejects; these functions never do.
import { KubernetesValidatorFunctions } from '@backstage/catalog-model';

const MAX = 63;

function trimTo(s: string, edge: RegExp): string {
  let out = s.replace(edge, '');
  if (out.length > MAX) out = out.slice(0, MAX).replace(edge, '');
  return out;
}

/** A valid entity name for `raw`, or '' when nothing usable is left. */
export function sanitizeEntityName(raw: string): string {
  const s = raw.toLowerCase().replace(/[^a-z0-9\-_.]+/g, '-').replace(/-{2,}/g, '-');
  const out = trimTo(s, /^[^a-z0-9]+|[^a-z0-9]+$/g);
  return KubernetesValidatorFunctions.isValidObjectName(out) ? out : '';
}

/** A valid tag for `raw`, or '' when nothing usable is left. */
export function sanitizeTag(raw: string): string {
  const s = raw.toLowerCase().replace(/[^a-z0-9:+#]+/g, '-').replace(/-{2,}/g, '-');
  return trimTo(s, /^-+|-+$/g);
}

export function isValidEntityName(name: string): boolean {
  return KubernetesValidatorFunctions.isValidObjectName(name);
}
