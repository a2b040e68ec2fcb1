import type { OutgoingHttpHeaders } from 'node:http';
import type { RequestContext, ResponseFlag } from './context.ts';

// Responses the gateway writes itself (no route, errors, redirects, direct responses, denials).
// Bodies are short and say what happened, so a client can tell a gateway error from an upstream one.

export function reply(
  ctx: RequestContext,
  status: number,
  body: string | Buffer,
  flag: ResponseFlag,
  headers: OutgoingHttpHeaders = {},
): void {
  const res = ctx.res;
  ctx.flag = flag;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  if (headers['content-type'] === undefined && buf.length > 0) headers['content-type'] = 'text/plain; charset=utf-8';
  headers['content-length'] = buf.length;
  res.writeHead(status, ctx.withAddedResponseHeaders(headers));
  res.end(ctx.req.method === 'HEAD' ? undefined : buf);
}

export function replyNoRoute(ctx: RequestContext): void {
  reply(ctx, 404, 'no route matches this request\n', 'NR');
}

export function replyBadRequest(ctx: RequestContext, why: string): void {
  reply(ctx, 400, `bad request: ${why}\n`, 'BR', { connection: 'close' });
}

/** Before the first configuration: every route is unknown, so say "not yet" rather than "no such route". */
export function replyNotReady(ctx: RequestContext): void {
  reply(ctx, 503, 'gateway is starting: no configuration loaded yet\n', 'NR', { 'retry-after': '1' });
}
