// Proxy behaviour: upstream failures (502/503/504 with clear bodies; a down upstream affects only its
// routes), X-Request-Id, hop-by-hop and X-Forwarded-* headers, malformed/oversized requests (4xx, never a
// crash), atomic config swaps with requests in flight, HTTPS, and routes that cannot be compiled.
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createGateway, type Gateway } from '@portico/gateway';
import { config, dest, forward, matcher, prefix, route, uri } from './support/config.ts';
import { startEcho, type EchoReply, type Upstream } from './support/echo-upstream.ts';
import { send } from './support/http-client.ts';
import { memoryLogger } from './support/logs.ts';
import { selfSignedCert } from './support/tls.ts';

const H = 'api.example.com';

/** Writes raw bytes to the gateway and returns everything it answers before closing. */
function raw(port: number, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1', () => sock.write(payload));
    let data = '';
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('end', () => resolve(data));
    sock.on('close', () => resolve(data));
    sock.on('error', reject);
    sock.setTimeout(3000, () => sock.destroy());
  });
}

describe('upstream failures', () => {
  let gw: Gateway;
  let ok: Upstream;
  let garbage: ReturnType<typeof createNetServer>;
  let closedPort: number;
  const garbageSockets = new Set<import('node:net').Socket>();

  before(async () => {
    ok = await startEcho('ok');
    // Answers every connection with bytes that are not HTTP.
    garbage = createNetServer((s) => {
      garbageSockets.add(s);
      s.end('this is not http\r\n\r\n');
    });
    await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
    // A port nobody listens on: bind, read the port, close.
    const tmp = createNetServer();
    await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
    closedPort = (tmp.address() as AddressInfo).port;
    await new Promise<void>((r) => tmp.close(() => r()));

    gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    gw.update(
      config([
        route('down', [prefix('/down/')], forward([dest(`http://127.0.0.1:${closedPort}`, 1, 'down-svc')])),
        route('bad', [prefix('/bad/')], forward([dest(`http://127.0.0.1:${(garbage.address() as AddressInfo).port}`, 1, 'bad-svc')])),
        route('slow', [prefix('/slow')], forward([dest(ok.url, 1, 'slow-svc')], { timeoutMs: 1500 })),
        route('ok', [], forward([dest(ok.url)])),
      ]),
    );
  });
  after(async () => {
    await gw.close();
    await ok.close();
    for (const s of garbageSockets) s.destroy();
    await new Promise<void>((r) => garbage.close(() => r()));
  });

  it('connection refused → 503 naming the destination, only for that route', async () => {
    const r = await send(gw.url, '/down/x', { host: H });
    assert.equal(r.status, 503);
    assert.match(r.body, /upstream unavailable: connection refused \(down-svc\)/);
    assert.doesNotMatch(r.body, new RegExp(String(closedPort)), 'the address is not leaked');
    assert.equal((await send(gw.url, '/fine', { host: H })).status, 200);
  });

  it('a response that is not HTTP → 502', async () => {
    const r = await send(gw.url, '/bad/x', { host: H });
    assert.equal(r.status, 502);
    assert.match(r.body, /bad upstream response/);
  });

  it('no response headers within the route timeout → 504', async () => {
    // Generous margins: the whole suite runs on a busy 2-core machine.
    const r = await send(gw.url, '/slow?ms=4000', { host: H });
    assert.equal(r.status, 504);
    assert.match(r.body, /upstream request timeout \(slow-svc\)/);
    assert.equal((await send(gw.url, '/slow?ms=1', { host: H })).status, 200);
  });
});

describe('request and response headers', () => {
  let gw: Gateway;
  let up: Upstream;
  before(async () => {
    up = await startEcho('up');
    // The test client is on loopback and plays a trusted load balancer here (edge-hardening.test.ts covers untrusted peers).
    gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger, trustedProxies: ['127.0.0.1'] });
    gw.update(config([route('all', [], forward([dest(up.url)]))]));
  });
  after(async () => {
    await gw.close();
    await up.close();
  });

  it('X-Request-Id is generated when absent and passed upstream; one given by a trusted proxy is kept', async () => {
    const one = JSON.parse((await send(gw.url, '/', { host: H })).body) as EchoReply;
    assert.match(String(one.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const two = JSON.parse((await send(gw.url, '/', { host: H, headers: { 'x-request-id': 'abc-123' } })).body) as EchoReply;
    assert.equal(two.headers['x-request-id'], 'abc-123');
  });

  it('hop-by-hop headers are not forwarded; X-Forwarded-For is appended and X-Forwarded-Proto set', async () => {
    const r = await send(gw.url, '/', {
      host: H,
      headers: { connection: 'keep-alive, x-secret-hop', 'x-secret-hop': '1', 'keep-alive': 'timeout=5', te: 'trailers', 'x-forwarded-for': '203.0.113.9', 'x-kept': 'yes' },
    });
    const e = JSON.parse(r.body) as EchoReply;
    assert.equal(e.headers['x-secret-hop'], undefined);
    assert.equal(e.headers['keep-alive'], undefined);
    assert.equal(e.headers.te, undefined);
    assert.equal(e.headers['x-kept'], 'yes');
    assert.equal(e.headers['x-forwarded-for'], '203.0.113.9, 127.0.0.1');
    assert.equal(e.headers['x-forwarded-proto'], 'http');
    // Response: the upstream's keep-alive header is hop-by-hop; repeated set-cookie survives.
    assert.notEqual(r.headers['keep-alive'], 'timeout=5');
    assert.deepEqual(r.headers['set-cookie'], ['a=1', 'b=2']);
    assert.equal(r.headers['x-upstream'], 'up');
  });

  it('request bodies are streamed upstream', async () => {
    const body = 'x'.repeat(200_000);
    const r = await send(gw.url, '/upload', { host: H, method: 'POST', body, headers: { 'content-type': 'text/plain' } });
    const e = JSON.parse(r.body) as EchoReply;
    assert.equal(e.method, 'POST');
    assert.equal(e.body.length, body.length);
  });
});

describe('malformed and oversized requests', () => {
  let gw: Gateway;
  let up: Upstream;
  before(async () => {
    up = await startEcho('up');
    gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger, maxHeaderBytes: 8192 });
    gw.update(config([route('all', [], forward([dest(up.url)]))]));
  });
  after(async () => {
    await gw.close();
    await up.close();
  });

  it('garbage request line → 400 and the gateway keeps serving', async () => {
    const answer = await raw(gw.port, 'HELLO WORLD\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.equal((await send(gw.url, '/', { host: H })).status, 200);
  });

  it('HTTP/1.1 without Host → 400', async () => {
    const answer = await raw(gw.port, 'GET / HTTP/1.1\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 /);
  });

  it('request target that is not a path → 400', async () => {
    const answer = await raw(gw.port, 'OPTIONS * HTTP/1.1\r\nHost: api.example.com\r\nConnection: close\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /absolute path/);
  });

  it('headers larger than the limit → 431', async () => {
    const answer = await raw(gw.port, `GET / HTTP/1.1\r\nHost: ${H}\r\nX-Big: ${'a'.repeat(10_000)}\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 431 /);
  });

  it('dot segments are resolved before matching', async () => {
    const g = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    try {
      g.update(config([
        route('public', [prefix('/public/')], forward([dest(up.url)])),
        route('deny', [], { type: 'directResponse', status: 403, body: 'denied' }),
      ]));
      assert.equal((await send(g.url, '/public/../admin', { host: H })).status, 403);
      const e = JSON.parse((await send(g.url, '/public/./a/../b', { host: H })).body) as EchoReply;
      assert.equal(e.url, '/public/b');
    } finally {
      await g.close();
    }
  });
});

describe('configuration updates', () => {
  let up: Upstream;
  before(async () => {
    up = await startEcho('up');
  });
  after(() => up.close());

  it('a swap applies to new requests while in-flight ones finish on their config', async () => {
    const gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    try {
      gw.update(config([route('v1', [prefix('/slow')], forward([dest(up.url)]))], [H], 1));
      const before = up.requests;
      const inflight = Array.from({ length: 10 }, () => send(gw.url, '/slow?ms=300', { host: H }));
      // Swap only once every request has reached the upstream, i.e. is truly in flight.
      for (let i = 0; up.requests < before + 10; i++) {
        if (i > 2000) assert.fail('the 10 requests never all reached the upstream');
        await new Promise((r) => setTimeout(r, 5));
      }
      const result = gw.update(config([route('v2', [], { type: 'directResponse', status: 200, body: 'v2' })], [H], 2));
      assert.equal(result.revision, 2);
      assert.equal(gw.revision(), 2);
      assert.equal((await send(gw.url, '/slow?ms=1', { host: H })).body, 'v2');
      for (const r of await Promise.all(inflight)) {
        assert.equal(r.status, 200);
        assert.equal((JSON.parse(r.body) as EchoReply).upstream, 'up');
      }
    } finally {
      await gw.close();
    }
  });

  it('a route that cannot be compiled answers 500 and is reported; the others keep working', async () => {
    const gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    try {
      const result = gw.update(
        config([
          route('broken', [matcher({ uri: uri('regex', '/x/(unclosed') })], forward([dest(up.url)])),
          route('no-dest', [prefix('/nodest')], forward([])),
          route('fine', [prefix('/fine')], forward([dest(up.url)])),
        ]),
      );
      assert.deepEqual(result.issues.map((i) => [i.code, i.where]), [
        ['GW_CONFIG_INVALID_REGEX', 'broken'],
        ['GW_CONFIG_INVALID_DESTINATION', 'no-dest'],
      ]);
      assert.equal((await send(gw.url, '/nodest', { host: H })).status, 500);
      assert.equal((await send(gw.url, '/fine', { host: H })).status, 200);
    } finally {
      await gw.close();
    }
  });
});

describe('HTTPS listener', () => {
  it('serves routes over TLS with the given certificate', async () => {
    const up = await startEcho('tls-up');
    const { cert, key } = selfSignedCert();
    const gw = await createGateway({ listen: { port: 0 }, tls: { cert, key }, logger: memoryLogger().logger });
    try {
      gw.update(config([route('all', [], forward([dest(up.url)]))]));
      assert.match(gw.url, /^https:/);
      const body = await new Promise<string>((resolve, reject) => {
        const req = httpsRequest({ host: '127.0.0.1', port: gw.port, path: '/x', ca: cert, servername: 'localhost', headers: { host: H } }, (res) => {
          let data = '';
          res.on('data', (d) => (data += d));
          res.on('end', () => resolve(data));
        });
        req.on('error', reject);
        req.end();
      });
      const e = JSON.parse(body) as EchoReply;
      assert.equal(e.headers['x-forwarded-proto'], 'https');
    } finally {
      await gw.close();
      await up.close();
    }
  });
});
