// Reading any served resource as wire objects: stored kinds from the store, Namespaces (stored ones plus every
// namespace that holds resources), Events (the store's per-object events).
import type { Resource } from '@portico/api';
import type { Store } from '@portico/store';
import type { ServedResource } from './catalog.ts';
import { impliedNamespace, toEvent, toWire, type WireObject } from './objects.ts';

export const NAMESPACE_SCOPE = ''; // how the store keys cluster-scoped objects
const STARTED_AT = new Date().toISOString(); // the age of an empty `default`

export async function listObjects(store: Store, r: ServedResource, namespace: string | undefined): Promise<WireObject[]> {
  if (r.def) return (await store.list(r.def.kind, namespace)).map(toWire);
  if (r.kind === 'Namespace') return listNamespaces(store);
  return listEvents(store, namespace);
}

export async function getObject(store: Store, r: ServedResource, namespace: string | undefined, name: string): Promise<WireObject | undefined> {
  if (r.def) {
    const found = await store.get(r.def.kind, namespace ?? '', name);
    return found ? toWire(found) : undefined;
  }
  if (r.kind === 'Namespace') return (await listNamespaces(store)).find((n) => n.metadata.name === name);
  return (await listEvents(store, namespace)).find((e) => e.metadata.name === name);
}

async function listNamespaces(store: Store): Promise<WireObject[]> {
  const revision = await store.revision();
  const stored = new Map((await store.list('Namespace', NAMESPACE_SCOPE)).map((n) => [n.metadata.name, toWire(n)]));
  const oldest = new Map<string, string>([['default', STARTED_AT]]);
  for (const res of await store.list()) {
    const ns = res.metadata.namespace;
    const seen = oldest.get(ns);
    if (ns && (seen === undefined || res.metadata.creationTimestamp < seen)) oldest.set(ns, res.metadata.creationTimestamp);
  }
  const names = new Set([...oldest.keys(), ...stored.keys()]);
  return [...names].sort().map((n) => stored.get(n) ?? impliedNamespace(n, revision, oldest.get(n)!));
}

async function listEvents(store: Store, namespace: string | undefined): Promise<WireObject[]> {
  const owners: Resource[] = await store.list(undefined, namespace);
  const out: WireObject[] = [];
  for (const owner of owners) {
    if (!owner.metadata.namespace) continue;
    const events = await store.events({ kind: owner.kind, namespace: owner.metadata.namespace, name: owner.metadata.name });
    events.forEach((e, i) => out.push(toEvent(e, owner, i)));
  }
  return out;
}
