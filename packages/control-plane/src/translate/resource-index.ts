// Builds the ResourceIndex stages read: one pass over the stored resources, grouped by kind, each list in Gloo's
// "oldest first" order (creationTimestamp, then namespace/name for ties). Resources are deep-frozen so a stage
// cannot change what the next stage sees.
import type { Resource } from '@portico/api';
import { deepFreeze } from './freeze.ts';
import type { ResourceIndex } from './stage.ts';

export function buildResourceIndex(resources: readonly Resource[], revision: number): ResourceIndex {
  const byKind = new Map<string, Resource[]>();
  const byKey = new Map<string, Resource>();
  const sorted = [...resources].sort(
    (a, b) =>
      a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) ||
      a.metadata.namespace.localeCompare(b.metadata.namespace) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  for (const r of sorted) {
    deepFreeze(r);
    let list = byKind.get(r.kind);
    if (!list) byKind.set(r.kind, (list = []));
    list.push(r);
    byKey.set(`${r.kind}/${r.metadata.namespace}/${r.metadata.name}`, r);
  }
  return {
    revision,
    get<S, St>(kind: string, namespace: string, name: string) {
      return byKey.get(`${kind}/${namespace}/${name}`) as Resource<S, St> | undefined;
    },
    list<S, St>(kind: string, namespace?: string) {
      const all = (byKind.get(kind) ?? []) as Resource<S, St>[];
      return namespace === undefined ? all : all.filter((r) => r.metadata.namespace === namespace);
    },
  };
}
