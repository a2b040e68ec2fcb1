import type { ExtAuthServerSettings } from '../config/types.ts';
import type { RequestContext } from '../server/context.ts';
import { EXT_AUTHZ_NS } from '../server/context.ts';
import { reply } from '../server/replies.ts';
import { appendHeader } from '../proxy/headers.ts';
import { readBody } from './read-body.ts';
import type { AuthService, CheckRequest, CheckResult } from './service-types.ts';
import { isPending, withTimeout, type MaybePromise } from './with-timeout.ts';

// The ext_authz step (gloo-api.md §3, Envoy's ext_authz filter): build a CheckRequest, ask the
// AuthService, then either apply its header mutations and continue, or answer with its denial.
// Errors and timeouts follow the server settings: failureModeAllow lets the request through,
// otherwise statusOnError (default 403).
// Synchronous from end to end when the service answers without I/O (its answer is not a promise): the
// request then reaches the next step in the same turn, with no promise and no deadline timer.

/** True (or a promise of true) when the request may continue to the next step. */
export function runExtAuth(
  ctx: RequestContext,
  service: AuthService | null,
  configId: string,
  server: ExtAuthServerSettings,
): MaybePromise<boolean> {
  if (server.maxRequestBytes !== null && !Buffer.isBuffer(ctx.body)) return readBodyThenCheck(ctx, service, configId, server, server.maxRequestBytes);
  let bodyText = '';
  let size = -1;
  if (server.maxRequestBytes !== null && Buffer.isBuffer(ctx.body)) {
    // An earlier filter (WAF, transformation) already holds the whole body.
    const over = ctx.body.length > server.maxRequestBytes;
    if (over && !server.allowPartialMessage) {
      reply(ctx, 413, `request body exceeds ${server.maxRequestBytes} bytes\n`, 'UAEX', { connection: 'close' });
      return false;
    }
    bodyText = (over ? ctx.body.subarray(0, server.maxRequestBytes) : ctx.body).toString('utf8');
    size = over ? -1 : ctx.body.length;
  } else {
    const cl = ctx.req.headers['content-length'];
    size = cl === undefined ? -1 : Number(cl);
  }
  return check(ctx, service, configId, server, bodyText, size);
}

/** The route wants the body and no earlier filter read it: buffer it (up to the limit), then check. */
async function readBodyThenCheck(ctx: RequestContext, service: AuthService | null, configId: string, server: ExtAuthServerSettings, limit: number): Promise<boolean> {
  const read = await readBody(ctx.req, limit, server.allowPartialMessage);
  if (!read.ok) {
    const status = read.code === 'GW_BODY_TOO_LARGE' ? 413 : 400;
    reply(ctx, status, `${read.message}\n`, 'UAEX', { connection: 'close' });
    return false;
  }
  ctx.body = read.forUpstream;
  if (Buffer.isBuffer(read.forUpstream)) ctx.upstreamHeaders!['content-length'] = String(read.forUpstream.length);
  return check(ctx, service, configId, server, read.forAuth.toString('utf8'), read.size);
}

function check(ctx: RequestContext, service: AuthService | null, configId: string, server: ExtAuthServerSettings, body: string, size: number): MaybePromise<boolean> {
  const started = performance.now();
  let answer: MaybePromise<CheckResult>;
  try {
    if (service === null) throw new Error('no auth service configured');
    const request = buildCheckRequest(ctx, configId, body, size);
    answer = withTimeout(server.requestTimeoutMs, (signal) => service.check(request, signal));
  } catch {
    return failed(ctx, server, started);
  }
  if (!isPending(answer)) return apply(ctx, answer, started);
  return answer.then(
    (result) => apply(ctx, result, started),
    () => failed(ctx, server, started),
  );
}

/** The service failed or timed out: failureModeAllow lets the request through, otherwise statusOnError. */
function failed(ctx: RequestContext, server: ExtAuthServerSettings, started: number): boolean {
  ctx.extAuthSeconds = (performance.now() - started) / 1000;
  if (server.failureModeAllow) return true;
  reply(ctx, server.statusOnError, 'external authorization failed\n', 'UAEE');
  return false;
}

/** The service's answer: its denial, or its header mutations and metadata on the request. */
function apply(ctx: RequestContext, result: CheckResult, started: number): boolean {
  ctx.extAuthSeconds = (performance.now() - started) / 1000;
  if (!result.allowed) {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of result.headers) appendHeader(headers, k, v);
    reply(ctx, result.status, result.body, 'UAEX', headers);
    return false;
  }
  const up = ctx.upstreamHeaders!;
  for (const [k, v] of result.headersToSet) up[k.toLowerCase()] = v;
  for (const [k, v] of result.headersToAppend) appendHeader(up, k, v);
  for (const k of result.headersToRemove) {
    const key = k.toLowerCase();
    // Envoy never lets auth remove the Host / pseudo headers.
    if (key !== 'host' && !key.startsWith(':')) delete up[key];
  }
  if (result.responseHeadersToAdd.length > 0) ctx.responseHeadersToAdd = result.responseHeadersToAdd;
  ctx.dynamicMetadata[EXT_AUTHZ_NS] = result.dynamicMetadata;
  return true;
}

export function buildCheckRequest(ctx: RequestContext, configId: string, body: string, size: number): CheckRequest {
  const req = ctx.req;
  const up = ctx.upstreamHeaders!;
  const headers: Record<string, string> = {};
  const authority = req.headers.host ?? '';
  headers[':authority'] = authority;
  headers[':method'] = req.method ?? 'GET';
  headers[':path'] = req.url ?? '/';
  headers[':scheme'] = ctx.scheme;
  for (const name in up) {
    if (name === 'host') continue;
    const v = up[name]!;
    headers[name] = typeof v === 'string' ? v : v.join(',');
  }
  const now = Date.now();
  const sock = req.socket;
  return {
    attributes: {
      source: { address: { socket_address: { address: sock.remoteAddress ?? '', port_value: sock.remotePort ?? 0 } } },
      destination: { address: { socket_address: { address: sock.localAddress ?? '', port_value: sock.localPort ?? 0 } } },
      request: {
        time: { seconds: Math.floor(now / 1000), nanos: (now % 1000) * 1e6 },
        http: {
          id: ctx.requestId,
          method: req.method ?? 'GET',
          headers,
          path: req.url ?? '/',
          host: authority,
          scheme: ctx.scheme,
          query: '',
          fragment: '',
          size,
          protocol: `HTTP/${req.httpVersion}`,
          body,
        },
      },
      context_extensions: { config_id: configId },
      metadata_context: { filter_metadata: ctx.route?.filterMetadata ?? {} },
    },
  };
}
