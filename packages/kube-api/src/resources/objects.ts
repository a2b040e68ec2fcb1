// Stored resources ↔ Kubernetes wire objects. The store keeps Portico's Resource; the wire adds nothing but
// drops empty label/annotation maps (as the API server does) and gives cluster-scoped objects no namespace.
import type { Resource } from '@portico/api';
import type { StoreEvent } from '@portico/store';
import { MANAGED_ANNOTATION, managedFields, ownersOf } from '../patch/ownership.ts';
import { OWNERS_ANNOTATION, storedOwnerReferences } from './owner-references.ts';

export type WireObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string; namespace?: string; resourceVersion?: string; uid?: string; labels?: Record<string, string> };
};

export function toWire(r: Resource): WireObject {
  const m = r.metadata;
  const { [MANAGED_ANNOTATION]: managed, [OWNERS_ANNOTATION]: owners, ...annotations } = m.annotations ?? {};
  const ownerReferences = owners ? storedOwnerReferences({ [OWNERS_ANNOTATION]: owners }) : [];
  const metadata: WireObject['metadata'] = {
    name: m.name,
    ...(m.namespace ? { namespace: m.namespace } : {}),
    uid: m.uid,
    resourceVersion: m.resourceVersion,
    ...(r.kind === 'Namespace' ? {} : { generation: m.generation }),
    creationTimestamp: m.creationTimestamp,
    ...(Object.keys(m.labels ?? {}).length ? { labels: m.labels } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
    ...(ownerReferences.length ? { ownerReferences } : {}),
    ...(managed ? { managedFields: managedFields(ownersOf({ [MANAGED_ANNOTATION]: managed }), r.apiVersion) } : {}),
  };
  const out: WireObject = { apiVersion: r.apiVersion, kind: r.kind, metadata };
  if (r.kind === 'Namespace') return { ...out, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
  if (r.data !== undefined || r.spec === undefined) {
    out.data = r.data ?? {};
    if (r.type !== undefined) out.type = r.type;
  } else out.spec = r.spec;
  if (r.status !== undefined && r.status !== null) out.status = r.status;
  return out;
}

/** A namespace that holds resources but was never created explicitly still exists, as in a cluster's `default`;
 *  it is as old as its oldest object. */
export function impliedNamespace(name: string, revision: number, creationTimestamp: string): WireObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: `portico-namespace-${name}`, resourceVersion: String(revision), creationTimestamp, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** A store event as a core v1 Event about `owner`. */
export function toEvent(e: StoreEvent, owner: Resource, index: number): WireObject {
  const ns = owner.metadata.namespace;
  const stamp = Date.parse(e.firstTimestamp).toString(16);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${owner.metadata.name}.${stamp}${index.toString(16).padStart(2, '0')}`, namespace: ns, uid: `${owner.metadata.uid}-event-${index}`, resourceVersion: owner.metadata.resourceVersion, creationTimestamp: e.firstTimestamp },
    involvedObject: {
      kind: owner.kind,
      namespace: ns,
      name: owner.metadata.name,
      uid: owner.metadata.uid,
      apiVersion: owner.apiVersion,
      resourceVersion: owner.metadata.resourceVersion,
    },
    reason: e.reason,
    message: e.message,
    source: { component: 'portico' },
    firstTimestamp: e.firstTimestamp,
    lastTimestamp: e.lastTimestamp,
    count: e.count,
    type: e.type,
    eventTime: null,
    reportingComponent: 'portico',
    reportingInstance: '',
  };
}

/** Reads a dotted field path (`metadata.name`, `involvedObject.kind`) for field selectors. */
export function fieldValue(obj: unknown, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? undefined : typeof cur === 'string' ? cur : JSON.stringify(cur);
}
