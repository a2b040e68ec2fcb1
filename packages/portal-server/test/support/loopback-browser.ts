// The IdP's ScriptedBrowser, but able to reach `*.localhost` names: they resolve to loopback in browsers and curl,
// not in Node's resolver, and fetch() does not let a caller set Host. Requests to a `*.localhost` host go to
// 127.0.0.1 with the original Host header over node:http.
import { request } from 'node:http';
import { ScriptedBrowser } from '@portico/idp/testing';

export class LoopbackBrowser extends ScriptedBrowser {
  override async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    if (!target.hostname.endsWith('.localhost')) return super.fetch(target, init);
    const headers: Record<string, string> = { host: target.host };
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const cookie = this.jar.header(target);
    if (cookie) headers.cookie = cookie;
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    if (body !== undefined && init.body instanceof URLSearchParams) headers['content-type'] ??= 'application/x-www-form-urlencoded';
    const res = await new Promise<Response>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: Number(target.port || 80), path: target.pathname + target.search, method: init.method ?? 'GET', headers }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(r.headers)) {
            if (Array.isArray(v)) for (const x of v) h.append(k, x);
            else if (v !== undefined) h.set(k, v);
          }
          const status = r.statusCode ?? 0;
          const nullBody = status === 204 || status === 304 || (status >= 300 && status < 400 && chunks.length === 0);
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: h }));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
    this.jar.capture(target, res.headers.getSetCookie());
    return res;
  }
}
