// One translation of the resources into a snapshot, with what each translation keeps from the one before it: the
// last snapshot (stages read ctx.previous), the published virtual hosts' objects (shared-hosts.ts), the snapshot's
// fingerprint and the stored statuses' comparable forms (status-writer.ts). Computation only, no I/O: the
// reconciler runs it in its own thread (translator.ts) or in the translation thread (translation-thread/), and
// writes what it returns.
import type { Resource } from '@portico/api';
import { assembleSnapshot, runTranslation, type TranslationOutput } from '../translate/orchestrator.ts';
import { buildResourceIndex } from '../translate/resource-index.ts';
import type { Snapshot, SnapshotParts, StageEntry, StatusUpdate } from '../translate/stage.ts';
import { SharedHosts } from './shared-hosts.ts';
import { changedStatuses, type StoredStatusCache } from './status-writer.ts';

export interface TranslationResult extends Omit<TranslationOutput, 'parts' | 'statuses'> {
  /** The new snapshot, or null when its content is the same as the last one's. */
  snapshot: Snapshot | null;
  /** The statuses that differ from the stored ones. */
  statuses: StatusUpdate[];
}

export class TranslationJob {
  readonly #stages: readonly StageEntry[];
  #snapshot: Snapshot | null;
  /** fingerprint() of the parts #snapshot was assembled from: computed once, not again on every translation. */
  #fingerprint = '';
  #hosts = new SharedHosts();
  /** Stored statuses already serialised for comparison; pruned to the resources that exist. */
  #statusCache: StoredStatusCache = new Map();

  /** `previous`: the last snapshot published before this job existed (a restarted translation thread's). */
  constructor(stages: readonly StageEntry[], previous: Snapshot | null = null) {
    this.#stages = stages;
    this.#snapshot = previous;
  }

  run(resources: readonly Resource[], revision: number, now: string): TranslationResult {
    const index = buildResourceIndex(resources, revision);
    const out = runTranslation(this.#stages, index, this.#snapshot, now);
    const snapshot = this.#publish(out.parts, revision);
    if (this.#statusCache.size > resources.length) this.#statusCache.clear();
    const statuses = changedStatuses(index, out.statuses, this.#statusCache);
    return { snapshot, statuses, derived: out.derived, derivedKinds: out.derivedKinds, events: out.events, failures: out.failures };
  }

  #publish(parts: SnapshotParts, storeRevision: number): Snapshot | null {
    const prev = this.#snapshot;
    const hosts = this.#hosts.share(parts.gateway.virtualHosts);
    const print = fingerprint(parts, hosts.contents);
    if (prev && this.#fingerprint === print) return null;
    const snapshot = assembleSnapshot({ ...parts, gateway: { ...parts.gateway, virtualHosts: hosts.hosts } }, (prev?.revision ?? 0) + 1, storeRevision);
    hosts.published();
    this.#snapshot = snapshot;
    this.#fingerprint = print;
    return snapshot;
  }
}

/**
 * Content identity of snapshot parts, ignoring revision numbers, from the hosts' serialisations (shared-hosts.ts)
 * and the rest of the parts. Plain JSON.stringify, not canonical JSON: the
 * parts are built by translation code in a fixed order from resources the store returns in a fixed order with
 * key-sorted bodies, so equal content serialises equally; were some order ever to differ, the cost is one
 * needless publish (the snapshot deltas send the hosts kept as positions), never a change left unpublished. Sorting
 * every key of the whole configuration on each change was 6–8 % of the control plane's CPU with 1,000 tables.
 */
function fingerprint(p: SnapshotParts, hostContents: readonly string[]): string {
  const rest = JSON.stringify({
    gateway: { ...p.gateway, virtualHosts: hostContents.length, revision: 0 },
    authConfigs: [...p.authConfigs.entries()],
    rateLimit: p.rateLimit,
    portal: p.portal,
  });
  // A host's JSON never holds a raw newline, so the joined list is unambiguous.
  return `${rest}\n${hostContents.join('\n')}`;
}
