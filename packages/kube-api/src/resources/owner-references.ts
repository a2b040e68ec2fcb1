// metadata.ownerReferences, kept as a kube-apiserver keeps them: validated on every write (apiVersion, kind, name and
// uid required; at most one controller), replaced by a PUT, carried over by a patch (patches apply to the wire object,
// which shows them). The Store's metadata has no such field, so they ride in one annotation the wire does not show
// (as server-side apply's owners do, patch/ownership.ts).
import type { StatusCause } from '../http/status.ts';

export const OWNERS_ANNOTATION = 'kube.portico.solo.io/owner-references';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

const REQUIRED = ['apiVersion', 'kind', 'name', 'uid'] as const;

/** The owner references a client sent, or the causes of a 422 naming each bad field. */
export function ownerReferencesOf(metadata: Record<string, unknown>): { refs: OwnerReference[]; causes: StatusCause[] } {
  const raw = metadata.ownerReferences;
  if (raw === undefined || raw === null) return { refs: [], causes: [] };
  if (!Array.isArray(raw)) return { refs: [], causes: [{ reason: 'FieldValueInvalid', field: 'metadata.ownerReferences', message: 'must be a list (rule: list)' }] };
  const refs: OwnerReference[] = [];
  const causes: StatusCause[] = [];
  raw.forEach((o: unknown, i) => {
    const at = `metadata.ownerReferences[${i}]`;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return void causes.push({ reason: 'FieldValueInvalid', field: at, message: 'must be an object (rule: object)' });
    const r = o as Record<string, unknown>;
    for (const k of REQUIRED) if (typeof r[k] !== 'string' || r[k] === '') causes.push({ reason: 'FieldValueRequired', field: `${at}.${k}`, message: `${k} must not be empty (rule: required)` });
    for (const k of ['controller', 'blockOwnerDeletion'] as const) if (r[k] !== undefined && typeof r[k] !== 'boolean') causes.push({ reason: 'FieldValueInvalid', field: `${at}.${k}`, message: 'must be a boolean (rule: boolean)' });
    if (r.kind === 'List') causes.push({ reason: 'FieldValueInvalid', field: `${at}.kind`, message: 'an object cannot be owned by a List (rule: owner kind)' });
    const ref: OwnerReference = { apiVersion: String(r.apiVersion), kind: String(r.kind), name: String(r.name), uid: String(r.uid) };
    if (typeof r.controller === 'boolean') ref.controller = r.controller;
    if (typeof r.blockOwnerDeletion === 'boolean') ref.blockOwnerDeletion = r.blockOwnerDeletion;
    refs.push(ref);
  });
  const controllers = refs.filter((r) => r.controller === true);
  if (controllers.length > 1) {
    causes.push({ reason: 'FieldValueInvalid', field: 'metadata.ownerReferences', message: `Only one reference can have Controller set to true. Found "true" in references for ${controllers.map((c) => `${c.kind}/${c.name}`).join(' and ')} (rule: one controller)` });
  }
  return { refs, causes };
}

/** The stored annotations with the owner references set (or removed when there are none). */
export function withOwnerReferences(annotations: Record<string, string> | undefined, refs: readonly OwnerReference[]): Record<string, string> {
  const { [OWNERS_ANNOTATION]: _old, ...rest } = annotations ?? {};
  return refs.length ? { ...rest, [OWNERS_ANNOTATION]: JSON.stringify(refs) } : rest;
}

/** The owner references kept in the stored annotations. */
export function storedOwnerReferences(annotations: Record<string, string> | undefined): OwnerReference[] {
  const raw = annotations?.[OWNERS_ANNOTATION];
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? (v as OwnerReference[]) : [];
  } catch {
    return [];
  }
}
