// GET /v1/watch?kind=rt[&namespace=ns][&fromRevision=N]: the store's watch over HTTP, one JSON object per line
// (`{type, revision, statusOnly, object}`), until the client disconnects. Lets `portico get -w` (and a data plane in
// another process) follow changes without polling.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveKind } from '@portico/api';
import type { Store } from '@portico/store';
import { HttpError } from './http.ts';

export function serveWatch(store: Store, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const kindParam = url.searchParams.get('kind');
  const def = kindParam ? resolveKind(kindParam) : undefined;
  if (kindParam && !def) throw new HttpError(404, 'CP_UNKNOWN_KIND', `the server doesn't have a resource type "${kindParam}"`);
  const namespace = url.searchParams.get('namespace');
  const fromParam = url.searchParams.get('fromRevision');
  const from = fromParam === null ? undefined : Number(fromParam);
  if (from !== undefined && (!Number.isInteger(from) || from < 0)) throw new HttpError(400, 'CP_BAD_REQUEST', 'fromRevision must be a non-negative integer');
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
  res.flushHeaders();
  const stop = store.watch((e) => {
    if (def && e.object.kind !== def.kind) return;
    if (namespace && e.object.metadata.namespace !== namespace) return;
    res.write(JSON.stringify(e) + '\n');
  }, from);
  // Keep idle connections (and proxies) from timing out.
  const heartbeat = setInterval(() => res.write('\n'), 15_000);
  const end = () => {
    clearInterval(heartbeat);
    stop();
  };
  req.once('close', end);
  res.once('close', end);
}
