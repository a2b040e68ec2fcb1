// coordination.k8s.io/v1 Lease, for leader election among controller replicas (docs/kubernetes.md). Leases are
// coordination state, not configuration: they live in this process's memory (a restarted server forgets them, and
// electors simply acquire again), outside the Store and its change log — so no watch, as leader election needs none.
// Writes are optimistic: an update naming an older resourceVersion is a 409 Conflict, as in kube-apiserver.
import { randomUUID } from 'node:crypto';
import type { ServedResource } from './catalog.ts';
import { badRequest, KubeError, notFound } from '../http/status.ts';

export const LEASE: ServedResource = {
  group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', singular: 'lease', shortNames: [],
  namespaced: true, verbs: ['create', 'delete', 'get', 'list', 'update'], status: false,
};

export interface LeaseObject {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: { name: string; namespace: string; uid: string; resourceVersion: string; creationTimestamp: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

const SPEC_FIELDS: Record<string, 'string' | 'integer'> = { holderIdentity: 'string', leaseDurationSeconds: 'integer', acquireTime: 'string', renewTime: 'string', leaseTransitions: 'integer', strategy: 'string', preferredHolder: 'string' };

export class LeaseTable {
  readonly #leases = new Map<string, LeaseObject>();
  #version = 0;

  get(namespace: string, name: string): LeaseObject {
    const l = this.#leases.get(`${namespace}/${name}`);
    if (!l) throw notFound('leases.coordination.k8s.io', name);
    return l;
  }

  list(namespace: string | undefined): Record<string, unknown> {
    const items = [...this.#leases.values()].filter((l) => namespace === undefined || l.metadata.namespace === namespace);
    return { apiVersion: 'coordination.k8s.io/v1', kind: 'LeaseList', metadata: { resourceVersion: String(this.#version) }, items };
  }

  create(namespace: string, body: unknown): LeaseObject {
    const { name, spec, meta } = checked(body, namespace, undefined);
    if (this.#leases.has(`${namespace}/${name}`)) throw new KubeError(409, 'AlreadyExists', `leases.coordination.k8s.io ${JSON.stringify(name)} already exists`, { kind: 'leases', group: 'coordination.k8s.io', name });
    return this.#store({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { ...meta, name, namespace, uid: randomUUID(), resourceVersion: '', creationTimestamp: new Date().toISOString() }, spec });
  }

  update(namespace: string, name: string, body: unknown): LeaseObject {
    const current = this.get(namespace, name);
    const { spec, meta, resourceVersion } = checked(body, namespace, name);
    if (resourceVersion !== undefined && resourceVersion !== current.metadata.resourceVersion) {
      throw new KubeError(409, 'Conflict', `Operation cannot be fulfilled on leases.coordination.k8s.io ${JSON.stringify(name)}: the object has been modified; please apply your changes to the latest version and try again`, { kind: 'leases', group: 'coordination.k8s.io', name });
    }
    return this.#store({ ...current, metadata: { ...current.metadata, ...meta }, spec });
  }

  delete(namespace: string, name: string): LeaseObject {
    const l = this.get(namespace, name);
    this.#leases.delete(`${namespace}/${name}`);
    return l;
  }

  #store(l: LeaseObject): LeaseObject {
    const stored = { ...l, metadata: { ...l.metadata, resourceVersion: String(++this.#version) } };
    this.#leases.set(`${stored.metadata.namespace}/${stored.metadata.name}`, stored);
    return stored;
  }
}

function checked(body: unknown, namespace: string, name: string | undefined): { name: string; spec: Record<string, unknown>; meta: { labels?: Record<string, string>; annotations?: Record<string, string> }; resourceVersion?: string } {
  const o = body as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown; resourceVersion?: unknown; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } | null;
  if (!o || typeof o !== 'object') throw badRequest('a Lease must be a JSON object');
  if (o.kind !== undefined && o.kind !== 'Lease') throw badRequest(`kind: expected Lease, got ${JSON.stringify(o.kind)}`);
  if (o.apiVersion !== undefined && o.apiVersion !== 'coordination.k8s.io/v1') throw badRequest(`apiVersion: expected coordination.k8s.io/v1, got ${JSON.stringify(o.apiVersion)}`);
  const n = o.metadata?.name;
  if (typeof n !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n)) throw new KubeError(422, 'Invalid', `Lease.coordination.k8s.io ${JSON.stringify(n ?? '')} is invalid: metadata.name: Invalid value: must be a DNS subdomain`);
  if (name !== undefined && n !== name) throw badRequest(`the name of the object (${n}) does not match the name on the URL (${name})`);
  if (o.metadata?.namespace !== undefined && o.metadata.namespace !== namespace) throw badRequest(`the namespace of the provided object (${String(o.metadata.namespace)}) does not match the namespace sent on the request (${namespace})`);
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  if (typeof spec !== 'object' || Array.isArray(spec)) throw badRequest('spec: must be an object');
  for (const [k, v] of Object.entries(spec)) {
    const type = SPEC_FIELDS[k];
    if (!type) throw new KubeError(422, 'Invalid', `Lease.coordination.k8s.io ${JSON.stringify(n)} is invalid: spec.${k}: unknown field`);
    if (v === null) continue;
    if (type === 'integer' ? !Number.isInteger(v) || (v as number) < 0 : typeof v !== 'string') throw new KubeError(422, 'Invalid', `Lease.coordination.k8s.io ${JSON.stringify(n)} is invalid: spec.${k}: must be ${type === 'integer' ? 'a non-negative integer' : 'a string'}`);
  }
  if (spec.leaseDurationSeconds === 0) throw new KubeError(422, 'Invalid', `Lease.coordination.k8s.io ${JSON.stringify(n)} is invalid: spec.leaseDurationSeconds: must be greater than 0`);
  const rv = o.metadata?.resourceVersion;
  return { name: n, spec, meta: { ...(o.metadata?.labels ? { labels: o.metadata.labels } : {}), ...(o.metadata?.annotations ? { annotations: o.metadata.annotations } : {}) }, ...(typeof rv === 'string' && rv ? { resourceVersion: rv } : {}) };
}
