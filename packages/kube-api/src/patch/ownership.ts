// Server-side apply's field ownership, kept small: each apply manager owns the leaf fields (lists are atomic) of
// its last applied configuration. Applying a field another manager owns with a different value is a 409 Conflict
// naming the field and the manager, unless `force` takes it over; a field a manager applied before and leaves out
// now is removed, unless another manager owns it. Owners are kept in one annotation, shown as metadata.managedFields.
import { KubeError, type StatusCause } from '../http/status.ts';
import type { WireObject } from '../resources/objects.ts';
import { applyMerge } from './merge.ts';

export const MANAGED_ANNOTATION = 'apply.portico.solo.io/managed-fields';
type Owners = Record<string, string[][]>;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function ownersOf(annotations: Record<string, string> | undefined): Owners {
  try {
    const o = JSON.parse(annotations?.[MANAGED_ANNOTATION] ?? '{}') as unknown;
    return isObject(o) ? (o as Owners) : {};
  } catch {
    return {};
  }
}

function leaves(v: unknown, prefix: string[], out: string[][]): string[][] {
  if (isObject(v) && Object.keys(v).length) for (const [k, x] of Object.entries(v)) leaves(x, [...prefix, k], out);
  else out.push(prefix);
  return out;
}

/** The fields an applied configuration sets: its body and its labels and annotations (not name, kind, …). */
function appliedFields(o: WireObject): string[][] {
  const out: string[][] = [];
  for (const [k, v] of Object.entries(o)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k)) leaves(v, [k], out);
  for (const k of ['labels', 'annotations'] as const) if (isObject(o.metadata[k])) leaves(o.metadata[k], ['metadata', k], out);
  return out.filter((p) => p.join('.') !== `metadata.annotations.${MANAGED_ANNOTATION}`);
}

const at = (o: unknown, p: string[]) => p.reduce<unknown>((cur, k) => (isObject(cur) ? cur[k] : undefined), o);
const overlaps = (a: string[], b: string[]) => a.slice(0, b.length).join('\0') === b.slice(0, a.length).join('\0');
const fieldName = (p: string[]) => `.${p.join('.')}`;

function removeAt(o: unknown, p: string[]): void {
  const parent = at(o, p.slice(0, -1));
  if (isObject(parent)) delete parent[p.at(-1)!];
}

/** The object after `manager` applies `applied` to `current` (with `owners` from the stored annotation). */
export function serverSideApply(current: WireObject | undefined, owners: Owners, applied: WireObject, manager: string, force: boolean): WireObject {
  const fields = appliedFields(applied);
  const causes: StatusCause[] = [];
  for (const [other, owned] of Object.entries(owners)) {
    if (other === manager) continue;
    const contested = fields.filter((f) => owned.some((p) => overlaps(p, f)) && JSON.stringify(at(current, f)) !== JSON.stringify(at(applied, f)));
    if (force) owners[other] = owned.filter((p) => !contested.some((f) => overlaps(p, f)));
    else causes.push(...contested.map((f) => ({ reason: 'FieldManagerConflict', message: `conflict with "${other}"`, field: fieldName(f) })));
  }
  if (causes.length) {
    throw new KubeError(409, 'Conflict', `Apply failed with ${causes.length} conflict${causes.length > 1 ? 's' : ''}: ${causes.map((c) => `${c.message}: ${c.field}`).join(', ')}`, { causes });
  }
  const merged = applyMerge(current ?? {}, applied) as WireObject;
  for (const p of owners[manager] ?? []) {
    const kept = fields.some((f) => overlaps(f, p)) || Object.entries(owners).some(([m, owned]) => m !== manager && owned.some((q) => overlaps(q, p)));
    if (!kept) removeAt(merged, p);
  }
  owners[manager] = fields;
  merged.metadata = { ...merged.metadata, annotations: { ...((merged.metadata.annotations as Record<string, string> | undefined) ?? {}), [MANAGED_ANNOTATION]: JSON.stringify(owners) } };
  return merged;
}

/** metadata.managedFields as the API server shows it (FieldsV1 `f:` keys). */
export function managedFields(owners: Owners, apiVersion: string): Record<string, unknown>[] {
  return Object.entries(owners).map(([manager, paths]) => {
    const fieldsV1: Record<string, unknown> = {};
    for (const p of paths) {
      let node = fieldsV1;
      for (const k of p) node = (node[`f:${k}`] ??= {}) as Record<string, unknown>;
    }
    return { manager, operation: 'Apply', apiVersion, fieldsType: 'FieldsV1', fieldsV1 };
  });
}
