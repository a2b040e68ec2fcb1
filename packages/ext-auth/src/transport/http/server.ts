// HTTP ext_authz mode (Envoy http_service semantics, gloo-api.md §3.4), also what nginx `auth_request` calls.
// The original request arrives as: Envoy — same method, path = pathPrefix + original path, client headers;
// nginx — the subrequest, with the original URI/method in X-Original-URI / X-Original-Method.
// Which AuthConfig: header `x-portico-config-id` (Envoy headers_to_add / nginx proxy_set_header) or the
// server's defaultConfigId. Route metadata the policy needs (api_product_id) can be passed as JSON in
// `x-portico-filter-metadata`. Answers: 200 = allow (headers to set upstream as response headers, removals in
// x-envoy-auth-headers-to-remove); otherwise the denial's status, headers and body.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthService, CheckRequest } from '../../types.ts';

export interface HttpExtAuthOptions {
  host?: string;
  port?: number;
  pathPrefix?: string;
  defaultConfigId?: string | null;
  /** Largest request body forwarded to auth (Envoy with_request_body.max_request_bytes); larger → 413. */
  maxRequestBytes?: number;
}

export interface HttpExtAuthServer {
  port: number;
  server: Server;
  close(): Promise<void>;
}

const CONTROL = new Set(['x-portico-config-id', 'x-portico-filter-metadata', 'x-original-uri', 'x-original-method', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export function checkRequestFromHttp(req: IncomingMessage, body: string, opts: HttpExtAuthOptions): CheckRequest | { error: string } {
  const h = req.headers;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(',') : v);
  const configId = one(h['x-portico-config-id']) ?? opts.defaultConfigId ?? '';
  const prefix = opts.pathPrefix ?? '';
  let path = one(h['x-original-uri']) ?? req.url ?? '/';
  if (!h['x-original-uri'] && prefix && path.startsWith(prefix)) path = path.slice(prefix.length) || '/';
  const method = one(h['x-original-method']) ?? req.method ?? 'GET';
  let filter_metadata: Record<string, Record<string, unknown>> = {};
  const fm = one(h['x-portico-filter-metadata']);
  if (fm) {
    try {
      const parsed: unknown = JSON.parse(fm);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
      filter_metadata = parsed as typeof filter_metadata;
    } catch {
      return { error: 'x-portico-filter-metadata is not a JSON object' };
    }
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (!CONTROL.has(k) && v !== undefined) headers[k] = one(v)!;
  const host = headers['x-forwarded-host'] ?? headers.host ?? '';
  headers[':authority'] = host;
  headers[':method'] = method;
  headers[':path'] = path;
  return {
    attributes: {
      source: { address: { socket_address: { address: req.socket.remoteAddress ?? '', port_value: req.socket.remotePort ?? 0 } } },
      destination: { address: { socket_address: { address: req.socket.localAddress ?? '', port_value: req.socket.localPort ?? 0 } } },
      request: {
        time: { seconds: Math.floor(Date.now() / 1000), nanos: 0 },
        http: { id: headers['x-request-id'] ?? '', method, headers, path, host, scheme: headers['x-forwarded-proto'] ?? 'http', query: '', fragment: '', size: body.length, protocol: `HTTP/${req.httpVersion}`, body },
      },
      context_extensions: { config_id: configId },
      metadata_context: { filter_metadata },
    },
  };
}

export async function startHttpExtAuthServer(service: Pick<AuthService, 'check'>, opts: HttpExtAuthOptions = {}): Promise<HttpExtAuthServer> {
  const max = opts.maxRequestBytes ?? 4096;
  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > max) {
        res.writeHead(413, { 'content-type': 'text/plain' }).end('request body too large\n');
        return;
      }
      chunks.push(c);
    }
    const built = checkRequestFromHttp(req, Buffer.concat(chunks).toString('utf8'), opts);
    if ('error' in built) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`${built.error}\n`);
      return;
    }
    const ac = new AbortController();
    res.on('close', () => ac.abort());
    const r = await service.check(built, ac.signal);
    if (r.allowed) {
      const headers: [string, string][] = [...r.headersToSet, ...r.headersToAppend, ...r.responseHeadersToAdd];
      if (r.headersToRemove.length) headers.push(['x-envoy-auth-headers-to-remove', r.headersToRemove.join(', ')]);
      res.writeHead(200, headers.flat()).end();
    } else {
      res.writeHead(r.status, r.headers.flat()).end(r.body);
    }
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
