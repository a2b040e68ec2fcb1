// A minimal scripted browser for end-to-end tests of login flows: fetch with a cookie jar, redirects followed by hand
// (so a test can stop at a callback URL), and a helper that fills in the development IdP's login form. Exported as
// @portico/idp/testing for other packages' tests (ext-auth's OIDC step, the portal's end-to-end flow).
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

interface StoredCookie { value: string; path: string; expiresAt: number | undefined; secure: boolean }

// Browsers treat loopback hosts as secure contexts, so Secure cookies are kept and sent over plain http there.
const LOOPBACK = /^(localhost|.*\.localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export class CookieJar {
  readonly #byHost = new Map<string, Map<string, StoredCookie>>();

  capture(url: URL, setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const cookie: StoredCookie = { value: pair.slice(eq + 1), path: '/', expiresAt: undefined, secure: false };
      for (const attr of attrs) {
        const [k = '', v = ''] = attr.split('=');
        const key = k.toLowerCase();
        if (key === 'path') cookie.path = v || '/';
        else if (key === 'max-age') cookie.expiresAt = Date.now() + Number(v) * 1000;
        else if (key === 'expires' && cookie.expiresAt === undefined) cookie.expiresAt = Date.parse(v);
        else if (key === 'secure') cookie.secure = true;
      }
      const jar = this.#byHost.get(url.hostname) ?? new Map<string, StoredCookie>();
      this.#byHost.set(url.hostname, jar);
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= Date.now()) jar.delete(`${name};${cookie.path}`);
      else jar.set(`${name};${cookie.path}`, cookie);
    }
  }

  header(url: URL): string | undefined {
    const jar = this.#byHost.get(url.hostname);
    if (!jar) return undefined;
    const secureOk = url.protocol === 'https:' || LOOPBACK.test(url.hostname);
    const pairs: string[] = [];
    for (const [key, c] of jar) {
      if (c.expiresAt !== undefined && c.expiresAt <= Date.now()) continue;
      if (c.secure && !secureOk) continue;
      if (!url.pathname.startsWith(c.path)) continue;
      pairs.push(`${key.slice(0, key.indexOf(';'))}=${c.value}`);
    }
    return pairs.length ? pairs.join('; ') : undefined;
  }

  get(hostname: string, name: string): string | undefined {
    for (const [key, c] of this.#byHost.get(hostname) ?? []) if (key.startsWith(`${name};`)) return c.value;
    return undefined;
  }
}

export interface FollowResult { response: Response | undefined; url: URL; hops: URL[] }

export class ScriptedBrowser {
  readonly jar = new CookieJar();
  /** Rewrites a URL before it is fetched, e.g. http://portal.localhost:8080 → the test's ephemeral port. */
  readonly resolve: (url: URL) => URL;
  constructor(resolve: (url: URL) => URL = (u) => u) {
    this.resolve = resolve;
  }

  /** One request, no redirect following. `init.body` may be a string or URLSearchParams. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.jar.header(target);
    if (cookie) headers.set('cookie', cookie);
    const res = await send(this.resolve(target), target.host, init.method ?? 'GET', headers, init.body);
    this.jar.capture(target, res.headers.getSetCookie());
    return res;
  }

  /** Follows redirects from `url`; stops before fetching a URL for which stopAt returns true. */
  async follow(url: string | URL, opts: { stopAt?: (u: URL) => boolean; init?: RequestInit; max?: number } = {}): Promise<FollowResult> {
    let current = new URL(url);
    let init = opts.init ?? {};
    const hops: URL[] = [];
    for (let i = 0; i < (opts.max ?? 20); i++) {
      if (opts.stopAt?.(current)) return { response: undefined, url: current, hops };
      hops.push(current);
      const res = await this.fetch(current, init);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { response: res, url: current, hops };
      await res.body?.cancel();
      current = new URL(location, current);
      init = {};
    }
    throw new Error(`too many redirects from ${String(url)}`);
  }

  /** Fills and posts the login form in `page` (HTML from the development IdP), then follows redirects. */
  async submitLogin(page: { html: string; url: URL }, email: string, password: string,
    stopAt?: (u: URL) => boolean): Promise<FollowResult> {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1];
    if (!action) throw new Error('no login form on the page');
    const target = new URL(action.replace(/&amp;/g, '&'), page.url);
    const body = new URLSearchParams({ email, password });
    return this.follow(target, {
      stopAt,
      init: { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    });
  }
}

/** node:http rather than fetch: fetch ignores a Host header, and `resolve` must be able to send
 *  Host: portal.localhost:8080 to a server on an ephemeral loopback port. */
function send(url: URL, host: string, method: string, headers: Headers, body: RequestInit['body']): Promise<Response> {
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof URLSearchParams)) {
    throw new TypeError('ScriptedBrowser sends string or URLSearchParams bodies only');
  }
  const payload = body === undefined || body === null ? undefined : Buffer.from(String(body));
  if (body instanceof URLSearchParams && !headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
  const outgoing: Record<string, string> = { host };
  headers.forEach((v, k) => (outgoing[k] = v));
  if (payload) outgoing['content-length'] = String(payload.length);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: outgoing }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const status = res.statusCode ?? 500;
        const noBody = status === 204 || status === 304 || method === 'HEAD';
        resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: h }));
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
