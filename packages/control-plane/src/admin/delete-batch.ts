// POST /v1/delete {"targets":[{kind, namespace, name}…]}: deletes a batch and waits for ONE reconciliation (issue 11:
// `delete -f` of 5,000 documents waited for a full translation per document, 21 minutes). The deletes run back to
// back, so the debounced reconciler translates once after the last; each target gets its own result.
import { resolveKind } from '@portico/api';
import type { Store } from '@portico/store';
import type { Reconciler } from '../reconciler/reconciler.ts';
import { HttpError } from './http.ts';

export interface DeleteTarget {
  kind: string;
  namespace: string;
  name: string;
}

export type DeleteResult = DeleteTarget & ({ ok: true } | { ok: false; code: 'CP_UNKNOWN_KIND' | 'CP_NOT_FOUND'; message: string });

const MAX_TARGETS = 100_000;

export function parseDeleteRequest(body: string): DeleteTarget[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw new HttpError(400, 'CP_BAD_REQUEST', `request body is not JSON: ${(err as Error).message}`);
  }
  const targets = (parsed as { targets?: unknown }).targets;
  const valid = (t: unknown): t is DeleteTarget => {
    const o = t as Record<string, unknown> | null;
    return typeof o === 'object' && o !== null && typeof o.kind === 'string' && typeof o.namespace === 'string' && typeof o.name === 'string';
  };
  if (!Array.isArray(targets) || targets.length > MAX_TARGETS || !targets.every(valid)) {
    throw new HttpError(400, 'CP_BAD_REQUEST', `body must be {"targets":[{"kind","namespace","name"}]} with at most ${MAX_TARGETS} targets`);
  }
  return targets;
}

export async function deleteBatch(store: Store, reconciler: Reconciler, targets: DeleteTarget[], wait: boolean): Promise<DeleteResult[]> {
  const results: DeleteResult[] = [];
  for (const t of targets) {
    const def = resolveKind(t.kind);
    if (!def) {
      results.push({ ...t, ok: false, code: 'CP_UNKNOWN_KIND', message: `the server doesn't have a resource type "${t.kind}"` });
      continue;
    }
    const deleted = await store.delete(def.kind, t.namespace, t.name);
    results.push(deleted ? { ...t, kind: def.kind, ok: true } : { ...t, kind: def.kind, ok: false, code: 'CP_NOT_FOUND', message: `${def.plural} "${t.name}" not found in namespace "${t.namespace}"` });
  }
  if (wait) await reconciler.waitFor();
  return results;
}
