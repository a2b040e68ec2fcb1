import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CREDENTIAL_QUERY_PARAMS, stripQueryParams } from '@portico/redact';
import { accessLogRecord, type GatewayLogger } from '../log/access-log.ts';
import type { AccessLogWriter } from '../log/access-log-writer.ts';
import { accessLogLine, recordLine } from '../log/access-log-line.ts';
import { maskRecord } from '../filters/dlp/log.ts';
import { runExtAuth } from '../hooks/auth.ts';
import { runRateLimit } from '../hooks/ratelimit.ts';
import type { AuthService, RateLimitService } from '../hooks/service-types.ts';
import { runPostAuthFilters, runPreAuthFilters, runWafWithoutBody } from '../filters/run.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { forward } from '../proxy/forward.ts';
import { upstreamRequestHeaders } from '../proxy/headers.ts';
import type { PoolRegistry } from '../proxy/pools.ts';
import { matchRoute, pickDestination, type CompiledAction, type CompiledConfig, type RouteMatch } from '../router/compile.ts';
import { RequestView } from '../router/request-view.ts';
import type { TrustedProxyCheck } from '../proxy/trusted-proxies.ts';
import { RequestContext } from './context.ts';
import { reply, replyBadRequest, replyNoRoute, replyNotReady } from './replies.ts';
import { duplicatedSingletonHeader, faultyFraming } from './request-guards.ts';

// The request pipeline: parse target → virtual host → first matching route → action. For forward
// routes: ext-auth (if the route carries extAuth) → rate limit (if rateLimit) → upstream.
// The config is read once per request, so a swap never changes a request half-way.

export interface HandlerDeps {
  current(): CompiledConfig;
  pools: PoolRegistry;
  authService: AuthService | null;
  rateLimitService: RateLimitService | null;
  logger: GatewayLogger;
  metrics: GatewayMetrics | null;
  /** When set, access-log lines go here (hand-serialised) instead of through `logger.info`. */
  accessLog: AccessLogWriter | null;
  defaultTimeoutMs: number;
  scheme: 'http' | 'https';
  /** False until the first config is loaded: requests get 503 + Retry-After instead of a misleading 404. */
  ready(): boolean;
  isTrustedProxy: TrustedProxyCheck;
}

export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const ctx = new RequestContext(req, res, deps.scheme, performance.now());
    res.once('close', () => logAccess(deps, ctx));
    try {
      const pending = handle(deps, ctx);
      if (pending instanceof Promise) pending.catch((err: unknown) => failed(deps, ctx, err));
    } catch (err) {
      failed(deps, ctx, err);
    }
  };
}

function failed(deps: HandlerDeps, ctx: RequestContext, err: unknown): void {
  deps.logger.error({ err, request_id: ctx.requestId }, 'gateway request failed');
  reply(ctx, 500, 'internal gateway error\n', '-');
}

function logAccess(deps: HandlerDeps, ctx: RequestContext): void {
  if (ctx.logged) return;
  ctx.logged = true;
  const now = performance.now();
  if (deps.metrics !== null) {
    const route = ctx.route;
    deps.metrics.record({
      route: route === null ? '' : route.name,
      product: route?.log?.api_product_id ?? '',
      status: ctx.res.statusCode,
      flag: ctx.flag,
      seconds: (now - ctx.startedAt) / 1000,
      upstreamSeconds: ctx.upstreamSeconds,
      extAuthSeconds: ctx.extAuthSeconds,
      rateLimitSeconds: ctx.rateLimitSeconds,
    });
  }
  const masker = ctx.route?.filters?.logMasker ?? null;
  if (masker !== null) {
    // DLPPolicy on access logs: the line is built from the masked record.
    const record = maskRecord(masker, accessLogRecord(ctx, now));
    if (deps.accessLog !== null) deps.accessLog.write(recordLine(record, Date.now()));
    else deps.logger.info(record);
    return;
  }
  if (deps.accessLog !== null) deps.accessLog.write(accessLogLine(ctx, now, Date.now()));
  else deps.logger.info(accessLogRecord(ctx, now));
}

/**
 * Synchronous up to the first hook: a route without ext-auth or rate limit is routed and dispatched in one
 * call, with no promise; otherwise the returned promise runs the hooks and then forwards.
 */
function handle(deps: HandlerDeps, ctx: RequestContext): Promise<void> | void {
  const req = ctx.req;
  const trustedPeer = deps.isTrustedProxy(ctx.remoteAddress);
  // A client's own X-Request-Id is a claim like any other header: kept only from a trusted proxy.
  const given = trustedPeer ? req.headers['x-request-id'] : undefined;
  ctx.requestId = typeof given === 'string' && given.length > 0 && given.length <= 256 ? given : randomUUID();
  if (!deps.ready()) return replyNotReady(ctx);

  const duplicated = duplicatedSingletonHeader(req.rawHeaders);
  if (duplicated !== null) return replyBadRequest(ctx, `more than one ${duplicated} header`);
  if (faultyFraming(req.httpVersionMinor, req.httpVersionMajor, req.headers['transfer-encoding'])) {
    return replyBadRequest(ctx, 'Transfer-Encoding in an HTTP/1.0 request');
  }
  const target = parseTarget(req.url ?? '');
  if (target === null) return replyBadRequest(ctx, 'request target must be an absolute path');
  const view = new RequestView(req.method ?? 'GET', target.path, target.query, req.headers);
  ctx.view = view;

  const config = deps.current();
  // RFC 9112 §3.2.2: an absolute-form target's authority replaces the Host header.
  const vhost = config.hosts.lookup(target.authority ?? req.headers.host);
  if (vhost === null) return replyNoRoute(ctx);
  const match = matchRoute(vhost, view);
  if (match === null) return replyNoRoute(ctx);
  const route = match.route;
  ctx.route = route;
  // TRACE reflects the request (cookies, credentials added by hops) back to the caller: only routes that
  // match the TRACE method explicitly get it.
  if (view.method === 'TRACE' && !route.allowsTrace) {
    return reply(ctx, 405, 'method TRACE is not allowed on this route\n', 'DI', { allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' });
  }
  const action = route.action;
  const filters = route.filters;
  if (filters !== null && filters.cors !== null) {
    const preflight = filters.cors.preflight(view.method, req.headers);
    if (preflight !== null) return reply(ctx, 200, '', '-', preflight);
  }

  if (action.type === 'directResponse') return reply(ctx, action.status, action.body, 'DI');
  if (action.type === 'redirect') return redirect(ctx, action, target);

  ctx.upstreamHeaders = upstreamRequestHeaders(req.headers, {
    remoteAddress: ctx.remoteAddress,
    scheme: ctx.scheme,
    requestId: ctx.requestId,
    trustedPeer,
  });
  if (filters !== null && !runWafWithoutBody(deps, ctx, filters)) return;
  if (target.authority !== null) ctx.upstreamHeaders.host = target.authority;
  // A credential in the query (RFC 6750 §2.3 access_token) is for ext-auth, not for the upstream or its logs.
  if (route.extAuth !== null && target.query !== '') target.query = stripQueryParams(target.query, CREDENTIAL_QUERY_PARAMS);
  if (route.extAuth !== null || route.rateLimit !== null || (filters !== null && filters.async)) return hooksThenForward(deps, ctx, match, action, target);
  forwardRoute(deps, ctx, match, action, target);
}

/**
 * The hooks in order — pre-auth filters, ext-auth, post-auth filters, rate limit — then the upstream. A hook that
 * answers synchronously (ext-auth from the key index or the token cache, counters in memory) is followed at once:
 * only a hook that returns a promise makes the rest wait for it.
 */
function hooksThenForward(deps: HandlerDeps, ctx: RequestContext, match: RouteMatch, action: ForwardAction, target: Target, from = 0): Promise<void> | void {
  for (let hook = from; hook < HOOKS; hook++) {
    const go = runHook(hook, deps, ctx, match.route);
    if (go === false) return;
    if (go !== true) return go.then((ok) => (ok ? hooksThenForward(deps, ctx, match, action, target, hook + 1) : undefined));
  }
  if (ctx.res.destroyed) return;
  forwardRoute(deps, ctx, match, action, target);
}

const HOOKS = 4;

function runHook(hook: number, deps: HandlerDeps, ctx: RequestContext, route: RouteMatch['route']): boolean | Promise<boolean> {
  const filters = route.filters;
  switch (hook) {
    case 0:
      return filters === null ? true : runPreAuthFilters(deps, ctx, filters);
    case 1:
      return route.extAuth === null ? true : runExtAuth(ctx, deps.authService, route.extAuth.configId, route.extAuth.server);
    case 2:
      return filters === null ? true : runPostAuthFilters(deps, ctx, filters);
    default:
      return route.rateLimit === null ? true : runRateLimit(ctx, deps.rateLimitService, route.rateLimit);
  }
}

function forwardRoute(deps: HandlerDeps, ctx: RequestContext, match: RouteMatch, action: ForwardAction, target: Target): void {
  const dest = pickDestination(action);
  const up = ctx.upstreamHeaders!;
  if (action.hostRewrite !== null) up.host = action.hostRewrite;
  else if (action.autoHostRewrite) up.host = dest.host;
  const newPath = action.rewritePath === null ? target.path : action.rewritePath(target.path, match.uri);
  const filters = match.route.filters;
  if (filters !== null && filters.requestEdit !== null) filters.requestEdit(ctx);
  forward(ctx, deps.pools, dest, {
    path: target.query === '' ? newPath : `${newPath}?${target.query}`,
    timeoutMs: filters?.timeoutMs ?? action.timeoutMs ?? deps.defaultTimeoutMs,
  });
}

type ForwardAction = Extract<CompiledAction, { type: 'forward' }>;
type Target = { path: string; query: string; authority: string | null };

function redirect(
  ctx: RequestContext,
  action: Extract<CompiledAction, { type: 'redirect' }>,
  target: Target,
): void {
  const host = action.host ?? target.authority ?? ctx.req.headers.host ?? '';
  const path = action.path ?? (target.query === '' ? target.path : `${target.path}?${target.query}`);
  reply(ctx, action.status, '', 'DI', { location: `${ctx.scheme}://${host}${path}` });
}

/**
 * origin-form ("/a/b?c") or absolute-form ("http://h/a", whose authority is returned: it routes the request);
 * anything else, or an absolute-form with userinfo or an empty host, is a 400. Dot segments are resolved (only
 * when present) so "/public/../admin" cannot slip past a prefix matcher.
 */
export function parseTarget(url: string): Target | null {
  let path: string;
  let query: string;
  let authority: string | null = null;
  if (url.charCodeAt(0) === 47 /* / */) {
    const q = url.indexOf('?');
    path = q === -1 ? url : url.slice(0, q);
    query = q === -1 ? '' : url.slice(q + 1);
  } else if (url.startsWith('http://') || url.startsWith('https://')) {
    try {
      const u = new URL(url);
      // RFC 9110 §4.2.4: userinfo in an http(s) URI is an error (and a phishing device).
      if (u.username !== '' || u.password !== '' || u.host === '') return null;
      path = u.pathname;
      query = u.search.slice(1);
      authority = u.host;
    } catch {
      return null;
    }
  } else {
    return null;
  }
  // RFC 3986 §6.2.2.2: "%61dmin" is "admin". Matchers and the upstream must see one spelling, or a prefix
  // matcher on /admin is walked around by an escape the upstream decodes.
  if (path.includes('%')) path = decodeUnreserved(path);
  if (path.charCodeAt(1) === 47) path = '/' + path.replace(/^\/+/, '');
  if (path.includes('/.')) {
    try {
      path = new URL(`http://x${path}`).pathname;
    } catch {
      return null;
    }
    // "/.//x" resolves to "//x", which many parsers read as a network-path reference to host "x".
    if (path.charCodeAt(1) === 47) path = '/' + path.replace(/^\/+/, '');
  }
  return { path, query, authority };
}

const UNRESERVED_ESCAPE = /%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DEde]|5[Ff]|7[Ee])/g;

/** Decodes the %XX escapes of unreserved characters (ALPHA, DIGIT, "-", ".", "_", "~"); others stay escaped. */
function decodeUnreserved(path: string): string {
  return path.replace(UNRESERVED_ESCAPE, (m) => String.fromCharCode(parseInt(m.slice(1), 16)));
}
