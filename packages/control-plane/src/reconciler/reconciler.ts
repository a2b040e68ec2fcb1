// The reconciler: watches the store, debounces bursts of changes, translates, writes statuses and derived
// resources back, and publishes a new Snapshot to subscribers when (and only when) its content changed.
// Data planes get snapshots through in-process callbacks and never wait on this loop.
import { setImmediate as turn } from 'node:timers/promises';
import type { Store } from '@portico/store';
import { assembleSnapshot, runTranslation, type TranslationOutput } from '../translate/orchestrator.ts';
import { buildResourceIndex } from '../translate/resource-index.ts';
import type { Snapshot, SnapshotParts, StageEntry } from '../translate/stage.ts';
import { syncDerived } from './derived.ts';
import { ResourceCache } from './resource-cache.ts';
import { SharedHosts } from './shared-hosts.ts';
import { writeStatuses, type StoredStatusCache } from './status-writer.ts';

export interface ReconcilerOptions {
  store: Store;
  stages: readonly StageEntry[];
  /** Quiet period after a change before translating (default 20 ms). */
  debounceMs?: number;
  now?: () => Date;
  /** Called with stage failures and other errors worth logging. */
  onError?: (e: { code: string; message: string }) => void;
}

export interface ReconcilerStats {
  translations: number;
  lastStoreRevision: number;
  lastTranslatedAt: string | null;
  lastFailures: TranslationOutput['failures'];
}

export class Reconciler {
  #o: Required<Omit<ReconcilerOptions, 'onError'>> & Pick<ReconcilerOptions, 'onError'>;
  #snapshot: Snapshot | null = null;
  /** fingerprint() of the parts #snapshot was assembled from: computed once, not again on every translation. */
  #fingerprint = '';
  /** Stored statuses already serialised for comparison (status-writer.ts); pruned to the resources that exist. */
  #statusCache: StoredStatusCache = new Map();
  #hosts = new SharedHosts();
  #resources: ResourceCache | null = null;
  #subs = new Set<(s: Snapshot) => void>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #dirty = false;
  #stopped = false;
  #waiters: { revision: number; resolve: () => void }[] = [];
  readonly stats: ReconcilerStats = { translations: 0, lastStoreRevision: 0, lastTranslatedAt: null, lastFailures: [] };

  constructor(options: ReconcilerOptions) {
    this.#o = { debounceMs: 20, now: () => new Date(), ...options };
  }

  /** Translates once, then follows the store. */
  async start(): Promise<void> {
    this.#resources = await ResourceCache.follow(this.#o.store, (e) => {
      // Status writes (this reconciler's own, mostly) change no input of translation. (A waitFor() on a status
      // write's revision schedules its own translation; the view has the event by then: stores deliver a write's
      // event before any timer runs.)
      if (!e.statusOnly) this.#schedule();
    });
    await this.#run();
  }

  current(): Snapshot | null {
    return this.#snapshot;
  }

  /** Calls fn with the current snapshot (if any) and every later one. Returns unsubscribe. */
  subscribe(fn: (s: Snapshot) => void): () => void {
    this.#subs.add(fn);
    if (this.#snapshot) fn(this.#snapshot);
    return () => this.#subs.delete(fn);
  }

  /** Resolves once a translation has seen at least `revision` (default: the store's current revision). */
  async waitFor(revision?: number, timeoutMs = 10_000): Promise<boolean> {
    const target = revision ?? (await this.#o.store.revision());
    if (this.stats.lastStoreRevision >= target) return true;
    this.#schedule();
    return new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.#waiters.push({ revision: target, resolve: () => (clearTimeout(t), resolve(true)) });
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#resources?.close();
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
    this.#subs.clear();
  }

  /** Translates again though nothing changed: a replica that just became leader writes what it skipped as follower. */
  resync(): void {
    this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#run();
    }, this.#o.debounceMs);
  }

  async #run(): Promise<void> {
    if (this.#running) {
      this.#dirty = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#dirty = false;
        try {
          await this.#translateOnce();
        } catch (err) {
          this.#o.onError?.({ code: 'CP_INTERNAL', message: `translation failed: ${(err as Error).stack ?? String(err)}` });
        }
      } while (this.#dirty && !this.#stopped);
    })();
    try {
      await this.#running;
    } finally {
      this.#running = null;
    }
  }

  async #translateOnce(): Promise<void> {
    const store = this.#o.store;
    const view = this.#resources;
    if (!view) return;
    const revision = view.revision;
    const index = buildResourceIndex(view.resources(), revision);
    // A translation of a large configuration is tens of milliseconds of CPU. The process that runs it may also
    // serve what must not wait that long — in `portico up --workers N` the primary accepts the gateway's new
    // connections for the workers and relays the key-revocation feed to them — so each phase ends by letting the
    // event loop run what came in meanwhile.
    await turn();
    const now = this.#o.now().toISOString();
    const out = runTranslation(this.#o.stages, index, this.#snapshot, now);
    for (const f of out.failures) this.#o.onError?.(f);
    await turn();
    // Data planes get the new configuration first: statuses, derived resources and events only describe it,
    // so a store that refuses those writes must not hold the configuration back.
    this.#publish(out.parts, revision);
    await turn();
    try {
      if (this.#statusCache.size > view.size) this.#statusCache.clear();
      await writeStatuses(store, index, out.statuses, now, this.#statusCache);
      await syncDerived(store, out.derived, out.derivedKinds, now);
      await store.recordEvents(out.events.map((e) => ({ ref: e.ref, event: { type: e.type, reason: e.reason, message: e.message } })));
    } catch (err) {
      this.#o.onError?.({ code: 'CP_STATUS_WRITE_FAILED', message: `statuses of store revision ${revision} not written: ${(err as Error).message}` });
    }
    this.stats.translations++;
    this.stats.lastStoreRevision = revision;
    this.stats.lastTranslatedAt = now;
    this.stats.lastFailures = out.failures;
    this.#waiters = this.#waiters.filter((w) => (w.revision <= revision ? (w.resolve(), false) : true));
  }

  #publish(parts: SnapshotParts, storeRevision: number): void {
    const prev = this.#snapshot;
    const hosts = this.#hosts.share(parts.gateway.virtualHosts);
    const print = fingerprint(parts, hosts.contents);
    if (prev && this.#fingerprint === print) return;
    const snapshot = assembleSnapshot({ ...parts, gateway: { ...parts.gateway, virtualHosts: hosts.hosts } }, (prev?.revision ?? 0) + 1, storeRevision);
    hosts.published();
    this.#snapshot = snapshot;
    this.#fingerprint = print;
    for (const fn of this.#subs) {
      try {
        fn(snapshot);
      } catch (err) {
        this.#o.onError?.({ code: 'CP_INTERNAL', message: `snapshot subscriber threw: ${(err as Error).message}` });
      }
    }
  }
}

/**
 * Content identity of snapshot parts, ignoring revision numbers, from the hosts' serialisations (shared-hosts.ts)
 * and the rest of the parts. Plain JSON.stringify, not canonical JSON: the
 * parts are built by translation code in a fixed order from resources the store returns in a fixed order with
 * key-sorted bodies, so equal content serialises equally; were some order ever to differ, the cost is one
 * needless publish (the workers' delta sends unchanged hosts by name), never a change left unpublished. Sorting
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
