// The asynchronous request filters of a route, run by the handler around ext-auth: WAF first (an attack is
// refused before anything else sees it; rule sets that never read the body already ran synchronously), then
// fault injection, body buffering for templates and retries, a preAuthz transformation, then JWTPolicy (preAuthz,
// Gloo's default) — and JWTPolicy postAuthz after ext-auth. Each returns false once it has answered the request.
import { runExtAuth } from '../hooks/auth.ts';
import { readBody } from '../hooks/read-body.ts';
import type { AuthService } from '../hooks/service-types.ts';
import type { GatewayLogger } from '../log/access-log.ts';
import type { RequestContext } from '../server/context.ts';
import { reply } from '../server/replies.ts';
import type { FaultFilterConfig } from '../config/filters.ts';
import { applyRequestTemplate, type CompiledFilters } from './compile.ts';
import type { OutgoingHttpHeaders } from 'node:http';
import { WAF_MAX_BODY_BYTES, type CompiledWaf, type WafMatch } from './waf/engine.ts';
import type { WafRequest } from './waf/seclang/variables.ts';
import { wafRequest } from './waf/request.ts';

export interface FilterDeps {
  authService: AuthService | null;
  logger: GatewayLogger;
}

/** WAF rule sets that never read the body run synchronously, before any hook (no promise on the request path). */
export function runWafWithoutBody(deps: FilterDeps, ctx: RequestContext, f: CompiledFilters): boolean {
  return f.waf === null || f.waf.needsBody || decide(deps, ctx, f.waf.evaluate(wafView(ctx, '')));
}

/** Largest request body a transformation template may read; a bigger one is refused with 413. */
export const TRANSFORMATION_MAX_BODY_BYTES = 1024 * 1024;

/** Request bodies up to this size are kept so a retry can send them again (Envoy's default buffer limit). */
export const RETRY_MAX_BODY_BYTES = 1024 * 1024;

export async function runPreAuthFilters(deps: FilterDeps, ctx: RequestContext, f: CompiledFilters): Promise<boolean> {
  if (f.waf !== null && f.waf.needsBody && !(await runWaf(deps, ctx, f))) return false;
  if (f.fault !== null && !(await injectFault(ctx, f.fault))) return false;
  if (f.bufferRequestBody && ctx.body === null && hasBody(ctx.req.headers)) {
    const read = await readBody(ctx.req, TRANSFORMATION_MAX_BODY_BYTES, false);
    if (!read.ok) {
      reply(ctx, read.code === 'GW_BODY_TOO_LARGE' ? 413 : 400, `${read.message}\n`, 'BR', { connection: 'close' });
      return false;
    }
    ctx.body = read.forUpstream;
    if (Buffer.isBuffer(read.forUpstream)) ctx.upstreamHeaders!['content-length'] = String(read.forUpstream.length);
  }
  if (f.bufferForRetry && ctx.body === null && hasBody(ctx.req.headers)) {
    // Bigger bodies stream (allowPartial) and are not retried.
    const read = await readBody(ctx.req, RETRY_MAX_BODY_BYTES, true);
    if (!read.ok) {
      reply(ctx, 400, `${read.message}\n`, 'BR', { connection: 'close' });
      return false;
    }
    ctx.body = read.forUpstream;
    if (Buffer.isBuffer(read.forUpstream)) ctx.upstreamHeaders!['content-length'] = String(read.forUpstream.length);
  }
  if (f.preAuthzRequest !== null) applyRequestTemplate(ctx, f.preAuthzRequest);
  if (f.jwt !== null && f.jwt.phase === 'preAuthz') return runExtAuth(ctx, deps.authService, f.jwt.configId, f.jwt.server);
  return true;
}

export function runPostAuthFilters(deps: FilterDeps, ctx: RequestContext, f: CompiledFilters): boolean | Promise<boolean> {
  if (f.jwt !== null && f.jwt.phase === 'postAuthz') return runExtAuth(ctx, deps.authService, f.jwt.configId, f.jwt.server);
  return true;
}

async function runWaf(deps: FilterDeps, ctx: RequestContext, f: CompiledFilters): Promise<boolean> {
  const waf = f.waf!;
  const req = ctx.req;
  let body = '';
  if (waf.needsBody && ctx.body === null && hasBody(req.headers)) {
    const read = await readBody(req, WAF_MAX_BODY_BYTES, true);
    if (!read.ok) {
      reply(ctx, 400, `${read.message}\n`, 'BR', { connection: 'close' });
      return false;
    }
    body = read.forAuth.toString('latin1');
    ctx.body = read.forUpstream;
    if (Buffer.isBuffer(read.forUpstream)) ctx.upstreamHeaders!['content-length'] = String(read.forUpstream.length);
  }
  return decide(deps, ctx, waf.evaluate(wafView(ctx, body)));
}

function wafView(ctx: RequestContext, body: string): WafRequest {
  const req = ctx.req;
  const view = ctx.view!;
  return wafRequest(req.method ?? 'GET', req.url ?? '/', view.path, view.rawQuery, req.httpVersion, ctx.remoteAddress, req.headers, body);
}

/** WAF response phases (3, 4): the enforced denial for this upstream response, or null to send it. */
export function wafResponseDenial(ctx: RequestContext, waf: CompiledWaf, status: number, headers: OutgoingHttpHeaders, body: string | null): WafMatch | null {
  const response: [string, string][] = [];
  for (const name in headers) {
    const v = headers[name];
    if (v !== undefined) response.push([name, Array.isArray(v) ? v.join(', ') : String(v)]);
  }
  const r = wafView(ctx, '');
  r.response = { status, headers: response, body: body ?? '' };
  const match = waf.evaluateResponse(r);
  return match !== null && match.enforced ? match : null;
}

/** Logs a match; answers the request (false) when the match is enforced. */
function decide(deps: FilterDeps, ctx: RequestContext, match: WafMatch | null): boolean {
  if (match === null) return true;
  deps.logger.warn(
    { request_id: ctx.requestId, route: ctx.route?.name, waf_policy: match.policy, rule_id: match.ruleId, msg: match.msg, enforced: match.enforced },
    match.enforced ? 'WAF rule denied the request' : 'WAF rule matched (DetectionOnly)',
  );
  if (!match.enforced) return true;
  reply(ctx, match.status, match.body, '-', { 'content-type': 'text/plain' });
  return false;
}

/** FaultInjectionPolicy (Envoy's fault filter): the delay first, then the abort, each for its share of requests. */
async function injectFault(ctx: RequestContext, fault: FaultFilterConfig): Promise<boolean> {
  if (fault.delayMs !== null && Math.random() * 100 < fault.delayPercent) await new Promise((r) => setTimeout(r, fault.delayMs!));
  if (fault.abortStatus !== null && Math.random() * 100 < fault.abortPercent) {
    reply(ctx, fault.abortStatus, 'fault filter abort', 'FI');
    return false;
  }
  return !ctx.res.destroyed;
}

function hasBody(h: RequestContext['req']['headers']): boolean {
  if (h['transfer-encoding'] !== undefined) return true;
  const cl = h['content-length'];
  return cl !== undefined && cl !== '0';
}
