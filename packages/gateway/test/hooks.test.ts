// The request pipeline hooks: ext-auth (allow + header mutations, deny, errors/timeouts with
// failureModeAllow / statusOnError, maxRequestBytes → 413, body sent to auth), then rate limit (descriptor
// actions, OVER_LIMIT → 429 + x-envoy-ratelimited + Retry-After, service error → allow unless denyOnFail),
// and the access-log fields (gloo-api.md §5.5, §7 item 67).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGateway, type ExtAuthServerSettings, type Gateway, type RouteConfig } from '@portico/gateway';
import { config, dest, forward, prefix, route } from './support/config.ts';
import { startEcho, type EchoReply, type Upstream } from './support/echo-upstream.ts';
import { send } from './support/http-client.ts';
import { memoryLogger, waitForLog } from './support/logs.ts';
import { allow, bearerAuth, CountingRateLimitService, ScriptedAuthService } from './support/services.ts';

const H = 'api.example.com';
const server = (s: Partial<ExtAuthServerSettings> = {}): ExtAuthServerSettings => ({
  requestTimeoutMs: 2000,
  failureModeAllow: false,
  statusOnError: 403,
  maxRequestBytes: null,
  allowPartialMessage: false,
  ...s,
});
const apiMeta = {
  'io.solo.gloo.apimanagement': {
    api_product_id: 'tracks',
    api_product_name: 'Catstronauts Tracks',
    api_id: 'tracks-v1',
    custom_metadata: '{"lifecyclePhase":"General Availability"}',
  },
};

describe('ext-auth hook', () => {
  let up: Upstream;
  let gw: Gateway;
  const auth = new ScriptedAuthService(bearerAuth());
  const log = memoryLogger();
  const fwd = () => forward([dest(up.url)]);
  const authed = (name: string, p: string, s: Partial<ExtAuthServerSettings> = {}): RouteConfig =>
    route(name, [prefix(p)], fwd(), { extAuth: { configId: `ns.${name}`, server: server(s) }, filterMetadata: apiMeta });

  before(async () => {
    up = await startEcho('up');
    gw = await createGateway({ listen: { port: 0 }, trustedProxies: ['127.0.0.1'], logger: log.logger, authService: auth });
    gw.update(
      config([
        authed('bearer', '/bearer'),
        authed('timeout', '/timeout', { requestTimeoutMs: 100 }),
        authed('timeout-allow', '/allow-on-error', { requestTimeoutMs: 100, failureModeAllow: true }),
        authed('error-503', '/error-503', { statusOnError: 503 }),
        authed('body', '/body', { maxRequestBytes: 16 }),
        route('open', [prefix('/open')], fwd()),
      ]),
    );
  });
  after(async () => {
    await gw.close();
    await up.close();
  });

  it('allowed: headers set/appended/removed upstream, response header added, metadata logged', async () => {
    auth.behaviour = bearerAuth();
    const r = await send(gw.url, '/bearer/x', { host: H, headers: { authorization: 'Bearer good', 'x-trace': 'client' } });
    assert.equal(r.status, 200);
    const e = JSON.parse(r.body) as EchoReply;
    assert.equal(e.headers['x-user'], 'alice');
    assert.equal(e.headers['x-trace'], 'client, auth');
    assert.equal(e.headers.authorization, undefined);
    assert.equal(r.headers['x-auth-checked'], 'yes');
    const line = await waitForLog(log.lines, (l) => l.path === '/bearer/x' && l.status === 200);
    assert.equal(line.user_id, 'alice');
    assert.equal(line.usage_plan, 'gold');
    assert.equal(line.api_id, 'tracks-v1');
    assert.equal(line.api_product_id, 'tracks');
    assert.equal(line.api_product_name, 'Catstronauts Tracks');
    assert.equal(line.custom_metadata, '{"lifecyclePhase":"General Availability"}');
    assert.equal(line.route_name, 'bearer');
    assert.equal(typeof line.duration, 'number');
  });

  it('the CheckRequest carries config_id, lower-cased headers, pseudo-headers and the route metadata', async () => {
    auth.behaviour = bearerAuth();
    auth.seen.length = 0;
    await send(gw.url, '/bearer/y?q=1', { host: H, headers: { Authorization: 'Bearer good', 'X-Request-Id': 'rid-1' } });
    const c = auth.seen[0]!;
    assert.equal(c.attributes.context_extensions?.config_id, 'ns.bearer');
    const http = c.attributes.request.http;
    assert.equal(http.id, 'rid-1');
    assert.equal(http.path, '/bearer/y?q=1');
    assert.equal(http.host, H);
    assert.equal(http.method, 'GET');
    assert.equal(http.headers[':authority'], H);
    assert.equal(http.headers[':path'], '/bearer/y?q=1');
    assert.equal(http.headers.authorization, 'Bearer good');
    assert.equal(http.protocol, 'HTTP/1.1');
    assert.deepEqual(c.attributes.metadata_context?.filter_metadata, apiMeta);
    assert.equal(c.attributes.source?.address.socket_address.address, '127.0.0.1');
  });

  it('denied: the auth service chooses status, headers and body; upstream is not called', async () => {
    auth.behaviour = bearerAuth();
    const before = up.requests;
    const r = await send(gw.url, '/bearer/x', { host: H });
    assert.equal(r.status, 401);
    assert.equal(r.headers['www-authenticate'], 'Bearer');
    assert.equal(r.body, 'no entry');
    assert.equal(up.requests, before);
  });

  it('timeout or error → statusOnError (default 403), or allowed with failureModeAllow', async () => {
    auth.behaviour = () => new Promise(() => undefined); // never answers
    assert.equal((await send(gw.url, '/timeout', { host: H })).status, 403);
    assert.equal((await send(gw.url, '/allow-on-error', { host: H })).status, 200);
    auth.behaviour = async () => {
      throw new Error('ext-auth down');
    };
    assert.equal((await send(gw.url, '/error-503', { host: H })).status, 503);
  });

  it('a synchronous answer (no I/O in the service) allows, denies and fails exactly as a promised one', async () => {
    auth.behaviour = (req) =>
      req.attributes.request.http.headers.authorization === 'Bearer good'
        ? allow({ headersToSet: [['x-user', 'alice']], dynamicMetadata: { userId: 'alice' } })
        : { allowed: false, status: 401, headers: [['www-authenticate', 'Bearer']], body: 'no entry', reason: 'bad token' };
    const ok = await send(gw.url, '/bearer/sync', { host: H, headers: { authorization: 'Bearer good' } });
    assert.equal(ok.status, 200);
    assert.equal((JSON.parse(ok.body) as EchoReply).headers['x-user'], 'alice');
    const line = await waitForLog(log.lines, (l) => l.path === '/bearer/sync' && l.status === 200);
    assert.equal(line.user_id, 'alice');
    const no = await send(gw.url, '/bearer/sync', { host: H });
    assert.equal(no.status, 401);
    assert.equal(no.body, 'no entry');
    auth.behaviour = () => {
      throw new Error('ext-auth bug');
    };
    assert.equal((await send(gw.url, '/error-503', { host: H })).status, 503);
    assert.equal((await send(gw.url, '/allow-on-error', { host: H })).status, 200);
  });

  it('maxRequestBytes: body sent to auth and forwarded; larger → 413', async () => {
    auth.behaviour = async () => allow();
    auth.seen.length = 0;
    const ok = await send(gw.url, '/body', { host: H, method: 'POST', body: 'small body' });
    assert.equal(ok.status, 200);
    assert.equal((JSON.parse(ok.body) as EchoReply).body, 'small body');
    assert.equal(auth.seen[0]!.attributes.request.http.body, 'small body');
    assert.equal(auth.seen[0]!.attributes.request.http.size, 10);
    const big = await send(gw.url, '/body', { host: H, method: 'POST', body: 'x'.repeat(100) });
    assert.equal(big.status, 413);
  });

  it('routes without extAuth never call the auth service', async () => {
    auth.seen.length = 0;
    assert.equal((await send(gw.url, '/open', { host: H })).status, 200);
    assert.equal(auth.seen.length, 0);
  });
});

describe('rate-limit hook', () => {
  let up: Upstream;
  let gw: Gateway;
  const rl = new CountingRateLimitService(2);
  const auth = new ScriptedAuthService(async (req) =>
    allow({ dynamicMetadata: { userId: req.attributes.request.http.headers['x-user'] ?? '' } }),
  );

  before(async () => {
    up = await startEcho('up');
    gw = await createGateway({ listen: { port: 0 }, trustedProxies: ['127.0.0.1'], logger: memoryLogger().logger, authService: auth, rateLimitService: rl });
    const limited = (name: string, p: string, denyOnFail = false): RouteConfig =>
      route(name, [prefix(p)], forward([dest(up.url)]), {
        extAuth: { configId: 'ns.auth', server: server() },
        rateLimit: {
          domain: 'ns.rl',
          denyOnFail,
          timeoutMs: 500,
          rateLimits: [
            [
              { type: 'requestHeaders', headerName: 'X-Solo-Plan', descriptorKey: 'usagePlan', skipIfAbsent: false },
              { type: 'metadata', descriptorKey: 'userId', metadataKey: { key: 'envoy.filters.http.ext_authz', path: [{ key: 'userId' }] }, defaultValue: null, source: 'DYNAMIC' },
            ],
            [{ type: 'genericKey', descriptorValue: 'all', descriptorKey: null }],
          ],
        },
      });
    gw.update(config([limited('limited', '/limited'), limited('strict', '/strict', true)]));
  });
  after(async () => {
    await gw.close();
    await up.close();
  });

  it('descriptors from header + ext-auth metadata; over the limit → 429 with x-envoy-ratelimited and Retry-After', async () => {
    rl.calls.length = 0;
    const h = { 'x-solo-plan': 'gold', 'x-user': 'bob' };
    assert.equal((await send(gw.url, '/limited', { host: H, headers: h })).status, 200);
    assert.deepEqual(rl.calls[0], {
      domain: 'ns.rl',
      descriptors: [[{ key: 'usagePlan', value: 'gold' }, { key: 'userId', value: 'bob' }], [{ key: 'generic_key', value: 'all' }]],
    });
    assert.equal((await send(gw.url, '/limited', { host: H, headers: h })).status, 200);
    const third = await send(gw.url, '/limited', { host: H, headers: h });
    assert.equal(third.status, 429);
    assert.equal(third.headers['x-envoy-ratelimited'], 'true');
    assert.equal(third.headers['retry-after'], '42');
    // A different user has separate buckets.
    assert.equal((await send(gw.url, '/limited', { host: H, headers: { 'x-solo-plan': 'gold', 'x-user': 'carol' } })).status, 200);
  });

  it('an action without a value and no default drops its descriptor', async () => {
    rl.calls.length = 0;
    await send(gw.url, '/limited', { host: H, headers: { 'x-user': 'dave' } });
    assert.deepEqual(rl.calls[0]!.descriptors, [[{ key: 'generic_key', value: 'all' }]]);
  });

  it('service failure: allowed by default, denied with denyOnFail', async () => {
    rl.fail = true;
    try {
      assert.equal((await send(gw.url, '/limited', { host: H, headers: { 'x-user': 'erin' } })).status, 200);
      assert.equal((await send(gw.url, '/strict', { host: H, headers: { 'x-user': 'erin' } })).status, 500);
    } finally {
      rl.fail = false;
    }
  });

  it('a synchronous service (counters in memory): the same exact limit, the same failure handling', async () => {
    rl.synchronous = true;
    try {
      const h = { 'x-solo-plan': 'gold', 'x-user': 'frank' };
      assert.equal((await send(gw.url, '/limited', { host: H, headers: h })).status, 200);
      assert.equal((await send(gw.url, '/limited', { host: H, headers: h })).status, 200);
      const third = await send(gw.url, '/limited', { host: H, headers: h });
      assert.equal(third.status, 429);
      assert.equal(third.headers['retry-after'], '42');
      rl.fail = true;
      assert.equal((await send(gw.url, '/limited', { host: H, headers: { 'x-user': 'gina' } })).status, 200);
      assert.equal((await send(gw.url, '/strict', { host: H, headers: { 'x-user': 'gina' } })).status, 500);
    } finally {
      rl.fail = false;
      rl.synchronous = false;
    }
  });
});
