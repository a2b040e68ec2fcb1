// gloo-api.md §7 item 55: a route labelled gateway.gloo.solo.io/require_auth=true rejects every request unless an
// auth policy applies and is error-free. Translated by the real stages, served by the real gateway and ext-auth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startDemo } from '@portico/demo';
import { createGateway } from '@portico/gateway';
import { PorticoAuthService, silentLogger } from '@portico/ext-auth';
import { translateRoutes } from '../routes/index.ts';
import { translateExtAuth, REQUIRE_AUTH_CONFIG_ID } from './index.ts';
import { translateManifests } from '../../test/support/translate-manifests.ts';

const manifests = (tracksPort: number) => `
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: tracks, namespace: ns }
spec: { hosts: [tracks.local], addresses: [127.0.0.1], ports: [{ name: http, number: ${tracksPort}, protocol: HTTP }] }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: rt, namespace: ns }
spec:
  hosts: [api.test]
  http:
    - name: locked-no-policy
      labels: { gateway.gloo.solo.io/require_auth: "true" }
      matchers: [{ uri: { prefix: /locked } }]
      forwardTo: { pathRewrite: /tracks, destinations: [{ ref: { name: tracks }, kind: EXTERNAL_SERVICE, port: { number: ${tracksPort} } }] }
    - name: locked-with-policy
      labels: { gateway.gloo.solo.io/require_auth: "true", allow-all: "true" }
      matchers: [{ uri: { prefix: /guarded } }]
      forwardTo: { pathRewrite: /tracks, destinations: [{ ref: { name: tracks }, kind: EXTERNAL_SERVICE, port: { number: ${tracksPort} } }] }
    - name: locked-broken-policy
      labels: { gateway.gloo.solo.io/require_auth: "true", broken: "true" }
      matchers: [{ uri: { prefix: /broken } }]
      forwardTo: { pathRewrite: /tracks, destinations: [{ ref: { name: tracks }, kind: EXTERNAL_SERVICE, port: { number: ${tracksPort} } }] }
    - name: open
      matchers: [{ uri: { prefix: /open } }]
      forwardTo: { pathRewrite: /tracks, destinations: [{ ref: { name: tracks }, kind: EXTERNAL_SERVICE, port: { number: ${tracksPort} } }] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: allow-all, namespace: ns }
data:
  policy.rego: |
    package allowall
    default allow = true
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: allow-all, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { allow-all: "true" } } }]
  config:
    glooAuth:
      configs:
        - opaAuth: { modules: [{ name: allow-all, namespace: ns }], query: data.allowall.allow == true }
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: broken, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { broken: "true" } } }]
  config:
    glooAuth:
      configs:
        - opaAuth: { modules: [{ name: missing-cm, namespace: ns }], query: data.x.allow == true }
`;

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: 'api.test' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

test('require_auth routes deny without an error-free policy; a policy opens them; unlabelled routes stay open', async (t) => {
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  t.after(() => demo.close());
  const out = await translateManifests(t, [{ name: 'routes', run: translateRoutes }, { name: 'extauth', run: translateExtAuth }], manifests(demo.tracks.port));
  const byName = new Map(out.parts.gateway.virtualHosts.flatMap((v) => v.routes).map((r) => [r.name.split('-rt.')[0]!.replace(/-rt$/, ''), r]));
  const configOf = (prefix: string) => [...byName.entries()].find(([n]) => n.startsWith(prefix))?.[1].extAuth?.configId ?? null;
  assert.equal(configOf('locked-no-policy'), REQUIRE_AUTH_CONFIG_ID);
  assert.equal(configOf('locked-with-policy'), 'ns.allow-all');
  assert.equal(configOf('locked-broken-policy'), 'ns.broken');
  assert.equal(configOf('open'), null);
  const authConfigs = out.parts.authConfigs;
  assert.equal(authConfigs.get('ns.broken')?.state, 'REJECTED');

  const auth = new PorticoAuthService({ logger: silentLogger });
  auth.update(authConfigs);
  const gw = await createGateway({ listen: { host: '127.0.0.1', port: 0 }, authService: auth, logger: { info() {}, warn() {}, error() {} } });
  t.after(() => gw.close());
  gw.update(out.parts.gateway);

  assert.equal(await get(gw.port, '/locked'), 403);
  assert.equal(await get(gw.port, '/broken'), 403);
  assert.equal(await get(gw.port, '/guarded'), 200);
  assert.equal(await get(gw.port, '/open'), 200);
});
