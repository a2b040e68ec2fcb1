// "No silent ignores" (issue 12), applied once for every kind after all stages ran: a resource that sets a field
// its kind's registry (KindDefinition.fields) lists as `unsupported` goes from ACCEPTED to WARNING with the field
// named; `ignored` fields are named in the message without changing the approval.
import { kindDefinition, unhonouredFields, type FieldNote, type GlooStatus, type KindDefinition, type Resource } from '@portico/api';
import type { ResourceIndex, StatusUpdate } from './stage.ts';

/** Notes by resource object: the reconciler's resources are frozen and replaced, never changed, when the store
 *  changes (reconciler/resource-cache.ts), so a resource's notes are found once, not on every translation — walking
 *  every field path of 1,000 specs was 6 % of the control plane's CPU per change. */
const notesOf = new WeakMap<Resource, FieldNote[]>();

function notesFor(def: KindDefinition, r: Resource): FieldNote[] {
  if (!Object.isFrozen(r)) return unhonouredFields(def, r.spec);
  let notes = notesOf.get(r);
  if (!notes) notesOf.set(r, (notes = unhonouredFields(def, r.spec)));
  return notes;
}

export function addFieldNotes(index: ResourceIndex, statuses: Map<string, StatusUpdate>): void {
  for (const [key, update] of statuses) {
    const status = update.status as Partial<GlooStatus> | undefined;
    const state = status?.common?.State;
    if (!state) continue;
    const def = kindDefinition(update.ref.kind);
    const r = def && index.get(update.ref.kind, update.ref.namespace, update.ref.name);
    if (!def || !r) continue;
    const notes = notesFor(def, r);
    if (notes.length === 0) continue;
    const unsupported = notes.some((n) => n.level === 'unsupported');
    const approval = state.approval === 'ACCEPTED' && unsupported ? 'WARNING' : state.approval;
    const message = [state.message, ...notes.map((n) => n.message)].filter((m) => m).join('; ');
    const conditions = status.conditions?.map((c) =>
      c.type === 'Accepted' ? { ...c, message, ...(approval !== state.approval ? { reason: 'PartiallyApplied' as const } : {}) } : c,
    );
    statuses.set(key, {
      ...update,
      status: { ...status, common: { ...status.common, State: { ...state, approval, message } }, ...(conditions ? { conditions } : {}) },
    });
  }
}
