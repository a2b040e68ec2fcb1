// Writes statuses back to the store only when they changed (observedGeneration included, condition timestamps
// excluded), and records an event when a resource's approval state changes — what `describe` shows.
import type { Condition, Resource } from '@portico/api';
import { canonicalJson, type Store } from '@portico/store';
import type { ResourceIndex, StatusUpdate } from '../translate/stage.ts';

type WithConditions = { conditions?: Condition[]; common?: { State?: { approval?: string; message?: string } }; state?: string; reason?: string };

/** Status without condition timestamps, for comparison. */
function comparable(status: unknown): string {
  const s = status as WithConditions | undefined;
  if (!s || !Array.isArray(s.conditions)) return canonicalJson(status ?? null);
  return canonicalJson({ ...s, conditions: s.conditions.map((c) => ({ ...c, lastTransitionTime: '' })) });
}

function noteFor(r: Resource, cache: StoredStatusCache): StoredStatusNote {
  const key = `${r.kind}/${r.metadata.namespace}/${r.metadata.name}`;
  const resourceVersion = r.metadata.resourceVersion;
  let noted = cache.get(key);
  if (noted?.resourceVersion !== resourceVersion) cache.set(key, (noted = { resourceVersion, comparable: comparable(r.status), sameAs: null }));
  return noted;
}

/** A status's plain serialisation with condition timestamps blanked: not canonical (key order is the order the
 *  translation built it in), so only ever compared with what the same translation code built before. A quoted
 *  key inside a string value is escaped in JSON and cannot match. */
const TIMESTAMP = /"lastTransitionTime":"[^"]*"/g;
const plainComparable = (status: unknown) => (JSON.stringify(status ?? null) ?? 'null').replace(TIMESTAMP, '"lastTransitionTime":""');

/** Whether a new status differs from the stored one. Translation rebuilds every status on every change, and nearly
 *  all are the same as stored: for those the cheap plain form is compared with the one found equal last time. */
function differs(current: Resource, status: unknown, cache: StoredStatusCache | undefined): boolean {
  if (!cache) return comparable(current.status) !== comparable(status);
  const noted = noteFor(current, cache);
  const plain = plainComparable(status);
  if (noted.sameAs === plain) return false;
  if (noted.comparable !== comparable(status)) return true;
  noted.sameAs = plain;
  return false;
}

/** Keeps lastTransitionTime when a condition's status did not change; stamps `now` otherwise. */
function stampConditions(next: unknown, prev: unknown, now: string): unknown {
  const n = next as WithConditions;
  if (!n || !Array.isArray(n.conditions)) return next;
  const before = (prev as WithConditions | undefined)?.conditions ?? [];
  return {
    ...n,
    conditions: n.conditions.map((c) => {
      const old = before.find((b) => b.type === c.type);
      return { ...c, lastTransitionTime: old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now };
    }),
  };
}

function summary(status: unknown): { state: string; message: string } | null {
  const s = status as WithConditions | undefined;
  const g = (s?.common?.State as { observedGeneration?: number } | undefined)?.observedGeneration;
  if (s?.common?.State?.approval) return { state: s.common.State.approval, message: s.common.State.message || `generation ${g ?? '?'} ${s.common.State.approval.toLowerCase()}` };
  if (s?.state) return { state: s.state, message: s.reason ?? '' };
  return null;
}

/**
 * The stored statuses' comparable form by resource, valid while the resource's resourceVersion is the one noted
 * (every write, a status write included, gives it a new one). Kept by the reconciler across translations: with
 * 1,000 resources, serialising every stored status again on every change was a tenth of the control plane's CPU.
 */
export type StoredStatusCache = Map<string, StoredStatusNote>;

interface StoredStatusNote {
  resourceVersion: string;
  comparable: string;
  /** The plain form (plainComparable) of a new status found equal to the stored one at this resourceVersion. */
  sameAs: string | null;
}

/** The updates whose status differs from the stored one (the resource as `index` holds it). Pure: the translation
 *  thread runs it next to translation, so only the statuses to write cross back. */
export function changedStatuses(index: ResourceIndex, updates: readonly StatusUpdate[], cache?: StoredStatusCache): StatusUpdate[] {
  return updates.filter((u) => {
    const current = index.get(u.ref.kind, u.ref.namespace, u.ref.name);
    return current !== undefined && differs(current, u.status, cache);
  });
}

/**
 * Writes changed statuses in one batch and records one event per approval-state change. `current` gives each
 * resource as stored now (its status's condition timestamps are kept where the condition did not change); a
 * resource gone since is skipped.
 */
export async function storeStatuses(store: Store, current: (ref: StatusUpdate['ref']) => Resource | undefined, changed: readonly StatusUpdate[], now: string): Promise<number> {
  const present = changed.flatMap((update) => {
    const r = current(update.ref);
    return r ? [{ update, current: r }] : [];
  });
  const written = await store.updateStatuses(
    present.map(({ update: u, current }) => ({ ...u.ref, status: stampConditions(u.status, current.status, now) })),
  );
  const events: { ref: StatusUpdate['ref']; event: { type: 'Normal' | 'Warning'; reason: string; message: string } }[] = [];
  present.forEach(({ update: u, current }, i) => {
    if (!written[i]) return;
    const before = summary(current.status);
    const after = summary(u.status);
    if (after && (before?.state !== after.state || before.message !== after.message)) {
      events.push({ ref: u.ref, event: { type: after.state === 'ACCEPTED' ? 'Normal' : 'Warning', reason: after.state, message: after.message || after.state } });
    }
  });
  await store.recordEvents(events);
  return written.filter(Boolean).length;
}

/** Writes the changed statuses (changedStatuses, then storeStatuses) against one index. */
export async function writeStatuses(store: Store, index: ResourceIndex, updates: readonly StatusUpdate[], now: string, cache?: StoredStatusCache): Promise<number> {
  return storeStatuses(store, (ref) => index.get(ref.kind, ref.namespace, ref.name), changedStatuses(index, updates, cache), now);
}
