// The Kubernetes API face of Portico: HTTPS with a generated CA, bearer-token authentication, discovery, OpenAPI,
// and get/list/watch/create/update/patch/delete on every served resource — over the same Store and the same
// validation as the admin API. Nothing is written twice: both faces store through Store.apply.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Store } from '@portico/store';
import { coreVersions, group, groupList, resourceList, SERVER_VERSION } from './handlers/discovery.ts';
import { listObject, listPage, selectionOf, selects } from './handlers/list.ts';
import { createEvent } from './handlers/events.ts';
import { applyPatch, patchTypeOf } from './handlers/patch.ts';
import { serveWatch } from './handlers/watch.ts';
import { checkIdentity, persist, type WriteOptions } from './handlers/write.ts';
import { openAuditLog, type AuditLog } from './http/audit.ts';
import { decodeBody, readBody, readRawBody, sendJson, warningHeaders } from './http/io.ts';
import { parseResourcePath, type ResourcePath } from './http/route.ts';
import { badRequest, KubeError, methodNotAllowed, notFound, statusObject } from './http/status.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { openApiV2, openApiV3GroupVersion, openApiV3Root } from './openapi/docs.ts';
import { openApiV2Protobuf } from './openapi/v2-protobuf.ts';
import { ownersOf, serverSideApply } from './patch/ownership.ts';
import { EVENT, qualifiedResource, verbsOf } from './resources/catalog.ts';
import { toWire, type WireObject } from './resources/objects.ts';
import { LEASE, LeaseTable } from './resources/leases.ts';
import { getObject, listObjects, NAMESPACE_SCOPE } from './resources/read.ts';
import { toTable, type IncludeObject } from './resources/table.ts';
import { ensurePki } from './tls/pki.ts';
import { bearerMatches } from './tls/token.ts';

export interface KubeApiOptions {
  store: Store;
  /** The bearer token every request but health checks must carry. */
  token: string;
  /** State directory: the CA and serving certificate go to `<stateDir>/kube-api/`. */
  stateDir: string;
  host?: string;
  port?: number;
  /** Where to write the kubeconfig (default `<stateDir>/kubeconfig`); null writes none. */
  kubeconfigPath?: string | null;
  /** Awaited after a write, before answering (the control plane's translation), so a following read shows status. */
  afterWrite?: () => Promise<unknown>;
  bookmarkIntervalMs?: number;
  /** Who runs the control plane: 'embedded' (default; `portico up`) — it derives AuthConfigs itself, so clients may
   *  only read them; 'external' — a controller in another process (`portico up --kubernetes`) writes them, as on a
   *  cluster with Portico's CRDs installed. */
  controller?: 'embedded' | 'external';
  /** Append an audit.k8s.io/v1 Event per write request to this file (http/audit.ts). */
  auditLogPath?: string;
  /** Audit reads (get, list, watch) too. */
  auditReads?: boolean;
}

export interface KubeApi {
  server: Server;
  url: string;
  kubeconfigPath: string | null;
  caPem: string;
  close(): Promise<void>;
}

export const DEFAULT_KUBE_API_PORT = 6443;

export async function startKubeApi(o: KubeApiOptions): Promise<KubeApi> {
  const host = o.host ?? '127.0.0.1';
  const pki = ensurePki(join(o.stateDir, 'kube-api'), [host]);
  const audit = o.auditLogPath ? openAuditLog(o.auditLogPath, { reads: o.auditReads === true }) : null;
  const ctx: Ctx = { store: o.store, afterWrite: o.afterWrite ?? (async () => undefined), bookmarkIntervalMs: o.bookmarkIntervalMs ?? 30_000, address: '', leases: new LeaseTable(), derivedWritable: o.controller === 'external', audit };
  const server = createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
    handle(ctx, o.token, req, res).catch((err: unknown) => {
      const e = err instanceof KubeError ? err : new KubeError(500, 'InternalError', `Internal error occurred: ${(err as Error).message}`);
      if (res.headersSent) return res.end();
      sendJson(res, e.code, e.toStatus());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? DEFAULT_KUBE_API_PORT, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `https://${urlHost}:${addr.port}`;
  ctx.address = `${urlHost}:${addr.port}`;
  const kubeconfigPath = o.kubeconfigPath === null ? null : (o.kubeconfigPath ?? join(o.stateDir, 'kubeconfig'));
  if (kubeconfigPath) writeKubeconfig(kubeconfigPath, { server: url, caPem: pki.caPem, token: o.token });
  return {
    server,
    url,
    kubeconfigPath,
    caPem: pki.caPem,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => void (audit ? audit.close().then(resolve) : resolve()));
        server.closeAllConnections(); // includes open watches
      }),
  };
}

interface Ctx {
  store: Store;
  afterWrite: () => Promise<unknown>;
  bookmarkIntervalMs: number;
  address: string;
  leases: LeaseTable;
  derivedWritable: boolean;
  audit: AuditLog | null;
}

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

async function handle(ctx: Ctx, token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://kube-api');
  const method = req.method ?? 'GET';
  if (HEALTH.has(url.pathname)) {
    res.writeHead(200, { 'content-type': 'text/plain' });
    return void res.end('ok');
  }
  if (!bearerMatches(req.headers.authorization, token)) throw new KubeError(401, 'Unauthorized', 'Unauthorized: a bearer token is required (see the kubeconfig that portico up writes)');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const p = url.pathname.replace(/\/+$/, '');
  if (method === 'GET') {
    if (p === '/version') return sendJson(res, 200, SERVER_VERSION);
    if (p === '/api') return sendJson(res, 200, coreVersions(ctx.address));
    if (p === '/apis') return sendJson(res, 200, groupList());
    if (p === '/openapi/v2') return openApiV2Response(req, res);
    if (p === '/openapi/v3') return sendJson(res, 200, openApiV3Root());
    if (parts[0] === 'openapi' && parts[1] === 'v3') {
      const gv = openApiV3GroupVersion(parts.slice(2).join('/'));
      if (!gv) throw notFound('openapi', parts.slice(2).join('/'));
      return sendJson(res, 200, gv.doc, { etag: `"${gv.hash}"` });
    }
    if (parts[0] === 'api' && parts.length === 2) {
      const list = resourceList('', parts[1]!, ctx.derivedWritable);
      if (!list) throw notFound('groupversion', parts[1]!);
      return sendJson(res, 200, list);
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      const g = group(parts[1]!);
      if (!g) throw notFound('group', parts[1]!);
      return sendJson(res, 200, g);
    }
    if (parts[0] === 'apis' && parts.length === 3) {
      const list = resourceList(parts[1]!, parts[2]!, ctx.derivedWritable);
      if (!list) throw notFound('groupversion', `${parts[1]}/${parts[2]}`);
      return sendJson(res, 200, list);
    }
  }
  const path = parseResourcePath(parts);
  if (!path) throw new KubeError(404, 'NotFound', `the server could not find the requested resource (${method} ${url.pathname})`);
  return resource(ctx, path, method, url.searchParams, req, res);
}

function openApiV2Response(req: IncomingMessage, res: ServerResponse): void {
  const accept = String(req.headers.accept ?? '');
  if (accept.includes('protobuf')) {
    const body = openApiV2Protobuf();
    res.writeHead(200, { 'content-type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'content-length': body.length });
    return void res.end(body);
  }
  sendJson(res, 200, openApiV2());
}

function wantsTable(req: IncomingMessage): boolean {
  return /as=Table/.test(String(req.headers.accept ?? ''));
}

function includeObject(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function writeOptions(q: URLSearchParams, derivedWritable: boolean): WriteOptions {
  const dryRun = q.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All')) throw badRequest(`Invalid dryRun value: ${dryRun.join(',')}; the only supported value is All`);
  const fv = q.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(fv)) throw badRequest(`fieldValidation must be Strict, Warn or Ignore, got ${JSON.stringify(fv)}`);
  const manager = q.get('fieldManager');
  if (manager !== null && (manager.length > 128 || !/^[\x20-\x7e]*$/.test(manager))) throw badRequest('fieldManager: Invalid value: must be at most 128 printable characters');
  return { dryRun: dryRun.length > 0, fieldValidation: fv, derivedWritable };
}

async function resource(ctx: Ctx, path: ResourcePath, method: string, q: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { resource: r, namespace, name, subresource } = path;
  const table = wantsTable(req);
  const verb = name === undefined ? ({ GET: q.get('watch') === 'true' || q.get('watch') === '1' ? 'watch' : 'list', POST: 'create', DELETE: 'deletecollection' } as Record<string, string>)[method] : ({ GET: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } as Record<string, string>)[method];
  if (verb) ctx.audit?.record(req, res, verb, path); // refused writes too, once answered
  const allowed = subresource === 'status' ? ['get', 'update', 'patch'] : verbsOf(r, ctx.derivedWritable);
  if (!verb || !allowed.includes(verb)) throw methodNotAllowed(`the server does not allow this method on the requested resource (${method} ${qualifiedResource(r)}${subresource ? `/${subresource}` : ''})`);

  if (r === LEASE) return leaseRequest(ctx.leases, verb, namespace, name, req, res);
  if (verb === 'watch') {
    return serveWatch(ctx.store, r, namespace, q, req, res, { bookmarkIntervalMs: ctx.bookmarkIntervalMs, render: (o) => (table ? toTable(r, [o], {}, includeObject(q) === 'Metadata' ? 'Object' : includeObject(q)) : o) });
  }
  if (verb === 'list') {
    const { items, meta } = await listPage(ctx.store, r, namespace, q);
    return sendJson(res, 200, table ? toTable(r, items, meta, includeObject(q)) : listObject(r, items, meta));
  }
  if (verb === 'get') {
    const o = await getObject(ctx.store, r, namespace, name!);
    if (!o) throw notFound(qualifiedResource(r), name!);
    return sendJson(res, 200, table ? toTable(r, [o], { resourceVersion: o.metadata.resourceVersion }, includeObject(q)) : o);
  }
  if (verb === 'delete' || verb === 'deletecollection') {
    const opts = writeOptions(q, ctx.derivedWritable);
    const targets = verb === 'delete' ? [await getObject(ctx.store, r, namespace, name!)] : (await listObjects(ctx.store, r, namespace)).filter((o) => selects(selectionOf(q), o));
    if (verb === 'delete' && !targets[0]) throw notFound(qualifiedResource(r), name!);
    const body = verb === 'delete' ? await readBody(req) : '';
    const pre = (body ? (decodeBody(body, 'application/json') as { preconditions?: { uid?: string; resourceVersion?: string } }) : {}).preconditions;
    for (const t of targets as WireObject[]) {
      if (pre?.uid && pre.uid !== t.metadata.uid) throw new KubeError(409, 'Conflict', `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${t.metadata.uid}`);
      if (pre?.resourceVersion && pre.resourceVersion !== t.metadata.resourceVersion) throw new KubeError(409, 'Conflict', `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${t.metadata.resourceVersion}`);
      if (!opts.dryRun) await deleteObject(ctx, r, t);
    }
    if (!opts.dryRun && targets.length) await ctx.afterWrite();
    if (verb === 'delete') {
      const t = targets[0]!;
      return sendJson(res, 200, statusObject('Success', 200, '', '', { name: t.metadata.name, group: r.group, kind: r.plural, uid: String(t.metadata.uid) }));
    }
    return sendJson(res, 200, listObject(r, targets as WireObject[], {}));
  }

  const opts = writeOptions(q, ctx.derivedWritable);
  const body = await readRawBody(req);
  const contentType = String(req.headers['content-type'] ?? 'application/json');
  if (r === EVENT && verb === 'create') return sendJson(res, 201, await createEvent(ctx.store, namespace, decodeBody(body, contentType), opts.dryRun));
  if (verb === 'create') {
    const o = checkIdentity(r, decodeBody(body, contentType), namespace, undefined);
    const w = await persist(ctx.store, r, o, { mode: 'create' }, opts, ctx.afterWrite);
    return sendJson(res, 201, w.object, warningHeaders(w.warnings));
  }
  if (subresource === 'status') return writeStatus(ctx, path, verb, body, contentType, res);
  if (verb === 'update') {
    const o = checkIdentity(r, decodeBody(body, contentType), namespace, name);
    const rv = o.metadata.resourceVersion;
    const w = await persist(ctx.store, r, o, { mode: 'update', ...(rv ? { resourceVersion: String(rv) } : {}) }, opts, ctx.afterWrite);
    return sendJson(res, 200, w.object, warningHeaders(w.warnings));
  }
  // patch
  const type = patchTypeOf(contentType, r);
  const patch = decodeBody(body, type === 'application/apply-patch+yaml' ? 'application/yaml' : 'application/json');
  if (type === 'application/apply-patch+yaml' && !q.get('fieldManager')) throw badRequest('PATCH with application/apply-patch+yaml requires the fieldManager parameter');
  for (let attempt = 0; ; attempt++) {
    const current = await getObject(ctx.store, r, namespace, name!);
    if (!current && type !== 'application/apply-patch+yaml') throw notFound(qualifiedResource(r), name!);
    const base = current ?? ({ apiVersion: '', kind: '', metadata: { name: name! } } as WireObject);
    const patched =
      type === 'application/apply-patch+yaml'
        ? checkIdentity(r, serverSideApply(current ? stripServerFields(base) : undefined, ownersOf((await ctx.store.get(r.def?.kind ?? r.kind, namespace ?? NAMESPACE_SCOPE, name!))?.metadata.annotations), checkIdentity(r, patch, namespace, name), q.get('fieldManager')!, q.get('force') === 'true'), namespace, name)
        : checkIdentity(r, applyPatch(type, stripServerFields(base), patch), namespace, name);
    const asked = patched.metadata.resourceVersion;
    const rv = asked ? String(asked) : current?.metadata.resourceVersion;
    try {
      const w = await persist(ctx.store, r, patched, current ? { mode: 'update', ...(rv ? { resourceVersion: rv } : {}) } : { mode: 'create' }, opts, ctx.afterWrite);
      return sendJson(res, w.created ? 201 : 200, w.object, warningHeaders(w.warnings));
    } catch (err) {
      // Someone wrote between our read and our write: re-apply the patch to the newer object (unless the patch
      // itself named the resourceVersion it expects).
      if (err instanceof KubeError && err.reason === 'Conflict' && !asked && attempt < 5) continue;
      throw err;
    }
  }
}

async function leaseRequest(leases: LeaseTable, verb: string, namespace: string | undefined, name: string | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (verb === 'list') return sendJson(res, 200, leases.list(namespace));
  if (namespace === undefined) throw badRequest('leases are namespaced: use /apis/coordination.k8s.io/v1/namespaces/{namespace}/leases');
  if (verb === 'get') return sendJson(res, 200, leases.get(namespace, name!));
  if (verb === 'delete') return sendJson(res, 200, leases.delete(namespace, name!));
  const body = decodeBody(await readRawBody(req), String(req.headers['content-type'] ?? 'application/json'));
  if (verb === 'create') return sendJson(res, 201, leases.create(namespace, body));
  return sendJson(res, 200, leases.update(namespace, name!, body));
}

/** The patch sees the object as a client would, minus what only the server sets. */
function stripServerFields(o: WireObject): WireObject {
  const copy = structuredClone(o);
  delete copy.status;
  delete copy.metadata.managedFields;
  return copy;
}

async function writeStatus(ctx: Ctx, path: ResourcePath, verb: string, body: Buffer, contentType: string, res: ServerResponse): Promise<void> {
  const { resource: r, namespace, name } = path;
  const current = await getObject(ctx.store, r, namespace, name!);
  if (!current) throw notFound(qualifiedResource(r), name!);
  const next = verb === 'update' ? (decodeBody(body, contentType) as WireObject) : applyPatch(patchTypeOf(contentType, r), current, decodeBody(body, contentType.includes('yaml') ? 'application/yaml' : 'application/json'));
  const rv = next.metadata?.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion) throw new KubeError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(r)} ${JSON.stringify(name)}: the object has been modified; please apply your changes to the latest version and try again`);
  await ctx.store.updateStatus(r.def!.kind, namespace ?? '', name!, next.status);
  const after = await ctx.store.get(r.def!.kind, namespace ?? '', name!);
  sendJson(res, 200, after ? toWire(after) : current);
}

async function deleteObject(ctx: Ctx, r: ResourcePath['resource'], o: WireObject): Promise<void> {
  if (r.def) {
    await ctx.store.delete(r.def.kind, o.metadata.namespace ?? '', o.metadata.name);
    return;
  }
  // A namespace goes with everything in it, as in a cluster.
  const ns = o.metadata.name;
  for (const res of await ctx.store.list(undefined, ns)) await ctx.store.delete(res.kind, ns, res.metadata.name);
  await ctx.store.delete('Namespace', NAMESPACE_SCOPE, ns);
}
