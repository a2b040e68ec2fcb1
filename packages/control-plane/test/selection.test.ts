// The shared route-policy selection (control-plane/src/selection/routes.ts): `withDestinations` picks forwardTo
// routes by the object they forward to (kind, name/namespace/labels, port number or name); labels and
// destinations combine as any-of; VIRTUAL_DESTINATION and removed `route.name` are reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translateExtAuth } from '../src/extauth/index.ts';
import { translateRoutes } from '../src/routes/index.ts';
import { translateManifests } from './support/translate-manifests.ts';

const yaml = `
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: pets, namespace: shop, labels: { team: pets } }
spec: { hosts: [pets.local], addresses: [127.0.0.1], ports: [{ number: 8081, name: http }, { number: 9091, name: admin }] }
---
apiVersion: v1
kind: Service
metadata: { name: tracks, namespace: shop }
spec: { type: ExternalName, externalName: 127.0.0.1, ports: [{ port: 8082, name: http }] }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: shop, namespace: shop }
spec:
  hosts: [shop.example.com]
  http:
    - { name: pets, matchers: [{ uri: { prefix: /pets } }], forwardTo: { destinations: [{ ref: { name: pets }, kind: EXTERNAL_SERVICE, port: { number: 8081 } }] } }
    - { name: pets-admin, matchers: [{ uri: { prefix: /admin } }], forwardTo: { destinations: [{ ref: { name: pets }, kind: EXTERNAL_SERVICE, port: { name: admin } }] } }
    - { name: tracks, matchers: [{ uri: { prefix: /tracks } }], forwardTo: { destinations: [{ ref: { name: tracks }, port: { number: 8082 } }] } }
    - { name: static, labels: { open: 'yes' }, directResponse: { status: 200, body: hi } }
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: by-destination, namespace: shop }
spec:
  applyToRoutes:
    - withDestinations: { kind: EXTERNAL_SERVICE, selector: { labels: { team: pets } }, port: { name: http } }
    - withDestinations: { selector: { name: tracks } }
    - withDestinations: { kind: VIRTUAL_DESTINATION, selector: { name: anything } }
    - route: { name: shop, labels: { open: 'yes' } }
  config: { glooAuth: { configs: [{ apiKeyAuth: {} }] } }
`;

test('withDestinations selects routes by destination; other selectors still apply; unsupported parts are reported', async (t) => {
  const out = await translateManifests(t, [{ name: 'routes', run: translateRoutes }, { name: 'extauth', run: translateExtAuth }], yaml);
  const routes = out.parts.gateway.virtualHosts.flatMap((v) => v.routes);
  const selected = routes.filter((r) => r.extAuth?.configId === 'shop.by-destination').map((r) => r.name.split('-shop.')[0]);
  assert.deepEqual(selected, ['pets', 'tracks', 'static']);
  const st = out.statuses.find((s) => s.ref.kind === 'ExtAuthPolicy')!.status as any;
  assert.equal(st.numSelectedRoutes, 3);
  assert.equal(st.common.State.approval, 'WARNING');
  assert.match(st.common.State.message, /applyToRoutes\[2\]\.withDestinations\.kind VIRTUAL_DESTINATION is not supported/);
  assert.match(st.common.State.message, /applyToRoutes\[3\]\.route\.name is ignored/);
});
