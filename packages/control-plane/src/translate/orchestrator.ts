// Runs the stages in order over one ResourceIndex and assembles the immutable Snapshot. A stage that throws does
// not take the others down: its parts fall back to the previous snapshot's (data planes keep serving what they
// had) and the failure is reported as an error value.
import { kindDefinition, groupOf, makeGlooStatus, refKey, type ObjectRef } from '@portico/api';
import type { GatewayConfig } from '@portico/gateway';
import { addFieldNotes } from './field-notes.ts';
import { deepFreeze, freezeMap } from './freeze.ts';
import type { DerivedResource, ResourceIndex, Snapshot, SnapshotParts, StageEntry, StageEvent, StatusUpdate } from './stage.ts';
import { STAGES } from './stages.ts';

export interface TranslationOutput {
  /** The new snapshot parts (not yet numbered/frozen — the reconciler publishes only when they changed). */
  parts: SnapshotParts;
  statuses: StatusUpdate[];
  derived: DerivedResource[];
  derivedKinds: string[];
  events: StageEvent[];
  failures: { stage: StageEntry['name']; code: 'CP_STAGE_FAILED'; message: string }[];
}

export function emptyParts(): SnapshotParts {
  const gateway: GatewayConfig = { revision: 0, virtualHosts: [] };
  return { gateway, authConfigs: new Map(), rateLimit: null, portal: null };
}

export function runTranslation(
  stages: readonly StageEntry[],
  index: ResourceIndex,
  previous: Snapshot | null,
  now: string,
): TranslationOutput {
  let parts: SnapshotParts = emptyParts();
  const statuses = new Map<string, StatusUpdate>();
  const out: TranslationOutput = { parts, statuses: [], derived: [], derivedKinds: [], events: [], failures: [] };
  for (const stage of stages) {
    try {
      const r = stage.run({ index, parts, previous, now });
      parts = { ...parts, ...r.parts };
      for (const s of r.statuses) statuses.set(refKey(s.ref), s);
      out.derived.push(...r.derived);
      out.derivedKinds.push(...r.derivedKinds);
      out.events.push(...r.events);
    } catch (err) {
      out.failures.push({ stage: stage.name, code: 'CP_STAGE_FAILED', message: `stage ${stage.name} failed: ${(err as Error).stack ?? String(err)}` });
      if (previous) parts = { ...parts, ...partsOwnedBy(stage.name, previous) };
    }
  }
  addDefaultStatuses(stages, index, statuses);
  addFieldNotes(index, statuses);
  out.parts = parts;
  out.statuses = [...statuses.values()];
  return out;
}

function partsOwnedBy(stage: StageEntry['name'], s: Snapshot): Partial<SnapshotParts> {
  switch (stage) {
    case 'routes':
      return { gateway: s.gateway };
    case 'extauth':
      return { authConfigs: s.authConfigs, gateway: s.gateway };
    case 'ratelimit':
      return { rateLimit: s.rateLimit, gateway: s.gateway };
    case 'security':
      return { authConfigs: s.authConfigs, gateway: s.gateway };
    case 'trafficcontrol':
    case 'resilience':
      return { gateway: s.gateway };
    case 'portal':
      return { portal: s.portal };
  }
}

/** Gloo kinds no stage reported on, of the stages that ran: ACCEPTED (they passed admission validation and no
 *  stage objected). */
function addDefaultStatuses(stages: readonly StageEntry[], index: ResourceIndex, statuses: Map<string, StatusUpdate>): void {
  const ran = new Set(stages.map((s) => s.name));
  for (const stage of STAGES) {
    if (!ran.has(stage.name)) continue;
    for (const kind of stage.owns) {
      const def = kindDefinition(kind);
      if (!def || def.body !== 'spec' || groupOf(def.apiVersion) === '' || def.readOnly) continue;
      for (const r of index.list(kind)) {
        const key: ObjectRef = { kind, namespace: r.metadata.namespace, name: r.metadata.name };
        if (statuses.has(refKey(key))) continue;
        statuses.set(refKey(key), { ref: key, status: makeGlooStatus('ACCEPTED', r.metadata.generation, 'validated', 'Reconciled', '') });
      }
    }
  }
}

/** Numbers, stamps and deep-freezes parts into a Snapshot. */
export function assembleSnapshot(parts: SnapshotParts, revision: number, storeRevision: number): Snapshot {
  const gateway = { ...parts.gateway, revision };
  return deepFreeze({ revision, storeRevision, gateway, authConfigs: freezeMap(parts.authConfigs), rateLimit: parts.rateLimit, portal: parts.portal });
}
