// The asynchronous request filters of a route, run by the handler around ext-auth: WAF first (an attack is
// refused before anything else sees it), then a preAuthz transformation, then JWTPolicy (preAuthz, Gloo's
// default) — and JWTPolicy postAuthz after ext-auth. Each returns false once it has answered the request.
import { runExtAuth } from '../hooks/auth.ts';
import { readBody } from '../hooks/read-body.ts';
import type { AuthService } from '../hooks/service-types.ts';
import type { GatewayLogger } from '../log/access-log.ts';
import type { RequestContext } from '../server/context.ts';
import { reply } from '../server/replies.ts';
import { applyRequestTemplate, type CompiledFilters } from './compile.ts';
import { WAF_MAX_BODY_BYTES } from './waf/engine.ts';
import { wafRequest } from './waf/request.ts';

export interface FilterDeps {
  authService: AuthService | null;
  logger: GatewayLogger;
}

export async function runPreAuthFilters(deps: FilterDeps, ctx: RequestContext, f: CompiledFilters): Promise<boolean> {
  if (f.waf !== null && !(await runWaf(deps, ctx, f))) return false;
  if (f.preAuthzRequest !== null) applyRequestTemplate(ctx, f.preAuthzRequest);
  if (f.jwt !== null && f.jwt.phase === 'preAuthz') return runExtAuth(ctx, deps.authService, f.jwt.configId, f.jwt.server);
  return true;
}

export async function runPostAuthFilters(deps: FilterDeps, ctx: RequestContext, f: CompiledFilters): Promise<boolean> {
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
  const view = ctx.view!;
  const match = waf.evaluate(wafRequest(req.method ?? 'GET', req.url ?? '/', view.path, view.rawQuery, req.httpVersion, ctx.remoteAddress, req.headers, body));
  if (match === null) return true;
  deps.logger.warn(
    { request_id: ctx.requestId, route: ctx.route?.name, waf_policy: match.policy, rule_id: match.ruleId, msg: match.msg, enforced: match.enforced },
    match.enforced ? 'WAF rule denied the request' : 'WAF rule matched (DetectionOnly)',
  );
  if (!match.enforced) return true;
  reply(ctx, match.status, match.body, '-', { 'content-type': 'text/plain' });
  return false;
}

function hasBody(h: RequestContext['req']['headers']): boolean {
  if (h['transfer-encoding'] !== undefined) return true;
  const cl = h['content-length'];
  return cl !== undefined && cl !== '0';
}
