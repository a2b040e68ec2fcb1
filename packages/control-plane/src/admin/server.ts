// The admin HTTP API the CLI talks to (default 127.0.0.1:9900). JSON in and out; errors are
// `{ ok: false, code, message }` with a 4xx status naming what was wrong.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KINDS, resolveKind } from '@portico/api';
import type { Store } from '@portico/store';
import type { Reconciler } from '../reconciler/reconciler.ts';
import { attachStatuses } from './apply-status.ts';
import { deleteBatch, parseDeleteRequest } from './delete-batch.ts';
import { applyDocuments, parseApplyRequest } from './apply.ts';
import { allowedHosts, checkBind, checkRequest, type AdminGuard } from './guard.ts';
import { HttpError, readBody, sendError, sendJson } from './http.ts';
import { serveWatch } from './watch.ts';
import { redactSnapshot } from './redact.ts';

export interface AdminServerOptions {
  store: Store;
  reconciler: Reconciler;
  host?: string;
  port?: number;
  /** Extra fields for GET /v1/status (e.g. what `up` started, where it listens). */
  info?: () => Record<string, unknown>;
  stages?: { loaded: string[] };
  /** Token and bind policy (guard.ts). Default: no token, loopback only. */
  guard?: AdminGuard;
}

export interface AdminServer {
  server: Server;
  url: string;
  /**
   * Serves another component's plain-HTTP endpoint next to the API (e.g. ext-auth's Prometheus `/metrics`), so an
   * all-in-one process exposes one operations port. Paths under /v1 belong to the API and cannot be mounted.
   */
  mount(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

export async function startAdminServer(o: AdminServerOptions): Promise<AdminServer> {
  const mounts = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const guard: AdminGuard = o.guard ?? { token: null };
  checkBind(o.host ?? '127.0.0.1', guard);
  let hosts: Set<string> | null = null;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://admin').pathname;
    const fail = (err: unknown) => {
      if (err instanceof HttpError) sendError(res, err.status, err.code, err.message);
      else sendError(res, 500, 'CP_INTERNAL', (err as Error).message);
    };
    // Liveness and readiness say nothing but up/ready: probes reach them without the token.
    if (path !== '/healthz' && path !== '/readyz') {
      try {
        checkRequest(req, guard, hosts);
      } catch (err) {
        return fail(err);
      }
    }
    const mounted = mounts.get(path);
    if (mounted) return mounted(req, res);
    handle(o, req, res).catch(fail);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 9900, o.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  hosts = allowedHosts(o.host ?? '127.0.0.1', addr.port);
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    server,
    url: `http://${host}:${addr.port}`,
    mount(path, handler) {
      if (path === '/v1' || path.startsWith('/v1/') || path === '/healthz') throw new TypeError(`admin API: ${path} belongs to the API and cannot be mounted`);
      mounts.set(path, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // includes open watch streams
      }),
  };
}

async function handle(o: AdminServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://admin');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? 'GET';
  if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
  if (parts[0] !== 'v1') throw new HttpError(404, 'CP_NOT_FOUND', `no route ${method} ${url.pathname}; the admin API lives under /v1`);
  const [, resource, ...rest] = parts;
  if (resource === 'status' && method === 'GET') return sendJson(res, 200, await status(o));
  if (resource === 'kinds' && method === 'GET') {
    return sendJson(res, 200, { ok: true, kinds: KINDS.map((k) => ({ kind: k.kind, apiVersion: k.apiVersion, plural: k.plural, shortNames: k.shortNames, readOnly: k.readOnly ?? false })) });
  }
  if (resource === 'watch' && method === 'GET') return serveWatch(o.store, req, res, url);
  if (resource === 'snapshot' && method === 'GET') return sendJson(res, 200, { ok: true, snapshot: redactSnapshot(o.reconciler.current()) });
  if (resource === 'apply') {
    if (method !== 'POST') throw new HttpError(405, 'CP_METHOD_NOT_ALLOWED', 'use POST /v1/apply');
    const request = parseApplyRequest(await readBody(req), String(req.headers['content-type'] ?? 'application/json'), url.searchParams.get('file'));
    const results = await applyDocuments(o.store, request);
    if (url.searchParams.get('wait') !== 'false' && (await o.reconciler.waitFor())) await attachStatuses(o.store, results);
    const ok = results.every((r) => r.ok);
    return sendJson(res, ok ? 200 : 422, ok ? { ok, results } : { ok, code: 'CP_INVALID_MANIFEST', message: `${results.filter((r) => !r.ok).length} of ${results.length} document(s) failed`, results });
  }
  if (resource === 'delete' && method === 'POST') {
    const results = await deleteBatch(o.store, o.reconciler, parseDeleteRequest(await readBody(req)), url.searchParams.get('wait') !== 'false');
    return sendJson(res, 200, { ok: results.every((r) => r.ok), results });
  }
  if (resource === 'resources') return resources(o, method, rest, url, res);
  throw new HttpError(404, 'CP_NOT_FOUND', `no route ${method} ${url.pathname}`);
}

async function resources(o: AdminServerOptions, method: string, rest: string[], url: URL, res: ServerResponse): Promise<void> {
  const [kindName, namespace, name, sub] = rest;
  if (!kindName) throw new HttpError(400, 'CP_BAD_REQUEST', 'missing kind: GET /v1/resources/{kind}[/{namespace}[/{name}]]');
  const def = resolveKind(kindName);
  if (!def) throw new HttpError(404, 'CP_UNKNOWN_KIND', `the server doesn't have a resource type "${kindName}"`);
  const kind = def.kind;
  if (name === undefined) {
    if (method !== 'GET') throw new HttpError(405, 'CP_METHOD_NOT_ALLOWED', `${method} needs /v1/resources/{kind}/{namespace}/{name}`);
    const revision = await o.store.revision(); // read first: a watch from here may repeat a change, never miss one
    const items = await o.store.list(kind, namespace);
    const selector = url.searchParams.get('labelSelector');
    return sendJson(res, 200, { ok: true, kind, apiVersion: def.apiVersion, revision, items: selector ? items.filter((r) => matchesSelector(r.metadata.labels, selector)) : items });
  }
  if (sub === 'events' && method === 'GET') {
    return sendJson(res, 200, { ok: true, events: await o.store.events({ kind, namespace: namespace!, name }) });
  }
  if (sub !== undefined) throw new HttpError(404, 'CP_NOT_FOUND', `no sub-resource ${sub}; try events`);
  if (method === 'GET') {
    const r = await o.store.get(kind, namespace!, name);
    if (!r) throw new HttpError(404, 'CP_NOT_FOUND', `${def.plural} "${name}" not found in namespace "${namespace}"`);
    return sendJson(res, 200, { ok: true, resource: r });
  }
  if (method === 'DELETE') {
    const deleted = await o.store.delete(kind, namespace!, name);
    if (!deleted) throw new HttpError(404, 'CP_NOT_FOUND', `${def.plural} "${name}" not found in namespace "${namespace}"`);
    if (url.searchParams.get('wait') !== 'false') await o.reconciler.waitFor();
    return sendJson(res, 200, { ok: true, deleted: { kind, namespace, name } });
  }
  throw new HttpError(405, 'CP_METHOD_NOT_ALLOWED', `${method} is not supported on a resource; use GET or DELETE (and POST /v1/apply to change it)`);
}

/** Equality-based label selectors: `a=b,c!=d,e` (presence). */
export function matchesSelector(labels: Record<string, string>, selector: string): boolean {
  return selector
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .every((term) => {
      const ne = term.indexOf('!=');
      if (ne > 0) return labels[term.slice(0, ne)] !== term.slice(ne + 2);
      const eq = term.indexOf('=');
      if (eq > 0) return labels[term.slice(0, eq).trim()] === term.slice(eq + 1).replace(/^=/, '').trim();
      return term.startsWith('!') ? !(term.slice(1) in labels) : term in labels;
    });
}

async function status(o: AdminServerOptions): Promise<Record<string, unknown>> {
  const all = await o.store.list();
  const counts: Record<string, number> = {};
  for (const r of all) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  const snap = o.reconciler.current();
  return {
    ok: true,
    storeRevision: await o.store.revision(),
    snapshotRevision: snap?.revision ?? 0,
    translations: o.reconciler.stats.translations,
    lastTranslatedAt: o.reconciler.stats.lastTranslatedAt,
    stageFailures: o.reconciler.stats.lastFailures,
    stages: o.stages ?? null,
    resources: counts,
    ...(o.info?.() ?? {}),
  };
}
