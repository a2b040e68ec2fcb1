// Kubernetes wire objects ↔ Portico's Resource: the same fields, with the metadata the API server assigns made total
// (the store contract promises labels, annotations and a generation on every resource).
import type { Resource, ResourceInput } from '@portico/api';
import type { KubernetesObject } from '@kubernetes/client-node';

type Wire = KubernetesObject & { spec?: unknown; status?: unknown; data?: Record<string, string>; type?: string };

export function fromWire(o: KubernetesObject): Resource {
  const w = o as Wire;
  const m = w.metadata ?? {};
  const r: Resource = {
    apiVersion: w.apiVersion!,
    kind: w.kind!,
    metadata: {
      name: m.name!,
      namespace: m.namespace ?? '',
      uid: m.uid ?? '',
      resourceVersion: m.resourceVersion ?? '0',
      generation: m.generation ?? 1,
      creationTimestamp: m.creationTimestamp ? new Date(m.creationTimestamp).toISOString() : new Date(0).toISOString(),
      labels: m.labels ?? {},
      annotations: m.annotations ?? {},
    },
    spec: w.spec,
  } as Resource;
  if (w.status !== undefined) r.status = w.status;
  if (w.data !== undefined) r.data = w.data;
  if (w.type !== undefined) r.type = w.type;
  return r;
}

/** What is written: the input's body, never a status (that goes through /status). */
export function toWire(r: ResourceInput, resourceVersion?: string): KubernetesObject & Record<string, unknown> {
  const { status: _status, ...body } = r;
  return { ...body, metadata: { ...r.metadata, ...(resourceVersion ? { resourceVersion } : {}) } };
}
