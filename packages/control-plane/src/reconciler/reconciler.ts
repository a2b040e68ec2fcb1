// The reconciler: watches the store, debounces bursts of changes, translates, writes statuses and derived
// resources back, and publishes a new Snapshot to subscribers when (and only when) its content changed.
// Data planes get snapshots through in-process callbacks and never wait on this loop; translation itself runs on
// this thread or on the translation thread (translator.ts).
import type { Store } from '@portico/store';
import type { TranslationOutput } from '../translate/orchestrator.ts';
import type { Snapshot, StageEntry } from '../translate/stage.ts';
import { syncDerived } from './derived.ts';
import { ResourceCache } from './resource-cache.ts';
import { storeStatuses } from './status-writer.ts';
import { ThreadTranslator } from './translation-thread/thread-translator.ts';
import { InlineTranslator, type Translator } from './translator.ts';

export interface ReconcilerOptions {
  store: Store;
  stages: readonly StageEntry[];
  /** Quiet period after a change before translating (default 20 ms). */
  debounceMs?: number;
  now?: () => Date;
  /** Called with stage failures and other errors worth logging. */
  onError?: (e: { code: string; message: string }) => void;
  /**
   * Where translations run (translator.ts): 'inline' (default) on this thread; 'thread' on a worker thread of
   * lower CPU priority, for a process whose event loop serves requests too (`portico up`). 'thread' runs the
   * built-in stages only.
   */
  translation?: 'inline' | 'thread';
}

export interface ReconcilerStats {
  translations: number;
  lastStoreRevision: number;
  lastTranslatedAt: string | null;
  lastFailures: TranslationOutput['failures'];
}

export class Reconciler {
  #o: Required<Omit<ReconcilerOptions, 'onError'>> & Pick<ReconcilerOptions, 'onError'>;
  #translator: Translator | null = null;
  #snapshot: Snapshot | null = null;
  #resources: ResourceCache | null = null;
  #subs = new Set<(s: Snapshot) => void>();
  #timer: NodeJS.Timeout | null = null;
  /** After a translation that failed as a whole (not a stage: the translation thread died, say): the next try. */
  #retry: NodeJS.Timeout | null = null;
  #retryMs = 0;
  #running: Promise<void> | null = null;
  #dirty = false;
  #stopped = false;
  #waiters: { revision: number; resolve: () => void }[] = [];
  readonly stats: ReconcilerStats = { translations: 0, lastStoreRevision: 0, lastTranslatedAt: null, lastFailures: [] };

  constructor(options: ReconcilerOptions) {
    this.#o = { debounceMs: 20, now: () => new Date(), translation: 'inline', ...options };
  }

  /** Translates once, then follows the store. */
  async start(): Promise<void> {
    this.#resources = await ResourceCache.follow(this.#o.store, (e) => {
      this.#translator?.observe(e);
      // Status writes (this reconciler's own, mostly) change no input of translation. (A waitFor() on a status
      // write's revision schedules its own translation; the view has the event by then: stores deliver a write's
      // event before any timer runs.)
      if (!e.statusOnly) this.#schedule();
    });
    const { stages, onError } = this.#o;
    this.#translator = this.#o.translation === 'thread' ? new ThreadTranslator({ view: this.#resources, stages, ...(onError ? { onError } : {}) }) : new InlineTranslator(this.#resources, stages);
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
    if (this.#retry) clearTimeout(this.#retry);
    await this.#running;
    await this.#translator?.close();
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

  /** Tries again after a failed translation, even with no new change (a waitFor() is waiting on it): 1 s, then
   *  doubling to a minute while it keeps failing. */
  #retryLater(): void {
    if (this.#stopped || this.#retry) return;
    this.#retryMs = Math.min(60_000, this.#retryMs === 0 ? 1000 : this.#retryMs * 2);
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.#schedule();
    }, this.#retryMs);
    this.#retry.unref();
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
          this.#retryMs = 0;
        } catch (err) {
          this.#o.onError?.({ code: 'CP_INTERNAL', message: `translation failed: ${(err as Error).stack ?? String(err)}` });
          this.#retryLater();
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
    const translator = this.#translator;
    if (!view || !translator) return;
    const revision = view.revision;
    const now = this.#o.now().toISOString();
    const out = await translator.translate(revision, now);
    for (const f of out.failures) this.#o.onError?.(f);
    // Data planes get the new configuration first: statuses, derived resources and events only describe it,
    // so a store that refuses those writes must not hold the configuration back.
    if (out.snapshot) this.#publish(out.snapshot);
    try {
      await storeStatuses(store, (ref) => view.get(ref), out.statuses, now);
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

  #publish(snapshot: Snapshot): void {
    this.#snapshot = snapshot;
    for (const fn of this.#subs) {
      try {
        fn(snapshot);
      } catch (err) {
        this.#o.onError?.({ code: 'CP_INTERNAL', message: `snapshot subscriber threw: ${(err as Error).message}` });
      }
    }
  }
}
