// The reconciler's view of the store, kept current from the store's watch the way a Kubernetes informer keeps its
// cache: the store is listed once, and every later change arrives as a watch event carrying the object. Translation
// reads this view instead of listing and parsing every stored resource on every change — with 1,000 RouteTables
// that list, its JSON parsing and the deep-freezing of what it returned were a fifth of the control plane's CPU
// per change, and all of it garbage one translation later.
//
// An object enters the view once, as its own deep-frozen copy: stages can share it across translations (and
// memoise per object, field-notes.ts), and the store's other callers — an apply's result, other watchers — keep
// the mutable objects they were given.
import type { ObjectRef, Resource } from '@portico/api';
import type { Store, WatchEvent } from '@portico/store';
import { deepFreeze } from '../translate/freeze.ts';

const keyOf = (r: Resource) => `${r.kind}/${r.metadata.namespace}/${r.metadata.name}`;

export class ResourceCache {
  #byKey = new Map<string, Resource>();
  #revision = 0;
  #unwatch: () => void = () => undefined;

  /**
   * Lists the store, then follows its watch from the revision read before the list, so nothing written between
   * the two is missed (a change the list already holds is replayed and applied again, in order, which ends in the
   * same state). `onEvent` is called after each event is applied.
   */
  static async follow(store: Store, onEvent: (e: WatchEvent) => void): Promise<ResourceCache> {
    const cache = new ResourceCache();
    const from = await store.revision();
    cache.load(await store.list(), from);
    cache.#unwatch = store.watch((e) => {
      cache.#apply(e, e.type === 'DELETED' ? e.object : structuredClone(e.object));
      onEvent(e);
    }, from);
    return cache;
  }

  /**
   * A copy of another view, fed by hand: `load` what it holds, then `applyOwned` each of its events. The objects
   * given become the view's own (frozen in place): pass copies, as a structured clone across threads makes.
   */
  load(resources: readonly Resource[], revision: number): void {
    this.#byKey.clear();
    for (const r of resources) this.#byKey.set(keyOf(r), deepFreeze(r));
    this.#revision = revision;
  }

  applyOwned(e: WatchEvent): void {
    this.#apply(e, e.object);
  }

  /** The store revision the view has seen every change up to. */
  get revision(): number {
    return this.#revision;
  }

  get size(): number {
    return this.#byKey.size;
  }

  /** Every resource, as frozen objects that stay valid after later changes (a change replaces, never mutates). */
  resources(): Resource[] {
    return [...this.#byKey.values()];
  }

  get(ref: ObjectRef): Resource | undefined {
    return this.#byKey.get(`${ref.kind}/${ref.namespace}/${ref.name}`);
  }

  close(): void {
    this.#unwatch();
  }

  #apply(e: WatchEvent, copy: Resource): void {
    if (e.type === 'DELETED') this.#byKey.delete(keyOf(e.object));
    else this.#byKey.set(keyOf(e.object), deepFreeze(copy));
    if (e.revision > this.#revision) this.#revision = e.revision;
  }
}
