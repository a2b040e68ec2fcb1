// Contract 2 (docs/architecture.md): the Store. The embedded SQLite store implements it today; a Kubernetes-backed
// store (CRDs, list/watch, status subresource, Events API) implements the same interface later — nothing here
// assumes SQLite (revisions are Kubernetes-style opaque resourceVersions that happen to be numbers).
import type { ObjectRef, Resource, ResourceInput } from '@portico/api';
import type { StoreErrorCode } from './errors.ts';

export type ApplyResult =
  | { ok: true; action: 'created' | 'configured' | 'unchanged'; resource: Resource }
  | { ok: false; code: StoreErrorCode; message: string };

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** Store revision of this change (resource.metadata.resourceVersion for ADDED/MODIFIED). */
  revision: number;
  /** The object after the change (before it, for DELETED). */
  object: Resource;
  /** true when only status changed — translation can ignore these (status is its own output). */
  statusOnly: boolean;
}

export interface EventInput {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** A Kubernetes-style event about one resource; repeats of the same event bump `count`. */
export interface StoreEvent extends EventInput {
  involvedObject: ObjectRef;
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
}

export interface StatusWrite {
  kind: string;
  namespace: string;
  name: string;
  status: unknown;
}

/** Optimistic concurrency for one apply (the Kubernetes API's create / update semantics). */
export interface ApplyPrecondition {
  /** 'create': fail with STORE_ALREADY_EXISTS when the object exists; 'update': fail with STORE_NOT_FOUND when not. */
  mode?: 'create' | 'update';
  /** Fail with STORE_CONFLICT unless the stored object's resourceVersion is this one. */
  resourceVersion?: string;
}

export interface Store {
  /** Create or update (spec/data, labels, annotations). generation bumps only when spec/data changes. The
   *  precondition is checked inside the write's transaction, so two writers cannot both pass it. */
  apply(r: ResourceInput, precondition?: ApplyPrecondition): Promise<ApplyResult>;
  /** apply() for a batch, one result per input, in order. An item that fails never stops the others. (An
   *  implementation may commit them together — the SQLite store does, in one transaction — or one by one.) */
  applyMany(rs: readonly ResourceInput[]): Promise<ApplyResult[]>;
  get(kind: string, namespace: string, name: string): Promise<Resource | undefined>;
  /** Ordered by kind, namespace, name. */
  list(kind?: string, namespace?: string): Promise<Resource[]>;
  delete(kind: string, namespace: string, name: string): Promise<boolean>;
  /** Replaces status; never bumps generation. Resolves false when the resource does not exist. */
  updateStatus(kind: string, namespace: string, name: string, status: unknown): Promise<boolean>;
  /** updateStatus() for a batch; one boolean per update. */
  updateStatuses(updates: readonly StatusWrite[]): Promise<boolean[]>;
  /** Calls onEvent for every change after `fromRevision` (replayed first, in order), then live. Returns unsubscribe.
   *  Without fromRevision only live changes are delivered. */
  watch(onEvent: (e: WatchEvent) => void, fromRevision?: number): () => void;
  recordEvent(ref: ObjectRef, event: EventInput): Promise<void>;
  recordEvents(events: readonly { ref: ObjectRef; event: EventInput }[]): Promise<void>;
  /** Oldest first. */
  events(ref: ObjectRef): Promise<StoreEvent[]>;
  /** The revision of the latest change. */
  revision(): Promise<number>;
  /** The oldest revision `watch(fn, fromRevision)` replays exactly from; older ones get a relist. */
  oldestRevision(): Promise<number>;
  close(): Promise<void>;
}
