// Issue 11: what an attacker found at the gateway edge, kept as tests. Ambiguous HTTP (two Host or two
// Authorization headers, absolute-form targets, TRACE), client-supplied X-Request-Id / X-Forwarded-* from an
// untrusted peer, credentials in the query (access log, upstream), readiness before the first config, and
// draining on close. The smuggling forms of the attack run as a data-driven table.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGateway, type Gateway } from '@portico/gateway';
import { config, dest, forward, matcher, prefix, route, uri } from './support/config.ts';
import { startEcho, type EchoReply, type Upstream } from './support/echo-upstream.ts';
import { send } from './support/http-client.ts';
import { memoryLogger, waitForLog } from './support/logs.ts';
import { raw } from './support/raw-socket.ts';
import { allow, ScriptedAuthService } from './support/services.ts';

const H = 'api.example.com';
const server = { requestTimeoutMs: 2000, failureModeAllow: false, statusOnError: 403, maxRequestBytes: null, allowPartialMessage: false };

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

describe('edge hardening', () => {
  let up: Upstream;
  let other: Upstream;
  let gw: Gateway;
  let trusting: Gateway;
  const log = memoryLogger();
  // ext-auth that allows only "Bearer good" (header) or access_token=good (query), like the real token source.
  const auth = new ScriptedAuthService(async (req) => {
    const h = req.attributes.request.http;
    const q = new URLSearchParams(h.path.split('?')[1] ?? '');
    return h.headers.authorization === 'Bearer good' || q.get('access_token') === 'good'
      ? allow()
      : { allowed: false, status: 401, headers: [], body: 'no', reason: 'bad token' };
  });

  before(async () => {
    up = await startEcho('api');
    other = await startEcho('other');
    const cfg = config([
      route('trace-ok', [matcher({ uri: uri('prefix', '/debug'), method: 'TRACE' })], forward([dest(up.url)])),
      route('protected', [prefix('/protected')], forward([dest(up.url)]), { extAuth: { configId: 'ns.p', server } }),
      route('api', [prefix('/')], forward([dest(up.url)])),
    ]);
    cfg.virtualHosts.push({ name: 'other', domains: ['other.example.com'], routes: [route('other', [], forward([dest(other.url)]))] });
    gw = await createGateway({ listen: { port: 0 }, logger: log.logger, authService: auth });
    trusting = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger, trustedProxies: ['127.0.0.0/8', '::1'] });
    gw.update(cfg);
    trusting.update(cfg);
  });
  after(async () => {
    await gw.close();
    await trusting.close();
    await up.close();
    await other.close();
  });

  const ambiguous: { name: string; payload: (host: string) => string; status: number }[] = [
    { name: 'two Host headers', payload: (h) => `GET / HTTP/1.1\r\nHost: ${h}\r\nHost: other.example.com\r\nConnection: close\r\n\r\n`, status: 400 },
    { name: 'two Host headers, differing case', payload: (h) => `GET / HTTP/1.1\r\nhost: ${h}\r\nHOST: ${h}\r\nConnection: close\r\n\r\n`, status: 400 },
    { name: 'two Authorization headers', payload: (h) => `GET /protected HTTP/1.1\r\nHost: ${h}\r\nAuthorization: Bearer good\r\nAuthorization: Bearer evil\r\nConnection: close\r\n\r\n`, status: 400 },
    { name: 'TRACE on an ordinary route', payload: (h) => `TRACE / HTTP/1.1\r\nHost: ${h}\r\nCookie: s=1\r\nConnection: close\r\n\r\n`, status: 405 },
    { name: 'TRACE on a route that matches TRACE', payload: (h) => `TRACE /debug HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`, status: 200 },
    { name: 'absolute-form with userinfo', payload: (h) => `GET http://user:pw@${h}/ HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`, status: 400 },
    // The smuggling forms: node's parser refuses them before any route runs.
    { name: 'Content-Length and Transfer-Encoding', payload: (h) => `POST / HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: ${h}\r\n\r\n`, status: 400 },
    { name: 'two different Content-Length', payload: (h) => `POST / HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc`, status: 400 },
    { name: 'obfuscated Transfer-Encoding', payload: (h) => `POST / HTTP/1.1\r\nHost: ${h}\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n`, status: 400 },
    { name: 'Transfer-Encoding with a space before the colon', payload: (h) => `POST / HTTP/1.1\r\nHost: ${h}\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n`, status: 400 },
    { name: 'bare LF line endings in the head', payload: (h) => `GET / HTTP/1.1\nHost: ${h}\nX: 1\n\n`, status: 400 },
    { name: 'obs-fold continuation line', payload: (h) => `GET / HTTP/1.1\r\nHost: ${h}\r\nX-A: 1\r\n  folded\r\n\r\n`, status: 400 },
    { name: 'chunk size overflow', payload: (h) => `POST / HTTP/1.1\r\nHost: ${h}\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF1\r\nx\r\n0\r\n\r\n`, status: 400 },
    { name: 'NUL in a header value', payload: (h) => `GET / HTTP/1.1\r\nHost: ${h}\r\nX-A: a\u0000b\r\n\r\n`, status: 400 },
    { name: 'HTTP/1.0 with Transfer-Encoding chunked', payload: (h) => `POST / HTTP/1.0\r\nHost: ${h}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, status: 400 },
    { name: 'space in the request target', payload: (h) => `GET /a b HTTP/1.1\r\nHost: ${h}\r\n\r\n`, status: 400 },
  ];
  for (const c of ambiguous) {
    it(`${c.name} → ${c.status}`, async () => {
      const before = up.requests + other.requests;
      const answer = await raw(gw.port, c.payload(H));
      assert.equal(statusOf(answer), c.status, answer.slice(0, 200));
      if (c.status !== 200) assert.equal(up.requests + other.requests, before, 'nothing reached an upstream');
    });
  }

  it('an absolute-form target is routed by its authority, not by Host (RFC 9112 §3.2.2)', async () => {
    const answer = await raw(gw.port, `GET http://other.example.com/x HTTP/1.1\r\nHost: ${H}\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(answer), 200);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as EchoReply;
    assert.equal(body.upstream, 'other');
    assert.equal(body.headers.host, 'other.example.com');
    assert.equal(body.url, '/x');
  });

  it('from an untrusted peer, X-Request-Id is replaced, X-Forwarded-For restarts, X-Forwarded-Host is dropped', async () => {
    const r = await send(gw.url, '/', { host: H, headers: { 'x-request-id': 'attacker-id', 'x-forwarded-for': '10.0.0.1', 'x-forwarded-host': 'admin.internal' } });
    const e = JSON.parse(r.body) as EchoReply;
    assert.notEqual(e.headers['x-request-id'], 'attacker-id');
    assert.match(String(e.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal(e.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(e.headers['x-forwarded-host'], undefined);
  });

  it('from a trusted proxy, the same headers are kept and X-Forwarded-For is appended to', async () => {
    const r = await send(trusting.url, '/', { host: H, headers: { 'x-request-id': 'lb-id', 'x-forwarded-for': '10.0.0.1', 'x-forwarded-host': 'api.example.com' } });
    const e = JSON.parse(r.body) as EchoReply;
    assert.equal(e.headers['x-request-id'], 'lb-id');
    assert.equal(e.headers['x-forwarded-for'], '10.0.0.1, 127.0.0.1');
    assert.equal(e.headers['x-forwarded-host'], 'api.example.com');
  });

  it('a query token is redacted in the access log and stripped before the upstream', async () => {
    const r = await send(gw.url, '/protected/x?a=1&access_token=good&b=2', { host: H });
    assert.equal(r.status, 200);
    const e = JSON.parse(r.body) as EchoReply;
    assert.equal(e.url, '/protected/x?a=1&b=2');
    const line = await waitForLog(log.lines, (l) => typeof l.path === 'string' && l.path.startsWith('/protected/x'));
    assert.equal(line.path, '/protected/x?a=1&access_token=[redacted]&b=2');
    await send(gw.url, '/open?api-key=k3y-value&x=1', { host: H });
    const line2 = await waitForLog(log.lines, (l) => typeof l.path === 'string' && l.path.startsWith('/open'));
    assert.equal(line2.path, '/open?api-key=[redacted]&x=1');
    assert.ok(!JSON.stringify(log.lines()).includes('k3y-value'));
  });
});

describe('readiness and draining', () => {
  it('503 with Retry-After until the first configuration, then routes', async () => {
    const up = await startEcho('up');
    const gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    try {
      assert.equal(gw.ready(), false);
      const early = await send(gw.url, '/', { host: H });
      assert.equal(early.status, 503);
      assert.equal(early.headers['retry-after'], '1');
      gw.update(config([route('all', [], forward([dest(up.url)]))]));
      assert.equal(gw.ready(), true);
      assert.equal((await send(gw.url, '/', { host: H })).status, 200);
    } finally {
      await gw.close();
      await up.close();
    }
  });

  it('close(): new connections refused, the in-flight request finishes, then close resolves', async () => {
    const up = await startEcho('up');
    const gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger, drainTimeoutMs: 5000 });
    gw.update(config([route('all', [], forward([dest(up.url)]))]));
    try {
      const inFlight = send(gw.url, '/slow?ms=300', { host: H });
      while (up.requests === 0) await new Promise((r) => setImmediate(r));
      const closing = gw.close();
      await assert.rejects(send(gw.url, '/', { host: H }), /ECONNREFUSED/);
      const r = await inFlight;
      assert.equal(r.status, 200);
      await closing;
    } finally {
      await up.close();
    }
  });

  it('close(): a request still running at drainTimeoutMs is cut', async () => {
    const up = await startEcho('up');
    const gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger, drainTimeoutMs: 50 });
    gw.update(config([route('all', [], forward([dest(up.url)]))]));
    try {
      const inFlight = send(gw.url, '/slow?ms=3000', { host: H }).then((r) => r.status, (err: Error) => err.message);
      while (up.requests === 0) await new Promise((r) => setImmediate(r));
      await gw.close();
      assert.match(String(await inFlight), /socket hang up|ECONNRESET/);
    } finally {
      await up.close();
    }
  });
});
