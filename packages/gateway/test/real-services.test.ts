// The hooks against the real services of the other packages (not stand-ins): @portico/ext-auth's
// PorticoAuthService with an apiKeyAuth config and @portico/ratelimit's service with the usage-plan
// descriptor tree (gloo-api.md §5.1: usagePlan from X-Solo-Plan, userId from ext-auth metadata).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PorticoAuthService, silentLogger } from '@portico/ext-auth';
import { createMemoryCounterStore, createRateLimitService } from '@portico/ratelimit';
import { createGateway, type Gateway } from '@portico/gateway';
import { config, dest, forward, prefix, route } from './support/config.ts';
import { startEcho, type EchoReply, type Upstream } from './support/echo-upstream.ts';
import { send } from './support/http-client.ts';
import { memoryLogger, waitForLog } from './support/logs.ts';

const H = 'api.example.com';

describe('gateway with the real ext-auth and rate-limit services', () => {
  let up: Upstream;
  let gw: Gateway;
  const log = memoryLogger();
  const auth = new PorticoAuthService({ logger: silentLogger });
  const rl = createRateLimitService({
    store: createMemoryCounterStore(),
    // A fixed clock: the four requests always fall in one minute window.
    now: () => Date.UTC(2024, 0, 1, 12, 0, 30),
    config: {
      domains: {
        'gloo-mesh.usage-plans': {
          setDescriptors: [],
          descriptors: [
            {
              key: 'usagePlan',
              value: 'gold',
              rateLimit: null,
              weight: 0,
              alwaysApply: false,
              descriptors: [{ key: 'userId', value: null, rateLimit: { unit: 'MINUTE', requestsPerUnit: 3 }, descriptors: [], weight: 0, alwaysApply: false }],
            },
          ],
        },
      },
    },
  });

  before(async () => {
    auth.update(
      new Map([
        [
          'gloo-mesh.api-keys',
          {
            configId: 'gloo-mesh.api-keys',
            state: 'ACCEPTED',
            fingerprint: 'v1',
            spec: {
              booleanExpr: null,
              configs: [
                {
                  kind: 'apiKeyAuth',
                  name: 'api-keys',
                  config: {
                    headersFromMetadataEntry: { 'X-Solo-Plan': { name: 'usagePlan', required: true } },
                    validApiKeys: {
                      'key-alice': { username: 'alice', metadata: { usagePlan: 'gold' } },
                      'key-bob': { username: 'bob', metadata: { usagePlan: 'gold' } },
                    },
                  },
                },
              ],
            },
          },
        ],
      ]) as never,
    );
    up = await startEcho('tracks');
    gw = await createGateway({ listen: { port: 0 }, logger: log.logger, authService: auth, rateLimitService: rl });
    gw.update(
      config([
        route('tracks-api', [prefix('/trackapi/')], forward([dest(up.url)], { pathRewrite: '/' }), {
          filterMetadata: { 'io.solo.gloo.apimanagement': { api_product_id: 'tracks', api_product_name: 'Tracks', api_id: 'tracks-v1', custom_metadata: '{}' } },
          extAuth: {
            configId: 'gloo-mesh.api-keys',
            server: { requestTimeoutMs: 2000, failureModeAllow: false, statusOnError: 403, maxRequestBytes: null, allowPartialMessage: false },
          },
          rateLimit: {
            domain: 'gloo-mesh.usage-plans',
            denyOnFail: false,
            timeoutMs: 2000,
            rateLimits: [
              [
                { type: 'requestHeaders', headerName: 'X-Solo-Plan', descriptorKey: 'usagePlan', skipIfAbsent: false },
                { type: 'metadata', descriptorKey: 'userId', metadataKey: { key: 'envoy.filters.http.ext_authz', path: [{ key: 'userId' }] }, defaultValue: null, source: 'DYNAMIC' },
              ],
            ],
          },
        }),
      ]),
    );
  });
  after(async () => {
    await gw.close();
    await up.close();
    auth.close();
    await rl.close();
  });

  it('no or wrong API key → 401 from apiKeyAuth; the upstream is not called', async () => {
    const before = up.requests;
    const r = await send(gw.url, '/trackapi/tracks', { host: H });
    assert.equal(r.status, 401);
    assert.equal((await send(gw.url, '/trackapi/tracks', { host: H, headers: { 'api-key': 'nope' } })).status, 401);
    assert.equal(up.requests, before);
  });

  it('a good key passes with X-Solo-Plan set upstream; the 4th request in the minute gets 429; users have separate buckets', async () => {
    const ok = await send(gw.url, '/trackapi/tracks', { host: H, headers: { 'api-key': 'key-alice' } });
    assert.equal(ok.status, 200);
    const e = JSON.parse(ok.body) as EchoReply;
    assert.equal(e.url, '/tracks');
    assert.equal(e.headers['x-solo-plan'], 'gold');
    const line = await waitForLog(log.lines, (l) => l.status === 200 && l.user_id === 'alice');
    assert.equal(line.usage_plan, 'gold');
    assert.equal(line.api_id, 'tracks-v1');
    assert.equal((await send(gw.url, '/trackapi/tracks', { host: H, headers: { 'api-key': 'key-alice' } })).status, 200);
    assert.equal((await send(gw.url, '/trackapi/tracks', { host: H, headers: { 'api-key': 'key-alice' } })).status, 200);
    const limited = await send(gw.url, '/trackapi/tracks', { host: H, headers: { 'api-key': 'key-alice' } });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['x-envoy-ratelimited'], 'true');
    assert.ok(Number(limited.headers['retry-after']) >= 0);
    assert.equal((await send(gw.url, '/trackapi/tracks', { host: H, headers: { 'api-key': 'key-bob' } })).status, 200);
  });
});
