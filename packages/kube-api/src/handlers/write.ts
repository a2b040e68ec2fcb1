// Writes through the Kubernetes API: the same validation as the admin API (@portico/api validateResource) and the
// same Store, with Kubernetes semantics on top — create refuses an existing object, update and patch check
// resourceVersion (409 Conflict), dryRun=All validates without storing, fieldValidation=Strict refuses unknown fields.
import { randomBytes } from 'node:crypto';
import { validateResource, type ResourceInput } from '@portico/api';
import type { ApplyPrecondition, Store } from '@portico/store';
import { badRequest, KubeError, methodNotAllowed, notFound, type StatusCause } from '../http/status.ts';
import { apiVersionOf, qualifiedResource, type ServedResource } from '../resources/catalog.ts';
import { toWire, type WireObject } from '../resources/objects.ts';
import { getObject, NAMESPACE_SCOPE } from '../resources/read.ts';
import { MANAGED_ANNOTATION } from '../patch/ownership.ts';
import { ownerReferencesOf, withOwnerReferences } from '../resources/owner-references.ts';

export interface WriteOptions {
  dryRun: boolean;
  /** Strict | Warn | Ignore (the query parameter); unknown fields refused under Strict, reported under Warn. */
  fieldValidation: string;
  /** Derived kinds (AuthConfig) may be written: the server's control plane runs elsewhere (KubeApiOptions.controller). */
  derivedWritable: boolean;
}

export interface WriteResult {
  object: WireObject;
  warnings: string[];
  created: boolean;
}

const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Checks the body names this resource, this namespace and (for update) this name; fills what it leaves out. */
export function checkIdentity(r: ServedResource, body: unknown, namespace: string | undefined, name: string | undefined): WireObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the request body must be a JSON or YAML object');
  const o = body as WireObject;
  o.apiVersion ??= apiVersionOf(r);
  o.kind ??= r.kind;
  if (o.kind !== r.kind || (o.apiVersion !== apiVersionOf(r) && !(r.def?.alsoAccepts ?? []).includes(o.apiVersion))) {
    throw badRequest(`the API version in the data (${o.apiVersion}) and kind (${o.kind}) do not match the resource ${qualifiedResource(r)} (${apiVersionOf(r)}, ${r.kind})`);
  }
  const metadata = (o.metadata ??= {} as WireObject['metadata']);
  if (typeof metadata !== 'object') throw badRequest('metadata must be an object');
  if (!metadata.name && typeof metadata.generateName === 'string' && name === undefined) metadata.name = `${metadata.generateName}${randomBytes(3).toString('hex').slice(0, 5)}`;
  if (name !== undefined && metadata.name !== undefined && metadata.name !== name) throw badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
  if (name !== undefined) metadata.name = name;
  if (r.namespaced) {
    if (metadata.namespace !== undefined && namespace !== undefined && metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (namespace !== undefined) metadata.namespace = namespace;
  }
  return o;
}

/** Validates a wire object into a store input, or throws the Kubernetes error naming each field and rule. */
export function validate(r: ServedResource, o: WireObject, fieldValidation: string, derivedWritable = false): { input: ResourceInput; warnings: string[] } {
  if (r.kind === 'Namespace') {
    const n = String(o.metadata.name ?? '');
    if (!NAMESPACE_NAME.test(n) || n.length > 63) throw invalid(r, n, [{ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: ${JSON.stringify(n)}: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-' (rule: RFC 1123 label)` }]);
    const m = o.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> };
    return { input: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, namespace: NAMESPACE_SCOPE, labels: m.labels ?? {}, annotations: m.annotations ?? {} }, spec: {} }, warnings: [] };
  }
  if (!r.def || (r.def.readOnly && !derivedWritable)) throw methodNotAllowed(`${qualifiedResource(r)} is derived by Portico and cannot be written; change the policy it comes from`);
  const v = validateResource(o, { allowReadOnly: derivedWritable });
  const warnings = v.warnings.map((w) => w.message);
  if (!v.ok) {
    if (v.code !== 'API_INVALID') throw badRequest(v.message);
    const causes = v.issues.map((i): StatusCause => ({ reason: i.rule === 'required' ? 'FieldValueRequired' : 'FieldValueInvalid', field: i.path, message: `${i.message} (rule: ${i.rule})` }));
    throw invalid(r, String(o.metadata.name ?? ''), causes);
  }
  // Strict refuses what Kubernetes' strict decoding refuses — unknown and duplicated fields; notes about accepted
  // fields Portico does not honour stay warnings (kubectl prints them).
  const undecodable = warnings.filter((w) => w.startsWith('unknown field ') || / duplicates "/.test(w));
  if (fieldValidation === 'Strict' && undecodable.length) throw badRequest(`strict decoding error: ${undecodable.map((w) => w.replace(/ ignored$/, '')).join(', ')}`);
  return { input: v.resource, warnings: fieldValidation === 'Ignore' ? [] : warnings };
}

export function invalid(r: ServedResource, name: string, causes: StatusCause[]): KubeError {
  const lines = causes.map((c) => `${c.field}: ${c.reason === 'FieldValueRequired' ? 'Required value' : 'Invalid value'}: ${c.message}`);
  const message = `${r.kind}.${r.group || 'core'} ${JSON.stringify(name)} is invalid: ${lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`}`;
  return new KubeError(422, 'Invalid', message, { name, group: r.group, kind: r.kind, causes });
}

export function conflict(r: ServedResource, name: string): KubeError {
  return new KubeError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(r)} ${JSON.stringify(name)}: the object has been modified; please apply your changes to the latest version and try again`, { name, group: r.group, kind: r.plural });
}

/** Validates and stores `o` under the precondition; answers the stored object (or, under dryRun, what would be). */
export async function persist(store: Store, r: ServedResource, o: WireObject, pre: ApplyPrecondition, opts: WriteOptions, afterWrite: () => Promise<unknown>): Promise<WriteResult> {
  const { input, warnings } = validate(r, o, opts.fieldValidation, opts.derivedWritable);
  const ns = input.metadata.namespace ?? NAMESPACE_SCOPE;
  const name = input.metadata.name;
  // ownerReferences as sent (a PUT without them removes them; a patch was applied to an object that shows them).
  const owned = ownerReferencesOf(o.metadata);
  if (owned.causes.length) throw invalid(r, name, owned.causes);
  input.metadata.annotations = withOwnerReferences(input.metadata.annotations, owned.refs);
  const current = await getObject(store, r, r.namespaced ? ns : undefined, name);
  if (pre.mode === 'create' && current && (r.def || current.metadata.uid?.startsWith('portico-namespace-') !== true)) {
    throw new KubeError(409, 'AlreadyExists', `${qualifiedResource(r)} ${JSON.stringify(name)} already exists`, { name, group: r.group, kind: r.plural });
  }
  if (pre.mode === 'update' && !current) throw notFound(qualifiedResource(r), name);
  if (pre.resourceVersion !== undefined && current && current.metadata.resourceVersion !== pre.resourceVersion) throw conflict(r, name);
  // Field owners (server-side apply) live in an annotation the wire does not show: a write that does not set them
  // keeps them.
  const owners = (await store.get(input.kind, ns, name))?.metadata.annotations?.[MANAGED_ANNOTATION];
  if (owners && !input.metadata.annotations?.[MANAGED_ANNOTATION]) input.metadata.annotations = { ...input.metadata.annotations, [MANAGED_ANNOTATION]: owners };
  if (opts.dryRun) {
    const now = new Date().toISOString();
    const m = (current?.metadata ?? {}) as Record<string, unknown>;
    const wire = toWire({
      ...input,
      spec: input.spec,
      metadata: { uid: String(m.uid ?? ''), generation: Number(m.generation ?? 1), resourceVersion: String(m.resourceVersion ?? ''), creationTimestamp: String(m.creationTimestamp ?? now), labels: input.metadata.labels ?? {}, annotations: input.metadata.annotations ?? {}, name, namespace: ns },
      status: current?.status,
    } as Parameters<typeof toWire>[0]);
    return { object: wire, warnings, created: !current };
  }
  const stored = await store.apply(input, pre);
  if (!stored.ok) {
    if (stored.code === 'STORE_ALREADY_EXISTS') throw new KubeError(409, 'AlreadyExists', `${qualifiedResource(r)} ${JSON.stringify(name)} already exists`, { name, group: r.group, kind: r.plural });
    if (stored.code === 'STORE_NOT_FOUND') throw notFound(qualifiedResource(r), name);
    if (stored.code === 'STORE_CONFLICT') throw conflict(r, name);
    throw new KubeError(500, 'InternalError', stored.message);
  }
  // A namespace a client wrote into stays after its last object goes, as in a cluster (kubectl looks it up after a 404).
  if (stored.action === 'created' && r.namespaced && !(await store.get('Namespace', NAMESPACE_SCOPE, ns))) {
    await store.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, namespace: NAMESPACE_SCOPE, labels: { 'kubernetes.io/metadata.name': ns }, annotations: {} }, spec: {} });
  }
  if (stored.action !== 'unchanged') await afterWrite();
  const after = await getObject(store, r, r.namespaced ? ns : undefined, name);
  return { object: after ?? toWire(stored.resource), warnings, created: stored.action === 'created' };
}
