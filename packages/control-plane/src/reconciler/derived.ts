// Upserts derived resources (AuthConfigs built from ExtAuthPolicies) with their status, and deletes stored
// derived resources that translation no longer produces.
import { refKey, type Resource } from '@portico/api';
import type { Store } from '@portico/store';
import type { DerivedResource } from '../translate/stage.ts';
import { writeStatuses } from './status-writer.ts';
import { buildResourceIndex } from '../translate/resource-index.ts';

export const DERIVED_FROM_ANNOTATION = 'portico.dev/derived-from';

export async function syncDerived(store: Store, derived: readonly DerivedResource[], derivedKinds: readonly string[], now: string): Promise<void> {
  const keep = new Set<string>();
  const applied: Resource[] = [];
  const statuses = [];
  const results = await store.applyMany(
    derived.map((d) => ({ ...d.resource, metadata: { ...d.resource.metadata, annotations: { ...(d.resource.metadata.annotations ?? {}), [DERIVED_FROM_ANNOTATION]: refKey(d.owner) } } })),
  );
  for (const [i, d] of derived.entries()) {
    const r = results[i]!;
    if (!r.ok) continue;
    keep.add(refKey({ kind: r.resource.kind, namespace: r.resource.metadata.namespace, name: r.resource.metadata.name }));
    applied.push(r.resource);
    const status = withObservedGeneration(d.status, r.resource.metadata.generation);
    statuses.push({ ref: { kind: r.resource.kind, namespace: r.resource.metadata.namespace, name: r.resource.metadata.name }, status });
  }
  await writeStatuses(store, buildResourceIndex(applied, 0), statuses, now);
  for (const kind of new Set(derivedKinds)) {
    for (const r of await store.list(kind)) {
      const key = refKey({ kind, namespace: r.metadata.namespace, name: r.metadata.name });
      if (!keep.has(key) && r.metadata.annotations[DERIVED_FROM_ANNOTATION] !== undefined) await store.delete(kind, r.metadata.namespace, r.metadata.name);
    }
  }
}

/** A stage cannot know the generation a derived resource gets when stored; fill it in. */
function withObservedGeneration(status: unknown, generation: number): unknown {
  if (status && typeof status === 'object' && 'observedGeneration' in status) return { ...status, observedGeneration: generation };
  return status;
}
