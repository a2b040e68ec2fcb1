// An API version's schema: the ApiDocs' OpenAPI documents (JSON or YAML inline strings) merged, then
// stitched to the table's routes. Errors use Gloo's portal-server messages (gloo-api.md §5.4).
import type { ApiDocSpec, Resource } from '@portico/api';
import type { RouteConfig } from '@portico/gateway';
import { parse as parseYaml } from 'yaml';
import { stitchSchema } from './stitch.ts';

export type SchemaResult = { schema: Record<string, unknown>; error: null } | { schema: null; error: string };

export function buildSchema(docs: readonly Resource<ApiDocSpec>[], routes: readonly RouteConfig[]): SchemaResult {
  const openapi = docs.filter((d) => d.spec.openapi?.inlineString);
  if (openapi.length === 0) return { schema: null, error: 'Missing stitched schema for route table' };
  let merged: Record<string, unknown> | null = null;
  for (const d of openapi) {
    let parsed: unknown;
    try {
      parsed = parseYaml(d.spec.openapi!.inlineString); // YAML is a superset of JSON
    } catch {
      return { schema: null, error: 'Error unmarshalling openAPI spec' };
    }
    if (!parsed || typeof parsed !== 'object' || (!('openapi' in parsed) && !('swagger' in parsed))) {
      return { schema: null, error: 'Stitched schema associated with route table is not an openAPI schema' };
    }
    const doc = parsed as Record<string, unknown>;
    merged = merged === null ? doc : mergeDocs(merged, doc);
  }
  return { schema: stitchSchema(merged!, routes), error: null };
}

/** Later documents add paths and components the earlier ones do not define. */
function mergeDocs(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const paths = { ...(b.paths as object), ...(a.paths as object) };
  const ca = (a.components ?? {}) as Record<string, Record<string, unknown>>;
  const cb = (b.components ?? {}) as Record<string, Record<string, unknown>>;
  const components: Record<string, Record<string, unknown>> = {};
  for (const k of new Set([...Object.keys(ca), ...Object.keys(cb)])) components[k] = { ...cb[k], ...ca[k] };
  return { ...a, paths, components };
}

/** Why an ApiDoc's OpenAPI document cannot be served (its status message), or null. */
export function apiDocProblem(spec: ApiDocSpec): string | null {
  if (!spec.openapi?.inlineString) return null;
  let parsed: unknown;
  try {
    parsed = parseYaml(spec.openapi.inlineString);
  } catch (err) {
    return `openapi.inlineString: Error unmarshalling openAPI spec: ${(err as Error).message.split('\n')[0]}`;
  }
  if (!parsed || typeof parsed !== 'object' || (!('openapi' in parsed) && !('swagger' in parsed))) {
    return 'openapi.inlineString: not an OpenAPI document (no openapi or swagger field)';
  }
  return null;
}
