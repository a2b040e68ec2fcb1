import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { CompiledRoute } from '../router/compile.ts';
import type { RequestView } from '../router/request-view.ts';
import type { UpstreamHeaders } from '../proxy/headers.ts';

// Per-request state. A class whose constructor assigns every field (null when unknown) so every
// request object has the same shape (style convention 12); nothing is added or deleted later.

/** Envoy-style response flags for the access log. */
export type ResponseFlag = '-' | 'NR' | 'UF' | 'UT' | 'UPE' | 'UAEX' | 'UAEE' | 'RL' | 'RLSE' | 'DC' | 'BR' | 'DI' | 'FI';

export const EXT_AUTHZ_NS = 'envoy.filters.http.ext_authz';

export class RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly startedAt: number;
  readonly scheme: 'http' | 'https';
  /** Captured up front: the socket is detached from the request once the response is done. */
  readonly remoteAddress: string;
  requestId: string;
  view: RequestView | null;
  route: CompiledRoute | null;
  upstreamName: string | null;
  upstreamHeaders: UpstreamHeaders | null;
  /** Request body when a hook buffered it; otherwise the request stream is forwarded. */
  body: Buffer | Readable | null;
  responseHeadersToAdd: [string, string][] | null;
  /** Dynamic metadata by namespace (ext-auth writes `envoy.filters.http.ext_authz`). */
  dynamicMetadata: Record<string, Record<string, unknown>>;
  flag: ResponseFlag;
  logged: boolean;
  /** performance.now() when the request went to the upstream; -1 before. */
  upstreamStartedAt: number;
  /** Seconds to the upstream's response head / to the ext-auth and rate-limit decisions; -1 when not reached. */
  upstreamSeconds: number;
  extAuthSeconds: number;
  rateLimitSeconds: number;

  constructor(req: IncomingMessage, res: ServerResponse, scheme: 'http' | 'https', startedAt: number) {
    this.req = req;
    this.res = res;
    this.startedAt = startedAt;
    this.scheme = scheme;
    this.remoteAddress = req.socket?.remoteAddress ?? '';
    this.requestId = '';
    this.view = null;
    this.route = null;
    this.upstreamName = null;
    this.upstreamHeaders = null;
    this.body = null;
    this.responseHeadersToAdd = null;
    this.dynamicMetadata = {};
    this.flag = '-';
    this.logged = false;
    this.upstreamStartedAt = -1;
    this.upstreamSeconds = -1;
    this.extAuthSeconds = -1;
    this.rateLimitSeconds = -1;
  }

  /** Route policies' response edits (CORS, headers, DLP), then the response headers a hook asked for (ext-auth
   *  responseHeadersToAdd), applied to `headers`. */
  withAddedResponseHeaders(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
    const edit = this.route?.filters?.responseEdit ?? null;
    if (edit !== null) edit(this, headers);
    const add = this.responseHeadersToAdd;
    if (add === null) return headers;
    for (const [k, v] of add) {
      const key = k.toLowerCase();
      const cur = headers[key];
      headers[key] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [String(cur), v];
    }
    return headers;
  }
}
