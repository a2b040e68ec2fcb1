// gloo-api.md §7 items 13 (pathRewrite / regexRewrite), 14 (weighted destinations), 15 (redirect codes,
// directResponse), plus host rewrites — over real HTTP with real upstreams on loopback.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGateway, type Gateway } from '@portico/gateway';
import { config, dest, forward, matcher, prefix, route, uri } from './support/config.ts';
import { startEcho, type EchoReply, type Upstream } from './support/echo-upstream.ts';
import { send } from './support/http-client.ts';
import { memoryLogger } from './support/logs.ts';

describe('forward actions', () => {
  let gw: Gateway;
  let a: Upstream;
  let b: Upstream;
  let c: Upstream;
  const H = 'api.example.com';
  const echo = async (path: string, headers: Record<string, string> = {}) => {
    const r = await send(gw.url, path, { host: H, headers });
    assert.equal(r.status, 200, r.body);
    return JSON.parse(r.body) as EchoReply;
  };

  before(async () => {
    [a, b, c] = await Promise.all([startEcho('a'), startEcho('b'), startEcho('c')]);
    gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    gw.update(
      config([
        route('prefix-rewrite', [prefix('/trackapi/v1/')], forward([dest(a.url)], { pathRewrite: '/' })),
        route('exact-rewrite', [matcher({ uri: uri('exact', '/old/exact') })], forward([dest(a.url)], { pathRewrite: '/new/whole' })),
        route('regex-rewrite', [prefix('/authors/')], forward([dest(a.url)], { regexRewrite: { pattern: '^/authors/([^/]+)$', substitution: '/authors/\\1.json' } })),
        route('host-rewrite', [prefix('/hr/')], forward([dest(a.url)], { hostRewrite: 'internal.example' })),
        route('auto-host', [prefix('/ahr/')], forward([{ ...dest(a.url), host: 'petstore.demo.local' }], { autoHostRewrite: true })),
        route('weighted', [prefix('/w/')], forward([dest(a.url, 50, 'a'), dest(b.url, 25, 'b'), dest(c.url, 25, 'c')])),
        route('plain', [], forward([dest(a.url)])),
      ]),
    );
  });
  after(async () => {
    await gw.close();
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('pathRewrite on a prefix matcher replaces only the prefix; the query string is kept', async () => {
    assert.equal((await echo('/trackapi/v1/tracks?limit=2')).url, '/tracks?limit=2');
  });

  it('pathRewrite on an exact matcher replaces the whole path', async () => {
    assert.equal((await echo('/old/exact')).url, '/new/whole');
  });

  it('regexRewrite substitutes capture groups (\\1)', async () => {
    assert.equal((await echo('/authors/cat-1')).url, '/authors/cat-1.json');
  });

  it('Host is passed through unless hostRewrite / autoHostRewrite', async () => {
    assert.equal((await echo('/plain')).headers.host, H);
    assert.equal((await echo('/hr/x')).headers.host, 'internal.example');
    assert.equal((await echo('/ahr/x')).headers.host, 'petstore.demo.local');
  });

  it('weighted destinations split traffic by weight (50/25/25)', async () => {
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 400; i++) counts[(await echo('/w/x')).upstream]!++;
    // 400 draws: expected 200/100/100; the bounds are > 6 standard deviations wide.
    assert.ok(counts.a! > 140 && counts.a! < 260, JSON.stringify(counts));
    assert.ok(counts.b! > 50 && counts.b! < 150, JSON.stringify(counts));
    assert.ok(counts.c! > 50 && counts.c! < 150, JSON.stringify(counts));
  });
});

describe('redirect and direct response', () => {
  let gw: Gateway;
  before(async () => {
    gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    const codes = [301, 302, 303, 307, 308] as const;
    gw.update(
      config([
        ...codes.map((code) =>
          route(`r${code}`, [prefix(`/r${code}`)], { type: 'redirect', hostRedirect: 'new.example.com', pathRedirect: null, responseCode: code }),
        ),
        route('path-redirect', [prefix('/moved')], { type: 'redirect', hostRedirect: null, pathRedirect: '/here', responseCode: 301 }),
        route('direct', [prefix('/direct')], { type: 'directResponse', status: 418, body: "I'm a teapot" }),
      ]),
    );
  });
  after(() => gw.close());

  it('each response code, host swapped and path kept', async () => {
    for (const code of [301, 302, 303, 307, 308]) {
      const r = await send(gw.url, `/r${code}/p?q=1`, { host: 'api.example.com' });
      assert.equal(r.status, code);
      assert.equal(r.headers.location, `http://new.example.com/r${code}/p?q=1`);
    }
  });

  it('pathRedirect replaces the path and keeps the host', async () => {
    const r = await send(gw.url, '/moved/x', { host: 'api.example.com:8080' });
    assert.equal(r.status, 301);
    assert.equal(r.headers.location, 'http://api.example.com:8080/here');
  });

  it('directResponse answers with its status and body', async () => {
    const r = await send(gw.url, '/direct', { host: 'api.example.com' });
    assert.equal(r.status, 418);
    assert.equal(r.body, "I'm a teapot");
  });
});
