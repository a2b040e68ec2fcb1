// gloo-api.md §7 items 11 (matcher semantics) and 12 (first match wins, 404), plus virtual-host selection
// (exact, left-most wildcard, port-insensitive), over real HTTP on loopback.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGateway, type Gateway, type RouteConfig } from '@portico/gateway';
import { config, matcher, route, uri } from './support/config.ts';
import { send } from './support/http-client.ts';
import { memoryLogger } from './support/logs.ts';

const named = (name: string, matchers: RouteConfig['matchers']) =>
  route(name, matchers, { type: 'directResponse', status: 200, body: name });

describe('route matching', () => {
  let gw: Gateway;
  const H = 'api.example.com';
  const get = async (path: string, opts: { method?: string; headers?: Record<string, string> } = {}) => {
    const r = await send(gw.url, path, { host: H, ...opts });
    return r.status === 200 ? r.body : r.status;
  };

  before(async () => {
    gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    gw.update(
      config([
        named('exact', [matcher({ uri: uri('exact', '/exact') })]),
        named('exact-ci', [matcher({ uri: uri('exact', '/Exact-CI', true) })]),
        named('regex', [matcher({ uri: uri('regex', '/items/[0-9]+') })]),
        named('prefix-ci', [matcher({ uri: uri('prefix', '/CaseLess/', true) })]),
        named('header-present', [matcher({ uri: uri('prefix', '/h/'), headers: [{ name: 'X-Present', value: null, regex: false, invertMatch: false }] })]),
        named('header-value', [matcher({ uri: uri('prefix', '/h/'), headers: [{ name: 'x-value', value: 'gold', regex: false, invertMatch: false }] })]),
        named('header-regex', [matcher({ uri: uri('prefix', '/h/'), headers: [{ name: 'x-re', value: 'v[0-9]+', regex: true, invertMatch: false }] })]),
        named('header-invert', [matcher({ uri: uri('prefix', '/h/'), headers: [{ name: 'x-block', value: null, regex: false, invertMatch: true }] })]),
        named('query-exact', [matcher({ uri: uri('prefix', '/q/'), queryParameters: [{ name: 'plan', value: 'gold', regex: false }] })]),
        named('query-regex', [matcher({ uri: uri('prefix', '/q/'), queryParameters: [{ name: 'id', value: '[a-z]{3}', regex: true }] })]),
        named('method', [matcher({ uri: uri('prefix', '/m/'), method: 'POST' })]),
        // any-of: one route, two matchers (the login/logout example).
        named('any-of', [matcher({ uri: uri('exact', '/v1/login') }), matcher({ uri: uri('exact', '/v1/logout') })]),
        named('first', [matcher({ uri: uri('prefix', '/order/') })]),
        named('second', [matcher({ uri: uri('prefix', '/order/') })]),
        named('catch-all', []),
      ]),
    );
  });
  after(() => gw.close());

  it('uri exact matches the whole path only (query ignored), case-sensitively by default', async () => {
    assert.equal(await get('/exact'), 'exact');
    assert.equal(await get('/exact?x=1'), 'exact');
    assert.equal(await get('/exact/more'), 'catch-all');
    assert.equal(await get('/EXACT'), 'catch-all');
    assert.equal(await get('/exact-ci'), 'exact-ci');
  });

  it('uri regex is RE2 and must match the whole path', async () => {
    assert.equal(await get('/items/42'), 'regex');
    assert.equal(await get('/items/42/x'), 'catch-all');
    assert.equal(await get('/items/abc'), 'catch-all');
  });

  it('uri prefix with ignoreCase', async () => {
    assert.equal(await get('/caseless/anything'), 'prefix-ci');
    assert.equal(await get('/CASELESS/x'), 'prefix-ci');
  });

  it('headers: presence, exact value, regex, invert', async () => {
    assert.equal(await get('/h/x', { headers: { 'x-present': '' } }), 'header-present');
    assert.equal(await get('/h/x', { headers: { 'x-value': 'gold' } }), 'header-value');
    assert.equal(await get('/h/x', { headers: { 'x-re': 'v12' } }), 'header-regex');
    // regex must match the whole value
    assert.equal(await get('/h/x', { headers: { 'x-re': 'v12x', 'x-block': '1' } }), 'catch-all');
    assert.equal(await get('/h/x'), 'header-invert');
    assert.equal(await get('/h/x', { headers: { 'x-block': 'yes' } }), 'catch-all');
  });

  it('query parameters: exact and regex', async () => {
    assert.equal(await get('/q/a?plan=gold'), 'query-exact');
    assert.equal(await get('/q/a?plan=silver&id=abc'), 'query-regex');
    assert.equal(await get('/q/a?id=abcd'), 'catch-all');
  });

  it('method', async () => {
    assert.equal(await get('/m/x', { method: 'POST' }), 'method');
    assert.equal(await get('/m/x'), 'catch-all');
  });

  it('a route matches when any of its matchers does', async () => {
    assert.equal(await get('/v1/login'), 'any-of');
    assert.equal(await get('/v1/logout'), 'any-of');
  });

  it('first matching route wins; a route without matchers matches everything', async () => {
    assert.equal(await get('/order/1'), 'first');
    assert.equal(await get('/whatever'), 'catch-all');
  });

  it('404 when no route of the virtual host matches', async () => {
    const g = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    try {
      g.update(config([named('only', [matcher({ uri: uri('exact', '/only') })])]));
      assert.equal((await send(g.url, '/only', { host: H })).status, 200);
      const miss = await send(g.url, '/other', { host: H });
      assert.equal(miss.status, 404);
      assert.match(miss.body, /no route/);
    } finally {
      await g.close();
    }
  });
});

describe('virtual host selection', () => {
  let gw: Gateway;
  before(async () => {
    gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    gw.update({
      revision: 1,
      virtualHosts: [
        { name: 'exact', domains: ['api.example.com'], routes: [named('exact-host', [])] },
        { name: 'wild', domains: ['*.example.com'], routes: [named('wildcard-host', [])] },
        { name: 'wild-longer', domains: ['*.eu.example.com'], routes: [named('longer-wildcard', [])] },
        { name: 'dash', domains: ['*-bar.example.org'], routes: [named('dash-wildcard', [])] },
      ],
    });
  });
  after(() => gw.close());

  const hostBody = async (host: string) => {
    const r = await send(gw.url, '/', { host });
    return r.status === 200 ? r.body : r.status;
  };

  it('exact host, case-insensitive, with or without a port', async () => {
    assert.equal(await hostBody('api.example.com'), 'exact-host');
    assert.equal(await hostBody('API.Example.COM:8080'), 'exact-host');
  });

  it('left-most wildcard; the longest wildcard wins; the bare parent domain does not match', async () => {
    assert.equal(await hostBody('www.example.com:443'), 'wildcard-host');
    assert.equal(await hostBody('a.eu.example.com'), 'longer-wildcard');
    assert.equal(await hostBody('foo-bar.example.org'), 'dash-wildcard');
    assert.equal(await hostBody('example.com'), 404);
    assert.equal(await hostBody('other.test'), 404);
  });

  it('several virtual hosts claiming one domain are merged in order', async () => {
    const g = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    try {
      g.update({
        revision: 1,
        virtualHosts: [
          { name: 'a', domains: ['shared.test'], routes: [named('from-a', [matcher({ uri: uri('prefix', '/a') })])] },
          { name: 'b', domains: ['shared.test'], routes: [named('from-b', [matcher({ uri: uri('prefix', '/b') })])] },
        ],
      });
      assert.equal((await send(g.url, '/a', { host: 'shared.test' })).body, 'from-a');
      assert.equal((await send(g.url, '/b', { host: 'shared.test' })).body, 'from-b');
    } finally {
      await g.close();
    }
  });
});
