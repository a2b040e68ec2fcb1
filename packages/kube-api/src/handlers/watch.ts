// ?watch=true: the store's watch as Kubernetes watch events, one JSON object per line. From a resourceVersion the
// store still has, changes after it are replayed; older ones get an ERROR event with 410 Expired (clients relist);
// without one, the current objects come first as ADDED. Bookmarks (allowWatchBookmarks) carry the latest revision.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store, WatchEvent } from '@portico/store';
import { statusObject } from '../http/status.ts';
import type { ServedResource } from '../resources/catalog.ts';
import { toWire, type WireObject } from '../resources/objects.ts';
import { selectionOf, selects } from './list.ts';
import { listObjects } from '../resources/read.ts';

export interface WatchOptions {
  bookmarkIntervalMs: number;
  /** Wraps each object (Table rows for `kubectl get -w`). */
  render: (o: WireObject) => unknown;
}

export async function serveWatch(store: Store, r: ServedResource, namespace: string | undefined, q: URLSearchParams, req: IncomingMessage, res: ServerResponse, o: WatchOptions): Promise<void> {
  const selection = selectionOf(q);
  const kind = r.def?.kind ?? r.kind;
  const rvParam = q.get('resourceVersion') ?? '';
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
  res.flushHeaders();
  const send = (type: string, object: unknown) => res.write(JSON.stringify({ type, object }) + '\n');
  let latest = await store.revision();
  let from: number;
  // With a selector, an object that stops matching is DELETED for this watcher and one that starts matching ADDED,
  // as the API server does; `matching` holds what the watcher has been shown.
  const keyOf = (obj: WireObject) => `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
  const current = await listObjects(store, r, namespace);
  const matching = new Set(current.filter((obj) => selects(selection, obj)).map(keyOf));
  if (rvParam === '' || rvParam === '0') {
    for (const obj of current) if (matching.has(keyOf(obj))) send('ADDED', o.render(obj));
    from = latest;
  } else {
    from = Number(rvParam);
    if (!Number.isInteger(from) || from < (await store.oldestRevision())) {
      send('ERROR', statusObject('Failure', 410, 'Expired', `too old resource version: ${rvParam} (${await store.oldestRevision()})`));
      res.end();
      return;
    }
  }
  const onEvent = (e: WatchEvent) => {
    latest = Math.max(latest, e.revision);
    if (e.object.kind !== kind) return;
    if (namespace !== undefined && e.object.metadata.namespace !== namespace) return;
    const obj = toWire(e.object);
    if (e.type === 'DELETED') obj.metadata.resourceVersion = String(e.revision);
    const key = keyOf(obj);
    const was = matching.has(key);
    const is = e.type !== 'DELETED' && selects(selection, obj);
    if (is) matching.add(key);
    else matching.delete(key);
    if (e.type === 'DELETED') {
      if (was || selects(selection, obj)) send('DELETED', o.render(obj));
    } else if (is) send(was || e.type === 'ADDED' ? e.type : 'ADDED', o.render(obj));
    else if (was) send('DELETED', o.render(obj));
  };
  const stop = store.watch(onEvent, from);
  const bookmarks = q.get('allowWatchBookmarks') === 'true'
    ? setInterval(() => send('BOOKMARK', { kind: r.kind, apiVersion: r.group ? `${r.group}/${r.version}` : r.version, metadata: { resourceVersion: String(latest) } }), o.bookmarkIntervalMs)
    : null;
  const timeoutSeconds = Number(q.get('timeoutSeconds') ?? 0);
  const timeout = timeoutSeconds > 0 ? setTimeout(() => res.end(), timeoutSeconds * 1000) : null;
  const end = () => {
    stop();
    if (bookmarks) clearInterval(bookmarks);
    if (timeout) clearTimeout(timeout);
  };
  req.once('close', end);
  res.once('close', end);
}
