// translateExtAuth over the quickstart's real manifests, after the real routes stage (gloo-api.md §7 items
// 23, 24, 26, 28, 29, 30, 32, 33, 52).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { RouteConfig } from '@portico/gateway';
import { translateRoutes } from '../routes/index.ts';
import { translateExtAuth } from './index.ts';
import { translateManifests } from '../../test/support/translate-manifests.ts';

const QS = new URL('../../../../examples/quickstart/', import.meta.url);
const quickstart = ['01-upstreams.yaml', '02-route-tables.yaml', '03-extauth-oidc.yaml'].map((f) => readFileSync(new URL(f, QS), 'utf8')).join('\n---\n');

async function translate(t: { after(f: () => unknown): void }, ...yamls: string[]) {
  const out = await translateManifests(t, [{ name: 'routes', run: translateRoutes }, { name: 'extauth', run: translateExtAuth }], ...yamls);
  const routes = out.parts.gateway.virtualHosts.flatMap((v) => v.routes);
  const status = (kind: string, name: string, ns = 'gloo-mesh-addons') => out.statuses.find((s) => s.ref.kind === kind && s.ref.name === name && s.ref.namespace === ns)?.status as any;
  const authConfig = (name: string) => out.derived.find((d) => d.resource.kind === 'AuthConfig' && d.resource.metadata.name === name);
  const auth = (id: string) => out.parts.authConfigs.get(id);
  return { out, routes, status, authConfig, auth };
}

const routeByName = (routes: RouteConfig[], prefix: string) => routes.find((r) => r.name.startsWith(prefix))!;

test('seed policy: selects the dev-portal routes (inherited + route labels), configId <ns>.<name>, default server settings, AuthConfig ACCEPTED', async (t) => {
  const { routes, status, authConfig, auth } = await translate(t, quickstart);
  const protectedRoutes = routes.filter((r) => r.extAuth !== null).map((r) => r.name.split('-api')[0]).sort();
  assert.deepEqual(protectedRoutes, ['pets', 'store', 'tracks', 'users']);
  const tracks = routeByName(routes, 'tracks-api');
  assert.deepEqual(tracks.extAuth, { configId: 'gloo-mesh-addons.oauth-okta', server: { requestTimeoutMs: 2000, failureModeAllow: false, statusOnError: 403, maxRequestBytes: null, allowPartialMessage: false } });
  const st = status('ExtAuthPolicy', 'oauth-okta');
  assert.equal(st.common.State.approval, 'ACCEPTED');
  assert.equal(st.numSelectedRoutes, 4);
  assert.deepEqual(st.selectedRoutes.find((r: any) => r.routeName === tracks.name), { routeName: tracks.name, routeIndex: tracks.routeIndex, routeTable: { name: 'tracks-rt', namespace: 'gloo-mesh-gateways' } });
  assert.equal(status('ExtAuthServer', 'oauth-okta-server').numAppliedPolicies, 1);
  const ac = authConfig('oauth-okta')!;
  assert.equal(ac.resource.metadata.namespace, 'gloo-mesh-addons');
  assert.equal((ac.status as any).state, 'ACCEPTED');
  const resolved = auth('gloo-mesh-addons.oauth-okta');
  assert.equal(resolved?.state, 'ACCEPTED');
  if (resolved?.state === 'ACCEPTED') {
    assert.deepEqual(resolved.spec.configs.map((c) => [c.kind, c.name]), [['accessTokenValidation', 'config_0'], ['opaAuth', 'config_1']]);
    const opa = resolved.spec.configs[1]!.config as { modules: Record<string, string> };
    assert.deepEqual(Object.keys(opa.modules), ['gloo-mesh-addons.oauth-scope-apiproduct-opa-cm.policy.rego']);
  }
});

const policy = (name: string, labels: Record<string, string>, configs: string) => `
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: {name: ${name}, namespace: gloo-mesh-addons}
spec:
  applyToRoutes:
    - route:
        labels: ${JSON.stringify(labels)}
  config:
    glooAuth:
      configs:
${configs}`;
const localJwks = (s: string) => `        - oauth2:
            accessTokenValidation:
              jwt:
                localJwks:
                  inlineString: ${JSON.stringify(s)}`;

test('two policies on one route: the older wins, the newer is FAILED with the documented message and still applies elsewhere (item 24)', async (t) => {
  const { routes, status } = await translate(t, quickstart.replace('usagePlans: "dev-portal"', 'api: tracks'), policy('newer', { portal: 'api-products' }, localJwks('{"keys":[]}')));
  assert.equal(routeByName(routes, 'tracks-api').extAuth?.configId, 'gloo-mesh-addons.oauth-okta');
  assert.equal(routeByName(routes, 'pets-api').extAuth?.configId, 'gloo-mesh-addons.newer');
  const st = status('ExtAuthPolicy', 'newer');
  assert.equal(st.common.State.approval, 'FAILED');
  // The conflict comes first; the AuthConfig's own warning (empty key set) follows it.
  assert.match(st.common.State.message, /^conflicts with existing policy applied to route\. Skipping applying newer; localJwks: the key set is empty/);
  assert.equal(st.numSelectedRoutes, 3);
  assert.equal(status('ExtAuthPolicy', 'oauth-okta').numSelectedRoutes, 1);
});

test('REJECTED AuthConfigs: Go JSON errors, missing ConfigMap, Rego compile errors; routes still carry the config id; others stay ACCEPTED (items 28–30, 32, 33)', async (t) => {
  const missingCm = `        - opaAuth:
            modules: [{name: nope, namespace: gloo-mesh-addons}]
            query: data.x.allow`;
  const badRego = `        - opaAuth:
            modules: [{name: bad-rego}]
            query: data.x.allow`;
  const cm = `
apiVersion: v1
kind: ConfigMap
metadata: {name: bad-rego, namespace: gloo-mesh-addons}
data:
  bad.rego: "package x\\nallow {"`;
  const { routes, authConfig, auth } = await translate(
    t,
    quickstart,
    cm,
    policy('p-keys', { api: 'nothing' }, localJwks('{keys:[…]}')),
    policy('p-eof', { api: 'nothing' }, localJwks('{"keys":[')),
    policy('p-pair', { api: 'nothing' }, localJwks('{"keys":[] "x":1}')),
    policy('p-shape', { api: 'nothing' }, localJwks('{"keys":5}')),
    policy('p-enc', { api: 'nothing' }, localJwks('{"keys":[{"kid":"_YYA","kty":"RSA","alg":"RSA-OAEP","use":"enc","n":"r4AX","e":"AQAB"}]}')),
    policy('p-cm', { api: 'nothing' }, missingCm),
    policy('p-rego', { usagePlans: 'dev-portal' }, badRego),
  );
  const reason = (n: string) => (authConfig(n)!.status as { state: string; reason: string });
  assert.deepEqual(reason('p-keys'), { ...reason('p-keys'), state: 'REJECTED', reason: "invalid character 'k' looking for beginning of object key string" });
  assert.equal(reason('p-eof').reason, 'unexpected end of JSON input');
  assert.equal(reason('p-pair').reason, `invalid character '"' after object key:value pair`);
  assert.equal(reason('p-shape').reason, 'json: cannot unmarshal number into Go struct field JSONWebKeySet.keys of type []jose.JSONWebKey');
  // The seed's "$CERT_KEYS" example key (RSA-OAEP, use enc) is valid JSON but no signing key: WARNING, not silence.
  assert.equal(reason('p-enc').state, 'WARNING');
  assert.match(reason('p-enc').reason, /0 usable signing key\(s\); ignored kid "_YYA": use is "enc", not "sig"/);
  assert.equal(reason('p-cm').reason, 'failed to translate ext auth config: list did not find artifact gloo-mesh-addons.nope');
  assert.equal(reason('p-rego').state, 'REJECTED');
  assert.match(reason('p-rego').reason, /bad\.rego/);
  assert.equal(auth('gloo-mesh-addons.p-keys')?.state, 'REJECTED');
  // The seed policy is older and keeps its routes and its ACCEPTED config.
  assert.equal(reason('oauth-okta').state, 'ACCEPTED');
  assert.equal(routeByName(routes, 'tracks-api').extAuth?.configId, 'gloo-mesh-addons.oauth-okta');
});

test('ExtAuthServer settings reach the routes (requestTimeout, statusOnError, failureModeAllow, requestBody) (items 51, 52)', async (t) => {
  const qs = quickstart.replace('    port:\n      name: grpc', '    port:\n      name: grpc\n  requestTimeout: 500ms\n  statusOnError: 503\n  failureModeAllow: true\n  requestBody:\n    allowPartialMessage: true');
  const { routes } = await translate(t, qs);
  assert.deepEqual(routeByName(routes, 'tracks-api').extAuth?.server, { requestTimeoutMs: 500, failureModeAllow: true, statusOnError: 503, maxRequestBytes: 4096, allowPartialMessage: true });
});

test('a REJECTED AuthConfig makes its ExtAuthPolicy INVALID with the reason (issue 11: no ACCEPTED over a rejection); WARNING propagates too', async (t) => {
  const { status, authConfig, routes } = await translate(
    t,
    quickstart,
    policy('p-broken', { api: 'nothing' }, localJwks('{keys:[]}')),
    policy('p-enc', { api: 'nothing' }, localJwks('{"keys":[{"kid":"_YYA","kty":"RSA","alg":"RSA-OAEP","use":"enc","n":"r4AX","e":"AQAB"}]}')),
  );
  assert.equal((authConfig('p-broken')!.status as { state: string }).state, 'REJECTED');
  const st = status('ExtAuthPolicy', 'p-broken');
  assert.equal(st.common.State.approval, 'INVALID');
  assert.match(st.common.State.message, /AuthConfig gloo-mesh-addons\/p-broken is REJECTED: invalid character 'k'/);
  assert.match(st.common.State.message, /routes deny every request/);
  const enc = status('ExtAuthPolicy', 'p-enc');
  assert.equal(enc.common.State.approval, 'WARNING');
  assert.match(enc.common.State.message, /AuthConfig gloo-mesh-addons\/p-enc: .*0 usable signing key/);
  // The seed policy keeps its routes (it is older), still ACCEPTED.
  assert.equal(status('ExtAuthPolicy', 'oauth-okta').common.State.approval, 'ACCEPTED');
  assert.equal(routeByName(routes, 'tracks-api').extAuth?.configId, 'gloo-mesh-addons.oauth-okta');
});

test('portalAuth: accepted and handed to ext-auth without Gloo\'s url/cacheDuration/redisOptions (the field registry reports them as ignored)', async (t) => {
  const policy = (name: string, extra: string) => `
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: ${name}, namespace: gloo-mesh-addons }
spec:
  applyToRoutes: [{ route: { labels: { usagePlans: dev-portal } } }]
  config:
    server: { name: oauth-okta-server }
    glooAuth:
      configs:
        - portalAuth: { apiKeyHeader: x-app-key${extra} }`;
  const { authConfig, auth } = await translate(t, quickstart, policy('p-portal', ''), policy('p-portal-gloo', ', url: "http://gateway-portal-web-server:8080", cacheDuration: 60s'));
  const expected = [{ kind: 'portalAuth', name: 'config_0', config: { apiKeyHeader: 'x-app-key' } }];
  for (const name of ['p-portal', 'p-portal-gloo']) {
    assert.equal((authConfig(name)!.status as { state: string }).state, 'ACCEPTED');
    assert.deepEqual((auth(`gloo-mesh-addons.${name}`) as { spec: { configs: unknown[] } }).spec.configs, expected);
  }
});
