// The Store contract (docs/architecture.md, contract 2) over a Kubernetes API server: one list-watch informer per kind
// (@kubernetes/client-node) keeps an in-memory cache that reads and watches are served from; writes go to the server
// (create/replace, statuses through the /status subresource, core v1 Events) and come back through the watch.
// resourceVersions are compared as numbers: Portico's Kubernetes API issues numeric ones, and so does every etcd-backed
// kube-apiserver (Kubernetes calls them opaque; this store relies on that de-facto ordering, docs/kubernetes.md).
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObjectApi, makeInformer, type Informer, type KubernetesObject, type ObjectCache } from '@kubernetes/client-node';
import { groupOf, KINDS, type KindDefinition, type ObjectRef, type Resource, type ResourceInput } from '@portico/api';
import type { ApplyPrecondition, ApplyResult, EventInput, StatusWrite, Store, StoreErrorCode, StoreEvent, WatchEvent } from '@portico/store';
import { DERIVED_FROM, fromWire, ownerReferencesFor, toWire } from './convert.ts';
import { fieldManagerFor } from './field-manager.ts';
import { LeaderElector, type LeaderElectorOptions } from './leader.ts';

export interface KubeStoreOptions {
  /** A kubeconfig file; without it, the in-cluster service account (KUBERNETES_SERVICE_HOST and its token). */
  kubeconfig?: string;
  /** A watch that ends with an error is restarted after this delay (it relists and reports what it missed). */
  restartDelayMs?: number;
  /** Failures that have no caller to return to: a watch error, an Event the server refused. */
  onError?: (err: unknown, what: string) => void;
  /** Several replicas: only the one holding this Lease writes statuses, derived resources and events (leader.ts);
   *  every replica reads and watches. Without it, this store always writes (one replica). */
  /** Each status this store wrote to the server (a controller's write log: which replica wrote what). */
  onStatusWritten?: (ref: ObjectRef) => void;
  leaderElection?: Omit<LeaderElectorOptions, 'onStartedLeading' | 'onStoppedLeading' | 'onError'>;
}

const key = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;
const rv = (r: Resource) => Number(r.metadata.resourceVersion) || 0;
/** How many changes are kept for watch(fn, fromRevision) replays. */
const LOG_LIMIT = 10_000;

export async function openKubeStore(o: KubeStoreOptions = {}): Promise<KubeStore> {
  const kc = new KubeConfig();
  if (o.kubeconfig) kc.loadFromFile(o.kubeconfig);
  else kc.loadFromCluster();
  const store = new KubeStore(kc, o);
  await store.start();
  return store;
}

export class KubeStore implements Store {
  readonly #objects: KubernetesObjectApi;
  readonly #custom: CustomObjectsApi;
  readonly #core: CoreV1Api;
  readonly #kc: KubeConfig;
  readonly #o: KubeStoreOptions;
  readonly #cache = new Map<string, Resource>();
  readonly #listeners = new Set<(e: WatchEvent) => void>();
  readonly #log: WatchEvent[] = [];
  readonly #informers: (Informer<KubernetesObject> & ObjectCache<KubernetesObject>)[] = [];
  #revision = 0;
  #oldest = 0;
  #closed = false;
  #elector: LeaderElector | null = null;
  readonly #onLeading = new Set<() => void>();
  #fieldManager = fieldManagerFor();

  constructor(kc: KubeConfig, o: KubeStoreOptions) {
    this.#kc = kc;
    this.#o = o;
    this.#objects = KubernetesObjectApi.makeApiClient(kc);
    this.#custom = kc.makeApiClient(CustomObjectsApi);
    this.#core = kc.makeApiClient(CoreV1Api);
  }

  /** Lists every kind and starts watching; resolves when the cache holds the server's current state. */
  async start(): Promise<void> {
    await Promise.all(KINDS.map((def) => this.#startInformer(def)));
    this.#oldest = this.#revision;
    if (this.#o.leaderElection) {
      this.#elector = new LeaderElector(this.#kc, {
        ...this.#o.leaderElection,
        onStartedLeading: () => {
          for (const fn of this.#onLeading) fn();
        },
        ...(this.#o.onError ? { onError: this.#o.onError } : {}),
      });
      this.#fieldManager = fieldManagerFor(this.#elector.identity);
      this.#elector.start();
    }
  }

  /** Whether this replica may write statuses, derived resources and events (always, without leader election). */
  isLeader(): boolean {
    return this.#elector === null || this.#elector.isLeader();
  }

  /** The identity this replica holds (or would hold) the lease under; null without leader election. */
  leaderIdentity(): string | null {
    return this.#elector?.identity ?? null;
  }

  /** Called each time this replica becomes leader (and at once if it leads already): what it skipped as a follower
   *  must now be written (a resync). */
  onLeading(fn: () => void): () => void {
    this.#onLeading.add(fn);
    if (this.#elector?.isLeader()) fn();
    return () => this.#onLeading.delete(fn);
  }

  /** Derived resources are the controller's output, like statuses: only the leader writes them. */
  #followerSkips(r: { metadata: { annotations?: Record<string, string> } } | undefined): boolean {
    return r?.metadata.annotations?.[DERIVED_FROM] !== undefined && !this.isLeader();
  }

  async #startInformer(def: KindDefinition): Promise<void> {
    const group = groupOf(def.apiVersion);
    const path = group ? `/apis/${def.apiVersion}/${def.plural}` : `/api/${def.apiVersion}/${def.plural}`;
    const list = () => this.#objects.list(def.apiVersion, def.kind) as never;
    const informer = makeInformer(this.#kc, path, list);
    const change = (type: WatchEvent['type']) => (o: KubernetesObject) => this.#changed(type, fromWire({ ...o, apiVersion: o.apiVersion ?? def.apiVersion, kind: o.kind ?? def.kind }));
    informer.on('add', change('ADDED'));
    informer.on('update', change('MODIFIED'));
    informer.on('delete', change('DELETED'));
    // client-node stops an informer on a watch error; restarting it relists and emits what changed meanwhile.
    informer.on('error', (err) => {
      if (this.#closed) return;
      this.#o.onError?.(err, `watch ${path}`);
      setTimeout(() => void informer.start().catch((e: unknown) => this.#o.onError?.(e, `relist ${path}`)), this.#o.restartDelayMs ?? 500);
    });
    this.#informers.push(informer);
    await informer.start();
  }

  #changed(type: WatchEvent['type'], r: Resource): void {
    const k = key(r.kind, r.metadata.namespace, r.metadata.name);
    const prev = this.#cache.get(k);
    if (type === 'DELETED') this.#cache.delete(k);
    else {
      if (prev && rv(prev) >= rv(r)) return; // our own write's answer got here first
      this.#cache.set(k, r);
    }
    const revision = Math.max(this.#revision, rv(r));
    this.#revision = revision;
    const statusOnly = type === 'MODIFIED' && prev !== undefined && sameBody(prev, r);
    const e: WatchEvent = { type, revision, object: r, statusOnly };
    this.#log.push(e);
    if (this.#log.length > LOG_LIMIT) this.#oldest = this.#log.shift()!.revision;
    for (const l of this.#listeners) l(e);
  }

  async apply(r: ResourceInput, pre?: ApplyPrecondition): Promise<ApplyResult> {
    const ns = r.metadata.namespace ?? 'default';
    const input = { ...r, metadata: { ...r.metadata, namespace: ns } };
    const current = this.#cache.get(key(r.kind, ns, r.metadata.name));
    if (this.#followerSkips(input)) return { ok: false, code: 'STORE_CONFLICT', message: `not written: this replica (${this.leaderIdentity()}) is not the leader` };
    const owners = ownerReferencesFor(input, (k) => this.#cache.get(k));
    try {
      if (!current) {
        if (pre?.mode === 'update') return { ok: false, code: 'STORE_NOT_FOUND', message: `${r.kind} ${ns}/${r.metadata.name} not found` };
        const created = fromWire(await this.#objects.create(toWire(input, undefined, owners), undefined, undefined, this.#fieldManager));
        this.#changed('ADDED', created);
        return { ok: true, action: 'created', resource: created };
      }
      if (pre?.mode === 'create') return { ok: false, code: 'STORE_ALREADY_EXISTS', message: `${r.kind} ${ns}/${r.metadata.name} already exists` };
      if (!pre?.resourceVersion && sameBody(current, { ...current, ...input, metadata: { ...current.metadata, labels: input.metadata.labels ?? {}, annotations: input.metadata.annotations ?? {} } } as Resource)) {
        return { ok: true, action: 'unchanged', resource: current };
      }
      const replaced = fromWire(await this.#objects.replace({ ...toWire(input, pre?.resourceVersion ?? current.metadata.resourceVersion, owners), ...(current.status !== undefined ? { status: current.status } : {}) }, undefined, undefined, this.#fieldManager));
      this.#changed('MODIFIED', replaced);
      return { ok: true, action: 'configured', resource: replaced };
    } catch (err) {
      return { ok: false, ...failure(err) };
    }
  }

  async applyMany(rs: readonly ResourceInput[]): Promise<ApplyResult[]> {
    const out: ApplyResult[] = [];
    for (const r of rs) out.push(await this.apply(r));
    return out;
  }

  async get(kind: string, namespace: string, name: string): Promise<Resource | undefined> {
    return this.#cache.get(key(kind, namespace, name));
  }

  async list(kind?: string, namespace?: string): Promise<Resource[]> {
    return [...this.#cache.values()]
      .filter((r) => (kind === undefined || r.kind === kind) && (namespace === undefined || r.metadata.namespace === namespace))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.metadata.namespace.localeCompare(b.metadata.namespace) || a.metadata.name.localeCompare(b.metadata.name));
  }

  async delete(kind: string, namespace: string, name: string): Promise<boolean> {
    const current = this.#cache.get(key(kind, namespace, name));
    if (!current || this.#followerSkips(current)) return false;
    try {
      await this.#objects.delete({ apiVersion: current.apiVersion, kind, metadata: { name, namespace } });
      this.#changed('DELETED', current);
      return true;
    } catch (err) {
      if (err instanceof ApiException && err.code === 404) return false;
      throw err;
    }
  }

  async updateStatus(kind: string, namespace: string, name: string, status: unknown): Promise<boolean> {
    const current = this.#cache.get(key(kind, namespace, name));
    const def = KINDS.find((d) => d.kind === kind);
    const group = def ? groupOf(def.apiVersion) : '';
    if (!current || !def || !group) return false; // only the Gloo kinds have a /status subresource
    if (!this.isLeader()) return false; // a follower computes statuses but does not write them
    try {
      const body = { ...toWire(current as ResourceInput), status };
      const written = await this.#custom.replaceNamespacedCustomObjectStatus({ group, version: def.apiVersion.slice(group.length + 1), namespace, plural: def.plural, name, body, fieldManager: this.#fieldManager });
      this.#changed('MODIFIED', fromWire(written as KubernetesObject));
      this.#o.onStatusWritten?.({ kind, namespace, name });
      return true;
    } catch (err) {
      if (err instanceof ApiException && err.code === 404) return false;
      throw err;
    }
  }

  async updateStatuses(updates: readonly StatusWrite[]): Promise<boolean[]> {
    const out: boolean[] = [];
    for (const u of updates) out.push(await this.updateStatus(u.kind, u.namespace, u.name, u.status));
    return out;
  }

  watch(onEvent: (e: WatchEvent) => void, fromRevision?: number): () => void {
    if (fromRevision !== undefined) for (const e of this.#log) if (e.revision > fromRevision) onEvent(e);
    this.#listeners.add(onEvent);
    return () => this.#listeners.delete(onEvent);
  }

  async recordEvent(ref: ObjectRef, event: EventInput): Promise<void> {
    if (!this.isLeader()) return;
    const owner = this.#cache.get(key(ref.kind, ref.namespace, ref.name));
    const now = new Date().toISOString();
    try {
      await this.#core.createNamespacedEvent({
        namespace: ref.namespace,
        fieldManager: this.#fieldManager,
        body: {
          metadata: { generateName: `${ref.name}.`, namespace: ref.namespace },
          involvedObject: { kind: ref.kind, namespace: ref.namespace, name: ref.name, ...(owner ? { uid: owner.metadata.uid, apiVersion: owner.apiVersion } : {}) },
          type: event.type,
          reason: event.reason,
          message: event.message,
          count: 1,
          firstTimestamp: new Date(now),
          lastTimestamp: new Date(now),
          source: { component: 'portico-controller' },
        },
      });
    } catch (err) {
      // An event is a report, not state: a server that refuses it is reported, and the reconcile goes on.
      this.#o.onError?.(err, `event ${event.reason} on ${ref.kind} ${ref.namespace}/${ref.name}`);
    }
  }

  async recordEvents(events: readonly { ref: ObjectRef; event: EventInput }[]): Promise<void> {
    for (const e of events) await this.recordEvent(e.ref, e.event);
  }

  async events(ref: ObjectRef): Promise<StoreEvent[]> {
    const list = await this.#core.listNamespacedEvent({ namespace: ref.namespace, fieldSelector: `involvedObject.kind=${ref.kind},involvedObject.name=${ref.name}` });
    return list.items.map((e) => ({
      type: e.type === 'Warning' ? 'Warning' : 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      involvedObject: ref,
      count: e.count ?? 1,
      firstTimestamp: new Date(e.firstTimestamp ?? 0).toISOString(),
      lastTimestamp: new Date(e.lastTimestamp ?? 0).toISOString(),
    }));
  }

  async revision(): Promise<number> {
    return this.#revision;
  }

  async oldestRevision(): Promise<number> {
    return this.#oldest;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#elector?.stop();
    await Promise.all(this.#informers.map((i) => i.stop()));
  }
}

function sameBody(a: Resource, b: Resource): boolean {
  const body = (r: Resource) => JSON.stringify([r.spec, r.data, r.type, r.metadata.labels, r.metadata.annotations]);
  return body(a) === body(b);
}

function failure(err: unknown): { code: StoreErrorCode; message: string } {
  if (!(err instanceof ApiException)) return { code: 'STORE_IO', message: (err as Error).message };
  const body = typeof err.body === 'string' ? safeJson(err.body) : (err.body as { message?: string; reason?: string });
  const message = body?.message ?? err.message;
  if (err.code === 409) return { code: body?.reason === 'AlreadyExists' ? 'STORE_ALREADY_EXISTS' : 'STORE_CONFLICT', message };
  if (err.code === 404) return { code: 'STORE_NOT_FOUND', message };
  if (err.code === 400 || err.code === 422) return { code: 'STORE_INVALID_INPUT', message };
  return { code: 'STORE_IO', message: `${err.code}: ${message}` };
}

function safeJson(s: string): { message?: string; reason?: string } | undefined {
  try {
    return JSON.parse(s) as { message?: string; reason?: string };
  } catch {
    return undefined;
  }
}
