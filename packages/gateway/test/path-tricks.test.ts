// Issue 11 "keep the proof" at the gateway: the path-trick list of the attack as a data-driven table, then seeded
// property-based fuzzing (fast-check) of request-target parsing — parseTarget alone, and whole requests through a
// real gateway whose /admin routes are protected and whose other paths are open. A request is "wrongly allowed"
// when the upstream receives a path that an RFC 3986 reading (unreserved escapes decoded, dot segments removed)
// puts under /admin without ext-auth having allowed it. Figures are printed as diagnostics.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createGateway, type Gateway } from '@portico/gateway';
import { parseTarget } from '../src/server/handler.ts';
import { config, dest, forward, prefix, route } from './support/config.ts';
import { startEcho, type EchoReply, type Upstream } from './support/echo-upstream.ts';
import { raw } from './support/raw-socket.ts';
import { ScriptedAuthService } from './support/services.ts';

const H = 'api.example.com';
const server = { requestTimeoutMs: 2000, failureModeAllow: false, statusOnError: 403, maxRequestBytes: null, allowPartialMessage: false };

/** How a standards-following upstream reads a path: %XX of unreserved characters decoded, dot segments removed. */
function upstreamReading(path: string): string {
  const unreserved = path.replace(/%([0-9A-Fa-f]{2})/g, (m, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9._~-]/.test(c) ? c : m;
  });
  try {
    return new URL(`http://x${unreserved.startsWith('/') ? '' : '/'}${unreserved}`).pathname;
  } catch {
    return unreserved;
  }
}
const underAdmin = (p: string) => /^\/admin(\/|$|\?|;)/i.test(upstreamReading(p.split('?')[0]!));

describe('path tricks and request-target fuzzing', () => {
  let up: Upstream;
  let gw: Gateway;
  const seen: string[] = [];
  before(async () => {
    up = await startEcho('api');
    up.server.prependListener('request', (req) => seen.push(req.url ?? ''));
    // ext-auth denies everything: nothing may reach /admin on the upstream.
    const auth = new ScriptedAuthService(async () => ({ allowed: false, status: 403, headers: [], body: 'no', reason: 'deny all' }));
    gw = await createGateway({ listen: { port: 0 }, logger: { info() {}, warn() {}, error() {} }, authService: auth });
    gw.update(config([
      route('admin', [prefix('/admin', true)], forward([dest(up.url)]), { extAuth: { configId: 'ns.admin', server } }),
      route('public', [prefix('/')], forward([dest(up.url)])),
    ]));
  });
  after(async () => {
    await gw.close();
    await up.close();
  });

  async function attempt(target: string): Promise<{ status: number; wronglyAllowed: boolean }> {
    const before = seen.length;
    const answer = await raw(gw.port, `GET ${target} HTTP/1.1\r\nHost: ${H}\r\nConnection: close\r\n\r\n`);
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
    const reached = seen.slice(before);
    return { status, wronglyAllowed: reached.some(underAdmin) };
  }

  const tricks = [
    '/admin', '/ADMIN', '/Admin/x', '/admin/', '/admin?x=1', '/admin;x=1', '//admin', '///admin', '/./admin', '/public/../admin',
    '/public/./../admin', '/public/%2e%2e/admin', '/public/%2E%2E/admin', '/public/.%2e/admin', '/public/%2e./admin',
    '/public/%252e%252e/admin', '/%61dmin', '/%41DMIN/x', '/adm%69n', '/public/..%2fadmin', '/public/..%2Fadmin', '/public%2f..%2fadmin',
    '/public/..\\admin', '/public/..%5cadmin', '/public/..;/admin', '/admin%00', '/admin%2f', '/%2fadmin', '/.%2fadmin',
    '/public/../../admin', '/public/../../../../admin', '/a/b/c/../../../admin', 'http://api.example.com/admin',
    'http://api.example.com/public/../admin', 'http://api.example.com//admin', '/public/%2e%2e%2fadmin', '/\tadmin', '/admin#frag', '/.//admin', '/public/..//admin',
  ];
  it(`the path-trick list (${tricks.length} forms): none reaches /admin on the upstream`, async (t) => {
    let wrong = 0;
    for (const target of tricks) {
      const r = await attempt(target);
      if (r.wronglyAllowed) {
        wrong++;
        t.diagnostic(`WRONGLY ALLOWED: ${target} (status ${r.status})`);
      }
      assert.ok(r.status >= 200 && r.status < 600, `${target}: an HTTP answer`);
    }
    t.diagnostic(`path tricks: ${tricks.length} tried, ${wrong} wrongly allowed`);
    assert.equal(wrong, 0);
  });

  it('fuzz: parseTarget never throws and returns a rooted path without dot segments (fast-check, seeded)', (t) => {
    let tries = 0;
    const seg = fc.constantFrom('admin', 'public', '.', '..', '%2e', '%2E%2e', '%2f', '%5c', '', 'a', '%61', '%00', ';', '\\', '~', '%', '%zz', 'é', '%C3%A9');
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 8 }), fc.boolean(), fc.string({ maxLength: 8 }), (segs, absolute, query) => {
        tries++;
        const target = `${absolute ? 'http://h.example' : ''}/${segs.join('/')}${query ? `?${query}` : ''}`;
        const r = parseTarget(target);
        if (r === null) return;
        assert.ok(r.path.startsWith('/'), target);
        assert.ok(!/(^|\/)\.\.?(\/|$)/.test(r.path), `${target} → ${r.path}`);
        assert.ok(!r.path.startsWith('//'), `${target} → ${r.path}: a network-path reference`);
      }),
      { seed: 1121, numRuns: 1000 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 64 }), (s) => {
      tries++;
      parseTarget(s);
    }), { seed: 1122, numRuns: 500 });
    t.diagnostic(`parseTarget fuzz: ${tries} tries, 0 crashes`);
  });

  it('fuzz: whole requests with hostile targets never reach /admin, never crash the gateway (fast-check, seeded)', async (t) => {
    let tries = 0;
    let wrong = 0;
    const seg = fc.constantFrom('admin', 'ADMIN', 'public', '.', '..', '%2e', '%2E%2e', '.%2e', '%2f', '%5c', '', '%61dmin', 'adm%69n', ';x', '%252e');
    await fc.assert(
      fc.asyncProperty(fc.array(seg, { minLength: 1, maxLength: 6 }), fc.boolean(), async (segs, absolute) => {
        tries++;
        const target = `${absolute ? `http://${H}` : ''}/${segs.join('/')}`;
        const r = await attempt(target);
        if (r.wronglyAllowed) {
          wrong++;
          t.diagnostic(`WRONGLY ALLOWED: ${target}`);
        }
      }),
      { seed: 1123, numRuns: 250 },
    );
    // The gateway still serves after all of it.
    const ok = JSON.parse((await raw(gw.port, `GET /public/x HTTP/1.1\r\nHost: ${H}\r\nConnection: close\r\n\r\n`)).split('\r\n\r\n')[1]!) as EchoReply;
    assert.equal(ok.url, '/public/x');
    t.diagnostic(`gateway request-target fuzz: ${tries} tries, ${wrong} wrongly allowed, 0 crashes`);
    assert.equal(wrong, 0);
  });
});
