// RouteFiltersConfig (plain data) → CompiledFilters, once per config update. The handler calls into these at
// four points: a CORS preflight right after routing, the asynchronous request filters (WAF, JWT, preAuthz
// transformation) around ext-auth, the synchronous request edits just before forwarding, and the response
// edits wherever a response head is written (RequestContext.withAddedResponseHeaders).
import type { OutgoingHttpHeaders } from 'node:http';
import type { FaultFilterConfig, JwtFilterConfig, RouteFiltersConfig } from '../config/filters.ts';
import type { RequestContext } from '../server/context.ts';
import { compileCors, type CompiledCors } from './cors/cors.ts';
import { compileMasker, maskSpan, type CompiledMasker } from './dlp/mask.ts';
import { compileHeaderManipulation } from './headers/headers.ts';
import { compileRetry, type CompiledRetry } from './retry/retry.ts';
import { compileTransformation, type CompiledTemplate } from './transformation/transformation.ts';
import { compileWaf, type CompiledWaf } from './waf/engine.ts';

export interface CompiledFilters {
  cors: CompiledCors | null;
  jwt: JwtFilterConfig | null;
  waf: CompiledWaf | null;
  /** preAuthz request transformation (runs before JWT and ext-auth). */
  preAuthzRequest: CompiledTemplate | null;
  /** Synchronous edits of the upstream request just before it is forwarded (postAuthz transformation, header manipulation). */
  requestEdit: ((ctx: RequestContext) => void) | null;
  /** Edits of every response head the route sends (CORS, transformation, header manipulation, DLP headers). */
  responseEdit: ((ctx: RequestContext, headers: OutgoingHttpHeaders) => void) | null;
  /** Rewrites the whole upstream response body (response body template, DLP); the response is buffered. */
  responseBody: ((ctx: RequestContext, body: string, headers: OutgoingHttpHeaders) => string) | null;
  /** A request template reads the body: it is buffered (up to TRANSFORMATION_MAX_BODY_BYTES) before auth. */
  bufferRequestBody: boolean;
  /** Retries are configured: a request body up to RETRY_MAX_BODY_BYTES is buffered so it can be sent again. */
  bufferForRetry: boolean;
  /** DLP masking for access-log lines. */
  logMasker: CompiledMasker | null;
  timeoutMs: number | null;
  retry: CompiledRetry | null;
  fault: FaultFilterConfig | null;
  /** A request-phase filter needs the asynchronous path (JWT, WAF reading the body, preAuthz transformation). */
  async: boolean;
}

export function compileFilters(f: RouteFiltersConfig): CompiledFilters {
  const cors = f.cors === null ? null : compileCors(f.cors);
  const waf = f.waf === null || f.waf.policies.length === 0 ? null : compileWaf(f.waf);
  const hm = f.headers === null ? null : compileHeaderManipulation(f.headers);
  const t = f.transformation;
  const reqT = t === null || t.request === null ? null : compileTransformation(t.request);
  const resT = t === null || t.response === null ? null : compileTransformation(t.response);
  const preAuthzRequest = t !== null && t.phase === 'preAuthz' ? reqT : null;
  const postAuthzRequest = t !== null && t.phase === 'postAuthz' ? reqT : null;
  const masker = f.dlp === null ? null : compileMasker(f.dlp);

  const requestSteps: ((ctx: RequestContext) => void)[] = [];
  // A body that will be rewritten (DLP, response template) must arrive uncompressed.
  const rewritesResponse = (masker !== null && masker.responseBody) || (resT !== null && (resT.hasBody || resT.usesBody));
  if (rewritesResponse) requestSteps.push((ctx) => void delete ctx.upstreamHeaders!['accept-encoding']);
  if (postAuthzRequest !== null) requestSteps.push((ctx) => applyRequestTemplate(ctx, postAuthzRequest));
  if (hm !== null && hm.request !== null) {
    const edit = hm.request;
    requestSteps.push((ctx) => edit(ctx.upstreamHeaders!));
  }

  const responseSteps: ((ctx: RequestContext, h: OutgoingHttpHeaders) => void)[] = [];
  if (cors !== null) responseSteps.push((ctx, h) => cors.decorate(ctx.req.headers, h));
  // A response template that reads the body is applied whole once the body is in (below).
  if (resT !== null && !resT.usesBody) responseSteps.push((ctx, h) => void resT.apply(h, ctx.upstreamHeaders ?? {}, null));
  if (hm !== null && hm.response !== null) {
    const edit = hm.response;
    responseSteps.push((_ctx, h) => edit(h));
  }
  if (masker !== null && masker.responseBody && masker.headerActions.length > 0) {
    responseSteps.push((_ctx, h) => maskHeaders(masker, h));
  }

  const bodySteps: ((ctx: RequestContext, body: string, headers: OutgoingHttpHeaders) => string)[] = [];
  if (resT !== null && resT.usesBody) bodySteps.push((ctx, body, h) => resT.apply(h, ctx.upstreamHeaders ?? {}, body) ?? body);
  else if (resT !== null && resT.hasBody) bodySteps.push((ctx, body, h) => resT.apply({ ...h }, ctx.upstreamHeaders ?? {}, body) ?? body);
  if (masker !== null && masker.responseBody) bodySteps.push((_ctx, body) => masker.mask(body).text);

  return {
    cors,
    jwt: f.jwt,
    waf,
    preAuthzRequest,
    requestEdit: requestSteps.length === 0 ? null : requestSteps.length === 1 ? requestSteps[0]! : (ctx) => { for (const s of requestSteps) s(ctx); },
    responseEdit: responseSteps.length === 0 ? null : (ctx, h) => { for (const s of responseSteps) s(ctx, h); },
    responseBody: bodySteps.length === 0 ? null : (ctx, body, h) => bodySteps.reduce((b, s) => s(ctx, b, h), body),
    bufferRequestBody: reqT !== null && reqT.usesBody,
    bufferForRetry: f.retry !== null && f.retry.attempts > 0,
    logMasker: masker !== null && masker.accessLogs ? masker : null,
    timeoutMs: f.retry?.requestTimeoutMs ?? null,
    retry: f.retry === null ? null : compileRetry(f.retry),
    fault: f.fault,
    async: f.fault !== null || f.jwt !== null || (waf !== null && waf.needsBody) || preAuthzRequest !== null || (reqT !== null && reqT.usesBody) || (f.retry !== null && f.retry.attempts > 0),
  };
}

/** A request template: headers in place on the upstream headers; a new body replaces the client's. */
export function applyRequestTemplate(ctx: RequestContext, t: CompiledTemplate): void {
  const up = ctx.upstreamHeaders!;
  const body = t.apply(up, up, Buffer.isBuffer(ctx.body) ? ctx.body.toString('utf8') : null, (ns, key, value) => {
    (ctx.dynamicMetadata[ns] ??= {})[key] = value;
  });
  if (body !== null) {
    if (ctx.body === null) ctx.req.resume(); // the client's body is not forwarded any more
    ctx.body = Buffer.from(body);
    up['content-length'] = String(ctx.body.length);
    delete up['transfer-encoding'];
  }
}

function maskHeaders(m: CompiledMasker, h: OutgoingHttpHeaders): void {
  for (const a of m.headerActions) {
    if (a.shadow) continue;
    for (const k of a.keys) {
      const v = h[k];
      if (v !== undefined) h[k] = Array.isArray(v) ? v.map((x) => maskSpan(x, a.maskChar, a.percent)) : maskSpan(String(v), a.maskChar, a.percent);
    }
  }
}
