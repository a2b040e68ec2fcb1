// translateRateLimits after the real routes and extauth stages, over the quickstart's manifests plus edge cases
// (gloo-api.md §5.2, §7 tests 56–58 on the translation side).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SET_DESCRIPTOR_KEY } from '@portico/ratelimit';
import { translateRoutes } from '../routes/index.ts';
import { translateExtAuth } from '../extauth/index.ts';
import { translatePortals } from '../portal/index.ts';
import { translateRateLimits } from './index.ts';
import { translateManifests } from '../../test/support/translate-manifests.ts';

const QS = new URL('../../../../examples/quickstart/', import.meta.url);
const quickstart = ['01-upstreams.yaml', '02-route-tables.yaml', '03-extauth-oidc.yaml', '04-portal.yaml', '05-apidocs.yaml', '06-usage-plans.yaml']
  .map((f) => readFileSync(new URL(f, QS), 'utf8'))
  .join('\n---\n');

async function translate(t: { after(f: () => unknown): void }, ...yamls: string[]) {
  const out = await translateManifests(
    t,
    [{ name: 'routes', run: translateRoutes }, { name: 'extauth', run: translateExtAuth }, { name: 'ratelimit', run: translateRateLimits }, { name: 'portal', run: translatePortals }],
    ...yamls,
  );
  const routes = out.parts.gateway.virtualHosts.flatMap((v) => v.routes);
  const status = (kind: string, name: string, ns: string) => out.statuses.find((s) => s.ref.kind === kind && s.ref.name === name && s.ref.namespace === ns)?.status as any;
  return { out, routes, status };
}

test('quickstart: the api-key tracks route gets the usage-plan actions, domain, settings; the seed route keeps OAuth and no limit', async (t) => {
  const { out, routes, status } = await translate(t, quickstart);
  const keyed = routes.find((r) => r.name.startsWith('tracks-api-keys'))!;
  assert.deepEqual(keyed.rateLimit, {
    domain: 'developer-portal.usage-plans',
    rateLimits: [[
      { type: 'requestHeaders', headerName: 'X-Solo-Plan', descriptorKey: 'usagePlan', skipIfAbsent: false },
      { type: 'metadata', descriptorKey: 'userId', metadataKey: { key: 'envoy.filters.http.ext_authz', path: [{ key: 'userId' }] }, defaultValue: null, source: 'DYNAMIC' },
    ]],
    denyOnFail: false,
    timeoutMs: 100,
  });
  assert.equal(keyed.extAuth?.configId, 'developer-portal.api-keys');
  const seed = routes.find((r) => r.name.startsWith('tracks-api-tracks-rt'))!;
  assert.equal(seed.rateLimit, null);
  assert.equal(seed.extAuth?.configId, 'gloo-mesh-addons.oauth-okta');
  // The key route is tried before the seed's OAuth route (higher table weight, same specificity).
  const vh = out.parts.gateway.virtualHosts.find((v) => v.domains.includes('api.example.com'))!;
  assert.ok(vh.routes.indexOf(keyed) < vh.routes.indexOf(seed));
  const svc = out.parts.rateLimit!;
  assert.deepEqual(Object.keys(svc.domains), ['developer-portal.usage-plans']);
  const st = status('RateLimitPolicy', 'usage-plans', 'developer-portal');
  assert.equal(st.common.State.approval, 'ACCEPTED');
  // The key route is served on api.example.com and, for the portal's try-it, on portal.localhost too.
  const keyedRoutes = routes.filter((r) => r.name.startsWith('tracks-api-keys'));
  assert.equal(keyedRoutes.length, 2);
  assert.ok(keyedRoutes.every((r) => r.rateLimit?.domain === 'developer-portal.usage-plans'));
  assert.equal(st.numSelectedRoutes, keyedRoutes.length);
  assert.equal(status('RateLimitServerConfig', 'usage-plans', 'developer-portal').common.State.approval, 'ACCEPTED');
  assert.equal(status('Portal', 'developer-portal', 'developer-portal').common.State.approval, 'ACCEPTED');
});

const base = `
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: rt, namespace: ns }
spec:
  hosts: [a.test]
  http:
    - name: one
      labels: { limited: "yes" }
      matchers: [{ uri: { prefix: /one } }]
      directResponse: { status: 200, body: one }
    - name: two
      labels: { limited: "yes", also: "yes" }
      matchers: [{ uri: { prefix: /two } }]
      directResponse: { status: 200, body: two }
`;

test('unknown unit → server config INVALID and its policies INVALID; missing references name the field', async (t) => {
  const { routes, status } = await translate(t, base, `
apiVersion: admin.gloo.solo.io/v2
kind: RateLimitServerConfig
metadata: { name: bad, namespace: ns }
spec: { raw: { descriptors: [{ key: k, rateLimit: { unit: UNKNOWN, requestsPerUnit: 1 } }] } }
---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: RateLimitPolicy
metadata: { name: uses-bad, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { limited: "yes" } } }]
  config: { ratelimitServerConfig: { name: bad }, raw: { rateLimits: [{ actions: [{ genericKey: { descriptorValue: x } }] }] } }
---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: RateLimitPolicy
metadata: { name: missing, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { limited: "yes" } } }]
  config: { ratelimitServerConfig: { name: nope }, serverSettings: { name: nope } }
`);
  const sc = status('RateLimitServerConfig', 'bad', 'ns').common.State;
  assert.equal(sc.approval, 'INVALID');
  assert.match(sc.message, /ns\.bad\.descriptors\[0\]\.rateLimit\.unit: must be SECOND, MINUTE, HOUR or DAY/);
  assert.match(status('RateLimitPolicy', 'uses-bad', 'ns').common.State.message, /RateLimitServerConfig ns\/bad is INVALID/);
  assert.match(status('RateLimitPolicy', 'missing', 'ns').common.State.message, /config\.ratelimitServerConfig: RateLimitServerConfig ns\/nope not found/);
  assert.ok(routes.every((r) => r.rateLimit === null));
});

test('one policy per route: the older wins, the newer is FAILED for the conflict but applies elsewhere; setActions are marked for set rules', async (t) => {
  const { routes, status } = await translate(t, base, `
apiVersion: admin.gloo.solo.io/v2
kind: RateLimitServerConfig
metadata: { name: limits, namespace: ns }
spec:
  raw:
    setDescriptors: [{ simpleDescriptors: [{ key: generic_key, value: x }], rateLimit: { unit: SECOND, requestsPerUnit: 1 } }]
---
apiVersion: admin.gloo.solo.io/v2
kind: RateLimitServerSettings
metadata: { name: strict, namespace: ns }
spec: { denyOnFail: true, requestTimeout: 250ms }
---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: RateLimitPolicy
metadata: { name: older, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { also: "yes" } } }]
  config: { ratelimitServerConfig: { name: limits }, serverSettings: { name: strict }, raw: { rateLimits: [{ setActions: [{ genericKey: { descriptorValue: x } }] }] } }
---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: RateLimitPolicy
metadata: { name: newer, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { limited: "yes" } } }]
  config: { ratelimitServerConfig: { name: limits }, raw: { rateLimits: [{ actions: [{ remoteAddress: {} }] }] } }
`);
  const one = routes.find((r) => r.name.startsWith('one'))!;
  const two = routes.find((r) => r.name.startsWith('two'))!;
  assert.deepEqual(two.rateLimit, {
    domain: 'ns.limits',
    rateLimits: [[{ type: 'genericKey', descriptorKey: SET_DESCRIPTOR_KEY, descriptorValue: 'set' }, { type: 'genericKey', descriptorKey: null, descriptorValue: 'x' }]],
    denyOnFail: true,
    timeoutMs: 250,
  });
  assert.deepEqual(one.rateLimit?.rateLimits, [[{ type: 'remoteAddress' }]]);
  const newer = status('RateLimitPolicy', 'newer', 'ns');
  assert.equal(newer.common.State.approval, 'FAILED');
  assert.match(newer.common.State.message, /conflicts with existing policy ns\.older applied to route\. Skipping applying newer/);
  assert.equal(newer.numSelectedRoutes, 1);
  assert.equal(status('RateLimitPolicy', 'older', 'ns').common.State.approval, 'ACCEPTED');
});
