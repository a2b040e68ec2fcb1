// Issue 12 item 2: RateLimitServerConfig in the form every workshop uses — `destinationServers: [{ref: {name,
// namespace, cluster}, port: {name}}]` — is accepted (the reference is recorded, Portico's limiter runs in-process)
// and the policy pointing at it limits real requests through the gateway: the 3rd request in the minute is 429.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { createGateway, type Gateway } from '@portico/gateway';
import { createMemoryCounterStore, createRateLimitService, type RateLimitServiceConfig } from '@portico/ratelimit';
import { translateRateLimits } from '../src/ratelimit/index.ts';
import { translateRoutes } from '../src/routes/index.ts';
import { get } from './routes/http.ts';
import { translateManifests } from './support/translate-manifests.ts';

let upstream: Server;
let port: number;
before(async () => {
  upstream = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  port = (upstream.address() as AddressInfo).port;
});
after(() => new Promise((r) => upstream.close(r)));

const manifests = (p: number) => `
apiVersion: admin.gloo.solo.io/v2
kind: RateLimitServerConfig
metadata: { name: rl-config, namespace: httpbin }
spec:
  destinationServers:
    - ref: { cluster: cluster1, name: rate-limiter, namespace: gloo-mesh-addons }
      port: { name: grpc }
  raw:
    descriptors:
      - key: generic_key
        value: counter
        rateLimit: { requestsPerUnit: 2, unit: MINUTE }
---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: RateLimitClientConfig
metadata: { name: rl-client, namespace: httpbin }
spec:
  raw:
    rateLimits:
      - actions: [{ genericKey: { descriptorValue: counter } }]
---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: RateLimitPolicy
metadata: { name: rl-policy, namespace: httpbin }
spec:
  applyToRoutes: [{ route: { labels: { ratelimited: 'true' } } }]
  config:
    ratelimitClientConfig: { name: rl-client }
    ratelimitServerConfig: { name: rl-config, namespace: httpbin, cluster: cluster1 }
    serverSettings: { name: rl-settings }
---
apiVersion: admin.gloo.solo.io/v2
kind: RateLimitServerSettings
metadata: { name: rl-settings, namespace: httpbin }
spec:
  destinationServer:
    ref: { cluster: cluster1, name: rate-limiter, namespace: gloo-mesh-addons }
    port: { name: grpc }
---
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: httpbin, namespace: httpbin }
spec: { hosts: [httpbin.local], addresses: [127.0.0.1], ports: [{ number: 80, name: http, targetPort: { number: ${p} } }] }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: httpbin, namespace: httpbin }
spec:
  hosts: [httpbin.example.com]
  http:
    - name: limited
      labels: { ratelimited: 'true' }
      forwardTo: { destinations: [{ ref: { name: httpbin }, kind: EXTERNAL_SERVICE, port: { number: 80 } }] }
`;

test('the workshop RateLimitServerConfig is ACCEPTED and its policy limits requests through the gateway', async (t) => {
  const out = await translateManifests(t, [{ name: 'routes', run: translateRoutes }, { name: 'ratelimit', run: translateRateLimits }], manifests(port));
  const status = (kind: string, name: string) => out.statuses.find((s) => s.ref.kind === kind && s.ref.name === name)?.status as any;
  const sc = status('RateLimitServerConfig', 'rl-config');
  assert.equal(sc.common.State.approval, 'ACCEPTED');
  assert.match(sc.common.State.message, /spec\.destinationServers is ignored: Portico runs the rate limiter in-process/);
  const policy = status('RateLimitPolicy', 'rl-policy');
  assert.equal(policy.common.State.approval, 'ACCEPTED', policy.common.State.message);
  assert.equal(policy.numSelectedRoutes, 1);

  const service = createRateLimitService({ store: createMemoryCounterStore() });
  const applied = service.update(out.parts.rateLimit as RateLimitServiceConfig);
  assert.ok(applied.ok);
  const gw: Gateway = await createGateway({ listen: { port: 0 }, logger: pino({ level: 'silent' }), rateLimitService: service });
  t.after(() => gw.close());
  gw.update(out.parts.gateway);
  const codes: number[] = [];
  for (let i = 0; i < 3; i++) codes.push((await get(gw.url, '/get', 'httpbin.example.com')).status);
  assert.deepEqual(codes, [200, 200, 429]);
});
