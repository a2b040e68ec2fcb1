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

/** The annotation the control plane puts on what it derives (AuthConfig from ExtAuthPolicy, ApiDoc from
 *  ApiSchemaDiscovery): `Kind/namespace/name` of the source (control-plane's DERIVED_FROM_ANNOTATION). */
export const DERIVED_FROM = 'portico.dev/derived-from';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

/** A derived resource is owned by its source, so the cluster's garbage collector deletes it with the source. */
export function ownerReferencesFor(r: ResourceInput, lookup: (key: string) => Resource | undefined): OwnerReference[] {
  const from = r.metadata.annotations?.[DERIVED_FROM];
  const owner = from ? lookup(from) : undefined;
  if (!owner || !owner.metadata.uid || owner.metadata.namespace !== (r.metadata.namespace ?? owner.metadata.namespace)) return [];
  return [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: false }];
}

/** What is written: the input's body, never a status (that goes through /status). */
export function toWire(r: ResourceInput, resourceVersion?: string, ownerReferences: OwnerReference[] = []): KubernetesObject & Record<string, unknown> {
  const { status: _status, ...body } = r;
  return { ...body, metadata: { ...r.metadata, ...(resourceVersion ? { resourceVersion } : {}), ...(ownerReferences.length ? { ownerReferences } : {}) } };
}
