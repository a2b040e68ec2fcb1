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

export async function writeStatuses(store: Store, index: ResourceIndex, updates: readonly StatusUpdate[], now: string): Promise<number> {
  let written = 0;
  for (const u of updates) {
    const current: Resource | undefined = index.get(u.ref.kind, u.ref.namespace, u.ref.name);
    if (!current) continue;
    if (comparable(current.status) === comparable(u.status)) continue;
    const ok = await store.updateStatus(u.ref.kind, u.ref.namespace, u.ref.name, stampConditions(u.status, current.status, now));
    if (!ok) continue;
    written++;
    const before = summary(current.status);
    const after = summary(u.status);
    if (after && (before?.state !== after.state || before.message !== after.message)) {
      const good = after.state === 'ACCEPTED';
      await store.recordEvent(u.ref, {
        type: good ? 'Normal' : 'Warning',
        reason: after.state,
        message: after.message || after.state,
      });
    }
  }
  return written;
}
