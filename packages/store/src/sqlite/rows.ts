// Conversion between stored rows and Resource objects, and the canonical JSON used to decide whether a spec
// changed (key order in the user's YAML must not bump generation).
import type { Resource, ResourceInput } from '@portico/api';

export interface ResourceRow {
  kind: string;
  namespace: string;
  name: string;
  api_version: string;
  uid: string;
  generation: number;
  resource_version: number;
  creation_timestamp: string;
  labels: string;
  annotations: string;
  body: string;
  status: string | null;
}

/** JSON with object keys sorted, so equal values always serialise equally. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** The part of a resource whose change bumps generation: spec, or data + type for ConfigMap/Secret. */
export function bodyOf(r: ResourceInput): string {
  if (r.spec !== undefined) return canonicalJson({ spec: r.spec });
  return canonicalJson({ data: r.data ?? {}, ...(r.type !== undefined ? { type: r.type } : {}) });
}

export function rowToResource(row: ResourceRow): Resource {
  const body = JSON.parse(row.body) as { spec?: unknown; data?: Record<string, string>; type?: string };
  const r = {
    apiVersion: row.api_version,
    kind: row.kind,
    metadata: {
      name: row.name,
      namespace: row.namespace,
      uid: row.uid,
      generation: Number(row.generation),
      resourceVersion: String(row.resource_version),
      creationTimestamp: row.creation_timestamp,
      labels: JSON.parse(row.labels) as Record<string, string>,
      annotations: JSON.parse(row.annotations) as Record<string, string>,
    },
    ...body,
  } as Resource;
  if (row.status !== null) r.status = JSON.parse(row.status);
  return r;
}
