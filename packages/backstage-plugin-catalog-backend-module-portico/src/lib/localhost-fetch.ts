// fetch() for URLs whose host is a `*.localhost` name (RFC 6761 §6.3: always loopback). Browsers and curl resolve
// them; Node's resolver does not, and fetch() cannot set a Host header — yet Portico's quickstart portal is
// http://portal.localhost:8080 and the portal server picks the Portal by Host. Those URLs go through node:http with
// a lookup pinned to 127.0.0.1 (the Host header stays the URL's); every other URL goes to the global fetch.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

const loopback: LookupFunction = (_hostname, options, callback) => {
  if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

export function isLocalhostName(url: string): boolean {
  const host = new URL(url).hostname;
  return host.endsWith('.localhost');
}

async function loopbackFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((v, k) => (headers[k] = v));
  const body = init.body === undefined || init.body === null ? undefined : String(init.body);
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers, lookup: loopback, signal: init.signal ?? undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        const status = res.statusCode ?? 502;
        resolve(new Response([101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers: h }));
      });
    });
    req.on('error', (err) => reject(new TypeError('fetch failed', { cause: err })));
    req.end(body);
  });
}

/** The module's default fetch: loopback for `*.localhost`, the global fetch otherwise. */
export const portalFetch: typeof globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return isLocalhostName(url) ? loopbackFetch(url, init) : globalThis.fetch(input, init);
};
