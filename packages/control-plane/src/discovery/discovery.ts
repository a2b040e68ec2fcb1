// The ApiSchemaDiscovery loop (gloo-api-more.md §4) — Gloo's agent, here beside the reconciler. It follows the
// store: when an ApiSchemaDiscovery is created or its spec changes (and at start, and every repullIntervalMs) it
// fetches the document (fetch-schema.ts) and writes an ApiDoc with the same name and namespace
// (`openapi.inlineString` = the document, `servedBy` copied), then the discovery's status: ACCEPTED with the
// ApiDoc it wrote, or FAILED naming the URL and the error (a previously written ApiDoc is kept). Deleting the
// discovery deletes the ApiDoc it wrote. Fetching happens here, never in translation (which stays pure).
import { makeGlooStatus, refKey, type ApiSchemaDiscoverySpec, type ApiSchemaDiscoveryStatus, type Resource } from '@portico/api';
import type { Store } from '@portico/store';
import { DERIVED_FROM_ANNOTATION } from '../reconciler/derived.ts';
import { fetchSchema, type FetchDeps } from './fetch-schema.ts';

export interface DiscoveryOptions {
  store: Store;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Re-fetch every discovery this often (ms); 0 = only on create/update/start. Default 5 minutes. */
  repullIntervalMs?: number;
  onError?: (e: { code: string; message: string }) => void;
}

export const DEFAULT_REPULL_INTERVAL_MS = 5 * 60_000;
export const DISCOVERED_BY_LABEL = 'portico.dev/api-schema-discovery';

export class ApiSchemaDiscoveryLoop {
  #o: DiscoveryOptions;
  #unwatch: (() => void) | null = null;
  #repull: NodeJS.Timeout | null = null;
  /** key → generation being (or last) fetched, so a status-only change does not refetch. */
  #fetched = new Map<string, number>();
  #inFlight = new Set<Promise<void>>();
  #timers = new Set<{ t: NodeJS.Timeout; done: (v: boolean) => void }>();
  #stopped = false;

  constructor(options: DiscoveryOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    const from = await this.#o.store.revision();
    this.#unwatch = this.#o.store.watch((e) => {
      if (e.object.kind !== 'ApiSchemaDiscovery' || e.statusOnly) return;
      if (e.type === 'DELETED') this.#track(this.#removed(e.object));
      else this.#consider(e.object as Resource<ApiSchemaDiscoverySpec>, false);
    }, from);
    for (const r of await this.#o.store.list('ApiSchemaDiscovery')) this.#consider(r as Resource<ApiSchemaDiscoverySpec>, true);
    const every = this.#o.repullIntervalMs ?? DEFAULT_REPULL_INTERVAL_MS;
    if (every > 0) {
      this.#repull = setInterval(() => void this.#repullAll(), every);
      this.#repull.unref();
    }
  }

  /** Resolves when no fetch is in flight (tests wait on this instead of sleeping). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unwatch?.();
    if (this.#repull) clearInterval(this.#repull);
    for (const x of this.#timers) {
      clearTimeout(x.t);
      x.done(false);
    }
    await this.settled();
  }

  async #repullAll(): Promise<void> {
    for (const r of await this.#o.store.list('ApiSchemaDiscovery')) this.#consider(r as Resource<ApiSchemaDiscoverySpec>, true);
  }

  #consider(r: Resource<ApiSchemaDiscoverySpec>, force: boolean): void {
    if (this.#stopped) return;
    const key = refKey({ kind: r.kind, namespace: r.metadata.namespace, name: r.metadata.name });
    if (!force && this.#fetched.get(key) === r.metadata.generation) return;
    this.#fetched.set(key, r.metadata.generation);
    this.#track(this.#discover(r, key));
  }

  #track(p: Promise<void>): void {
    const tracked = p.catch((err: unknown) => this.#o.onError?.({ code: 'CP_DISCOVERY_FAILED', message: (err as Error).stack ?? String(err) }));
    this.#inFlight.add(tracked);
    void tracked.finally(() => this.#inFlight.delete(tracked));
  }

  #sleep = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (this.#stopped) return resolve(false);
      const entry = { t: setTimeout(() => (this.#timers.delete(entry), resolve(true)), ms), done: resolve };
      this.#timers.add(entry);
    });

  async #discover(r: Resource<ApiSchemaDiscoverySpec>, key: string): Promise<void> {
    const deps: FetchDeps = { fetch: this.#o.fetch ?? fetch, sleep: this.#sleep };
    const out = await fetchSchema(deps, r.spec);
    if (this.#stopped) return;
    const { store } = this.#o;
    // The spec may have changed while fetching: only the newest generation's result is written.
    const current = await store.get('ApiSchemaDiscovery', r.metadata.namespace, r.metadata.name);
    if (!current || current.metadata.generation !== r.metadata.generation) return;
    const now = (this.#o.now ?? (() => new Date()))().toISOString();
    const ref = { name: r.metadata.name, namespace: r.metadata.namespace };
    if (!out.ok) {
      const status: ApiSchemaDiscoveryStatus = { ...makeGlooStatus('FAILED', r.metadata.generation, out.message, 'DependencyUnavailable', now), ...(current.status as ApiSchemaDiscoveryStatus | undefined)?.apiDoc ? { apiDoc: (current.status as ApiSchemaDiscoveryStatus).apiDoc } : {} };
      await store.updateStatus('ApiSchemaDiscovery', ref.namespace, ref.name, status);
      await store.recordEvent({ kind: 'ApiSchemaDiscovery', ...ref }, { type: 'Warning', reason: 'FetchFailed', message: out.message });
      return;
    }
    const existing = await store.get('ApiDoc', ref.namespace, ref.name);
    if (existing && existing.metadata.annotations[DERIVED_FROM_ANNOTATION] !== key) {
      const message = `ApiDoc ${ref.namespace}/${ref.name} exists and was not written by this discovery; not overwritten`;
      await store.updateStatus('ApiSchemaDiscovery', ref.namespace, ref.name, makeGlooStatus('INVALID', r.metadata.generation, message, 'Conflict', now));
      return;
    }
    const applied = await store.apply({
      apiVersion: 'apimanagement.gloo.solo.io/v2',
      kind: 'ApiDoc',
      metadata: { ...ref, labels: { [DISCOVERED_BY_LABEL]: r.metadata.name }, annotations: { [DERIVED_FROM_ANNOTATION]: key } },
      spec: { openapi: { inlineString: out.text }, ...(r.spec.servedBy ? { servedBy: r.spec.servedBy } : {}) },
    });
    if (!applied.ok) {
      await store.updateStatus('ApiSchemaDiscovery', ref.namespace, ref.name, makeGlooStatus('FAILED', r.metadata.generation, `writing ApiDoc failed: ${applied.message}`, 'Invalid', now));
      return;
    }
    const status: ApiSchemaDiscoveryStatus = {
      ...makeGlooStatus('ACCEPTED', r.metadata.generation, `fetched ${r.spec.openapi.fetchEndpoint.url} (attempt ${out.attempts})`, 'Reconciled', now),
      apiDoc: ref,
      lastFetchTime: now,
    };
    await store.updateStatus('ApiSchemaDiscovery', ref.namespace, ref.name, status);
  }

  async #removed(r: Resource): Promise<void> {
    const key = refKey({ kind: r.kind, namespace: r.metadata.namespace, name: r.metadata.name });
    this.#fetched.delete(key);
    const doc = await this.#o.store.get('ApiDoc', r.metadata.namespace, r.metadata.name);
    if (doc && doc.metadata.annotations[DERIVED_FROM_ANNOTATION] === key) await this.#o.store.delete('ApiDoc', r.metadata.namespace, r.metadata.name);
  }
}
