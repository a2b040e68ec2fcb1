// GET on a collection: label and field selectors, limit/continue paging, and Table responses.
import type { Store } from '@portico/store';
import { badRequest, KubeError } from '../http/status.ts';
import { apiVersionOf, type ServedResource } from '../resources/catalog.ts';
import type { WireObject } from '../resources/objects.ts';
import { listObjects } from '../resources/read.ts';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../resources/selectors.ts';

export interface Selection {
  labels: ReturnType<typeof parseLabelSelector>;
  fields: ReturnType<typeof parseFieldSelector>;
}

export function selectionOf(q: URLSearchParams): Selection {
  return { labels: parseLabelSelector(q.get('labelSelector') ?? ''), fields: parseFieldSelector(q.get('fieldSelector') ?? '') };
}

export function selects(s: Selection, o: WireObject): boolean {
  return matchesLabels(o.metadata.labels, s.labels) && matchesFields(o, s.fields);
}

interface ContinueToken {
  rv: number;
  after: string;
}

const keyOf = (o: WireObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export async function listPage(store: Store, r: ServedResource, namespace: string | undefined, q: URLSearchParams): Promise<{ items: WireObject[]; meta: Record<string, unknown> }> {
  const selection = selectionOf(q);
  const revision = await store.revision(); // read first: a watch from here may repeat a change, never miss one
  const all = (await listObjects(store, r, namespace)).filter((o) => selects(selection, o)).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  let start = 0;
  let listRv = revision;
  const cont = q.get('continue');
  if (cont) {
    let token: ContinueToken;
    try {
      token = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as ContinueToken;
    } catch {
      throw badRequest('continue key is not valid: it was not issued by this server');
    }
    if (token.rv < (await store.oldestRevision())) throw new KubeError(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
    listRv = token.rv;
    start = all.findIndex((o) => keyOf(o) > token.after);
    if (start < 0) start = all.length;
  }
  const limitParam = Number(q.get('limit') ?? 0);
  const limit = Number.isInteger(limitParam) && limitParam > 0 ? limitParam : Infinity;
  const items = all.slice(start, start + limit);
  const more = start + items.length < all.length;
  const meta: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (more) {
    meta.continue = Buffer.from(JSON.stringify({ rv: listRv, after: keyOf(items.at(-1)!) } satisfies ContinueToken)).toString('base64url');
    meta.remainingItemCount = all.length - start - items.length;
  }
  return { items, meta };
}

export function listObject(r: ServedResource, items: WireObject[], meta: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: apiVersionOf(r), kind: `${r.kind}List`, metadata: meta, items };
}
