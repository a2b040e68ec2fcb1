import { redactUrl } from '@portico/redact';
import type { RequestContext } from '../server/context.ts';
import { EXT_AUTHZ_NS } from '../server/context.ts';

// One JSON line per request, with the analytics fields Gloo's portal access log carries
// (gloo-api.md §5.5): api_id, api_product_id, api_product_name, custom_metadata from the route's
// io.solo.gloo.apimanagement metadata; user_id and usage_plan from ext-auth's dynamic metadata.

/** The subset of a pino logger the gateway uses (pino's Logger satisfies it). */
export interface GatewayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface AccessLogRecord {
  request_id: string;
  method: string;
  path: string;
  authority: string;
  protocol: string;
  status: number;
  /** Milliseconds from first byte of the request to the end of the response. */
  duration: number;
  response_flags: string;
  route_name: string | null;
  upstream: string | null;
  api_id: string | null;
  api_product_id: string | null;
  api_product_name: string | null;
  custom_metadata: string | null;
  user_id: string | null;
  usage_plan: string | null;
  remote_address: string;
  user_agent: string | null;
}

export function accessLogRecord(ctx: RequestContext, now: number): AccessLogRecord {
  const req = ctx.req;
  const log = ctx.route?.log ?? null;
  const authz = ctx.dynamicMetadata[EXT_AUTHZ_NS];
  return {
    request_id: ctx.requestId,
    method: req.method ?? '',
    // Credentials in the query (access_token, api-key…) never reach the log (@portico/redact).
    path: redactUrl(req.url ?? ''),
    authority: req.headers.host ?? '',
    protocol: `HTTP/${req.httpVersion}`,
    status: ctx.res.statusCode,
    duration: Math.round((now - ctx.startedAt) * 1000) / 1000,
    response_flags: ctx.flag,
    route_name: log === null ? null : log.route_name,
    upstream: ctx.upstreamName,
    api_id: log === null ? null : log.api_id,
    api_product_id: log === null ? null : log.api_product_id,
    api_product_name: log === null ? null : log.api_product_name,
    custom_metadata: log === null ? null : log.custom_metadata,
    user_id: stringOrNull(authz?.userId),
    usage_plan: stringOrNull(authz?.usagePlan),
    remote_address: ctx.remoteAddress,
    user_agent: req.headers['user-agent'] ?? null,
  };
}

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
