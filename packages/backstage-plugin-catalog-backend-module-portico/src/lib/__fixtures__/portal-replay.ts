// A loopback HTTP server that replays the recorded portal responses in this folder (the REST contract of
// backstage-portal.md §2) plus an OAuth2 token endpoint — the stand-in for the far side of the wire in unit tests.
// Tests switch responses per path to simulate outages, refusals and malformed bodies, and read the request log.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;

export function fixture<T = unknown>(file: string): T {
  return (JSON.parse(readFileSync(join(here, file), 'utf8')) as { body: T }).body;
}

export function openapi(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(here, file), 'utf8')) as Record<string, unknown>;
}

export interface Override {
  status: number;
  body: string;
  contentType?: string;
}

export interface ReplayOptions {
  flavour?: 'apis' | 'api-products';
  clientId?: string;
  clientSecret?: string;
  /** Token endpoint response fields besides access_token. */
  tokenFields?: Record<string, unknown>;
}

export interface PortalReplay {
  url: string;
  portalServerUrl: string;
  tokenEndpoint: string;
  /** Every request: method, path, authorization header. */
  requests: { method: string; path: string; authorization: string | undefined; body: string }[];
  /** Issued access tokens (so tests can look for them in logs). */
  issued: string[];
  /** /v1 paths -> response to send instead of the recorded one. */
  overrides: Map<string, Override>;
  /** The grouped /apis body; tests edit it to add or remove versions. */
  products: Record<string, unknown>[];
  schemas: Map<string, unknown>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s));
  });
}

function unsignedJwt(claims: Record<string, unknown>): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'at+jwt' })}.${enc(claims)}.sig`;
}

export async function startPortalReplay(options: ReplayOptions = {}): Promise<PortalReplay> {
  const flavour = options.flavour ?? 'apis';
  const state: Omit<PortalReplay, 'url' | 'portalServerUrl' | 'tokenEndpoint' | 'close'> = {
    requests: [], issued: [], overrides: new Map(),
    products: structuredClone(fixture<Record<string, unknown>[]>('apis.grouped.json')),
    schemas: new Map([['petstore-v1', openapi('petstore-v1.openapi.json')], ['tracks-v1', openapi('tracks-v1.openapi.json')]]),
  };
  const ggProducts = fixture<Record<string, unknown>[]>('api-products.json');
  const ggVersions = fixture<Record<string, Record<string, unknown>[]>>('api-products.versions.json');
  const clientId = options.clientId ?? 'backstage';
  const clientSecret = options.clientSecret ?? 'backstage-secret';
  let counter = 0;

  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const body = await readBody(req);
    state.requests.push({ method: req.method ?? 'GET', path, authorization: req.headers.authorization, body });
    const send = (status: number, payload: unknown, raw = false) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(raw ? String(payload) : JSON.stringify(payload));
    };
    if (path === '/token') {
      const form = new URLSearchParams(body);
      const basic = req.headers.authorization?.startsWith('Basic ')
        ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':').map(decodeURIComponent)
        : [form.get('client_id'), form.get('client_secret')];
      const o = state.overrides.get('/token');
      if (o) return void send(o.status, o.body, true);
      if (form.get('grant_type') !== 'client_credentials') return void send(400, { error: 'unsupported_grant_type' });
      if (basic[0] !== clientId || basic[1] !== clientSecret) {
        return void send(401, { error: 'invalid_client', error_description: 'client authentication failed' });
      }
      const token = unsignedJwt({ sub: clientId, n: ++counter, exp: Math.floor(Date.now() / 1000) + 3600 });
      state.issued.push(token);
      return void send(200, { access_token: token, token_type: 'Bearer', ...(options.tokenFields ?? { expires_in: 3600 }) });
    }
    const o = state.overrides.get(path);
    if (o) return void send(o.status, o.body, true);
    const auth = req.headers.authorization ?? '';
    if (!state.issued.some((t) => auth === `Bearer ${t}`)) return void send(401, { message: 'missing or invalid bearer token' });
    if (flavour === 'apis') {
      if (path === '/v1/apis') return void send(200, state.products);
      const m = /^\/v1\/apis\/([^/]+)\/schema$/.exec(path);
      if (m) {
        const schema = state.schemas.get(decodeURIComponent(m[1] as string));
        return void (schema ? send(200, schema) : send(404, { message: 'API schema not found' }));
      }
    } else {
      if (path === '/v1/api-products') return void send(200, ggProducts);
      const m = /^\/v1\/api-products\/([^/]+)\/versions$/.exec(path);
      const versions = m ? ggVersions[decodeURIComponent(m[1] as string)] : undefined;
      if (versions) {
        return void send(200, versions.map((v) => ({ ...v, apiSpec: openapi(String(v.apiSpec).slice(1)) })));
      }
    }
    send(404, { message: `no route ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...state,
    url,
    portalServerUrl: `${url}/v1`,
    tokenEndpoint: `${url}/token`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
