import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { CompiledDestination } from '../router/compile.ts';
import type { RequestContext } from '../server/context.ts';
import { reply } from '../server/replies.ts';
import { downstreamResponseHeaders } from './headers.ts';
import { wafResponseDenial } from '../filters/run.ts';
import type { PoolRegistry } from './pools.ts';

// Streams one request to an upstream through its keep-alive pool and the response back, with
// back-pressure both ways. Failures before the response starts become 502/503/504 with a body that
// names the destination (never its address); after it starts, the client connection is cut.

/** Bodies up to this size (with a Content-Length) are sent together with the response head. */
const SMALL_BODY = 16 * 1024;

export interface ForwardOptions {
  path: string;
  timeoutMs: number;
  /** 0 for the first try; RetryTimeoutPolicy retries count up to its attempts. */
  attempt?: number;
}

const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

export function forward(ctx: RequestContext, pools: PoolRegistry, dest: CompiledDestination, opts: ForwardOptions): void {
  const req = ctx.req;
  const method = req.method ?? 'GET';
  let body: Dispatcher.DispatchOptions['body'] = ctx.body;
  if (body === null && hasBody(req.headers)) body = req;
  ctx.upstreamName = dest.name;
  ctx.upstreamStartedAt = performance.now();
  const retry = ctx.route?.filters?.retry ?? null;
  const attempt = opts.attempt ?? 0;
  // Only a request whose body can be sent again is retried.
  const again = retry !== null && attempt < retry.attempts && (body === null || Buffer.isBuffer(body)) ? () => forward(ctx, pools, dest, { ...opts, attempt: attempt + 1 }) : null;
  const handler = new ProxyHandler(ctx, dest, again);
  const timeoutMs = retry !== null && retry.perTryTimeoutMs !== null ? Math.min(retry.perTryTimeoutMs, opts.timeoutMs) : opts.timeoutMs;
  // Policy timeouts (RetryTimeoutPolicy) are timed here: undici's own timers tick every ~500 ms.
  if (ctx.route?.filters != null && (ctx.route.filters.timeoutMs !== null || retry !== null)) handler.expireAfter(timeoutMs);
  pools.get(dest.origin, dest.servername).dispatch(
    {
      path: opts.path,
      method: method as Dispatcher.HttpMethod,
      headers: ctx.upstreamHeaders as Record<string, string | string[]>,
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      // A request body that streams from the client must not be replayed on another connection.
      idempotent: body === null && (method === 'GET' || method === 'HEAD'),
    },
    handler,
  );
}

function hasBody(h: IncomingHttpHeaders): boolean {
  if (h['transfer-encoding'] !== undefined) return true;
  const cl = h['content-length'];
  return cl !== undefined && cl !== '0';
}

class ProxyHandler implements Dispatcher.DispatchHandler {
  private readonly ctx: RequestContext;
  private readonly dest: CompiledDestination;
  private controller: Dispatcher.DispatchController | null;
  private held: { status: number; headers: OutgoingHttpHeaders; chunks: Buffer[] } | null;
  private readonly onClientClose: () => void;
  private readonly onDrain: () => void;
  /** Sends the request again (RetryTimeoutPolicy), or null when no retry is left. */
  private readonly again: (() => void) | null;
  private retrying: boolean;
  /** Route policies that rewrite the whole response body (DLP, transformation); the body is held for them. */
  private rewrite: ((ctx: RequestContext, body: string, headers: OutgoingHttpHeaders) => string) | null;
  private timer: NodeJS.Timeout | null;
  /** WAF response phases: the body is held for phase 4; `denied` once a response rule refused the answer. */
  private wafBody: boolean;
  private denied: boolean;

  constructor(ctx: RequestContext, dest: CompiledDestination, again: (() => void) | null) {
    this.ctx = ctx;
    this.dest = dest;
    this.controller = null;
    this.held = null;
    this.again = again;
    this.retrying = false;
    this.rewrite = null;
    this.timer = null;
    this.wafBody = false;
    this.denied = false;
    this.onDrain = () => this.controller?.resume();
    this.onClientClose = () => {
      if (!ctx.res.writableFinished) {
        ctx.flag = 'DC';
        this.controller?.abort(new Error('client disconnected'));
      }
    };
    ctx.res.once('close', this.onClientClose);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
  }

  /** A WAF response rule refused the upstream's answer: the client gets the denial instead. */
  private deny(c: Dispatcher.DispatchController, status: number, body: string): void {
    this.denied = true;
    this.ctx.res.removeListener('close', this.onClientClose);
    c.abort(new Error('response denied by WAF'));
    reply(this.ctx, status, body, '-', { 'content-type': 'text/plain' });
  }

  /** Aborts the attempt as a headers timeout when no response head arrived within ms. */
  expireAfter(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.controller?.abort(Object.assign(new Error('upstream request timeout'), { code: 'UND_ERR_HEADERS_TIMEOUT' }));
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  onResponseStart(_c: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.clearTimer();
    const res = this.ctx.res;
    this.ctx.upstreamSeconds = (performance.now() - this.ctx.upstreamStartedAt) / 1000;
    if (res.destroyed) return;
    if (this.again !== null && this.ctx.route!.filters!.retry!.status(statusCode)) {
      this.retrying = true;
      _c.abort(new Error(`retrying after status ${statusCode}`));
      return;
    }
    const waf = this.ctx.route?.filters?.waf ?? null;
    if (waf !== null && waf.hasResponseRules && !waf.needsResponseBody) {
      const denial = wafResponseDenial(this.ctx, waf, statusCode, headers, null);
      if (denial !== null) return this.deny(_c, denial.status, denial.body);
    }
    const out = this.ctx.withAddedResponseHeaders(downstreamResponseHeaders(headers));
    if (waf !== null && waf.needsResponseBody) {
      // WAF phase 4 reads the body: hold it, decide at the end.
      this.wafBody = true;
      this.held = { status: statusCode, headers: out, chunks: [] };
      return;
    }
    const rewrite = this.ctx.route?.filters?.responseBody ?? null;
    const encoding = headers['content-encoding'];
    if (rewrite !== null && (encoding === undefined || encoding === 'identity')) {
      this.rewrite = rewrite;
      this.held = { status: statusCode, headers: out, chunks: [] };
      return;
    }
    // A small body of known length is held back and sent with the head in one write (one syscall instead
    // of two or three); anything else streams as it arrives.
    const length = Number(headers['content-length']);
    if (length >= 0 && length <= SMALL_BODY && statusCode >= 200) {
      this.held = { status: statusCode, headers: out, chunks: [] };
      return;
    }
    res.writeHead(statusCode, out);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const res = this.ctx.res;
    if (res.destroyed || this.retrying || this.denied) return;
    if (this.held !== null) {
      this.held.chunks.push(chunk);
      return;
    }
    if (!res.write(chunk)) {
      controller.pause();
      res.once('drain', this.onDrain);
    }
  }

  onResponseEnd(): void {
    const res = this.ctx.res;
    res.removeListener('close', this.onClientClose);
    const held = this.held;
    if (held === null) {
      res.end();
      return;
    }
    this.held = null;
    if (res.destroyed) return;
    let body = held.chunks.length === 1 ? held.chunks[0]! : Buffer.concat(held.chunks);
    if (this.wafBody) {
      const denial = wafResponseDenial(this.ctx, this.ctx.route!.filters!.waf!, held.status, held.headers, body.toString('latin1'));
      if (denial !== null) {
        reply(this.ctx, denial.status, denial.body, '-', { 'content-type': 'text/plain' });
        return;
      }
      const rewrite = this.ctx.route?.filters?.responseBody ?? null;
      if (rewrite !== null) this.rewrite = rewrite;
    }
    if (this.rewrite !== null) {
      body = Buffer.from(this.rewrite(this.ctx, body.toString('utf8'), held.headers));
      held.headers['content-length'] = body.length;
    }
    res.writeHead(held.status, held.headers);
    // As a latin1 string (a byte-for-byte round trip) node:http sends the head and the body in one write();
    // as a Buffer it would use writev() with two parts, the costlier syscall on this path.
    res.end(body.toString('latin1'), 'latin1');
  }

  onResponseError(_c: Dispatcher.DispatchController, err: Error): void {
    const ctx = this.ctx;
    this.clearTimer();
    ctx.res.removeListener('close', this.onClientClose);
    if (this.denied) return;
    if (ctx.flag === 'DC' || ctx.res.destroyed) return;
    this.held = null;
    const code0 = (err as { code?: string }).code ?? '';
    if (this.again !== null && !ctx.res.headersSent) {
      const retry = ctx.route!.filters!.retry!;
      const timedOut = code0 === 'UND_ERR_HEADERS_TIMEOUT';
      if (this.retrying || (CONNECT_FAILURES.has(code0) && retry.connectFailure) || (timedOut && retry.timeout && retry.perTryTimeoutMs !== null)) {
        this.again();
        return;
      }
    }
    if (ctx.res.headersSent) {
      ctx.flag = 'UPE';
      ctx.res.destroy(err);
      return;
    }
    const code = (err as { code?: string }).code ?? '';
    const name = this.dest.name;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      reply(ctx, 504, `upstream request timeout (${name})\n`, 'UT');
    } else if (CONNECT_FAILURES.has(code)) {
      reply(ctx, 503, `upstream unavailable: ${describe(code)} (${name})\n`, 'UF');
    } else {
      reply(ctx, 502, `bad upstream response: ${err.message} (${name})\n`, 'UPE');
    }
  }
}

function describe(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timeout';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    default:
      return 'connection reset before response';
  }
}
