// Selection, conflicts and stacking shared by the route-policy stages (gloo-api-more.md §1), on translation alone:
// one CORS/JWT/… policy per route (the oldest wins, the newer is FAILED and still applies elsewhere), WAF policies
// stack by ascending priority, an invalid config is INVALID and reaches no route, and a JWTPolicy with only
// applyToDestinations selects no route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REQUIRE_AUTH_CONFIG_ID, translateExtAuth } from '../extauth/index.ts';
import { translateRoutes } from '../routes/index.ts';
import { translateSecurity } from '../security/index.ts';
import { translateTrafficControl } from '../trafficcontrol/index.ts';
import { upstreamAndRoutes } from '../../test/support/policy-stack.ts';
import { translateManifests } from '../../test/support/translate-manifests.ts';

const routes = upstreamAndRoutes(8081, [
  { name: 'a', prefix: '/a', labels: { team: 'a', shared: 'yes' } },
  { name: 'b', prefix: '/b', labels: { team: 'b', shared: 'yes' } },
  { name: 'locked', prefix: '/locked', labels: { 'gateway.gloo.solo.io/require_auth': 'true', jwt: 'yes' } },
  { name: 'bare', prefix: '/bare', labels: { 'gateway.gloo.solo.io/require_auth': 'true' } },
]);
const cors = (name: string, labels: Record<string, string>, origin: string) => `---
apiVersion: security.policy.gloo.solo.io/v2
kind: CORSPolicy
metadata: { name: ${name}, namespace: ns }
spec: { applyToRoutes: [{ route: { labels: ${JSON.stringify(labels)} } }], config: { allowOrigins: [${origin}] } }
`;
const waf = (name: string, priority: number) => `---
apiVersion: security.policy.gloo.solo.io/v2
kind: WAFPolicy
metadata: { name: ${name}, namespace: ns }
spec: { applyToRoutes: [{ route: { labels: { team: a } } }], config: { disableCoreRuleSet: true, priority: ${priority}, customRuleSets: [{ ruleStr: 'SecRule ARGS "@contains x" "id:${priority},deny"' }] } }
`;

test('one policy per route: the oldest wins, the newer is FAILED for that route and applies elsewhere; WAF stacks by priority; invalid and destination-only policies reach nothing', async (t) => {
  const out = await translateManifests(
    t,
    [{ name: 'routes', run: translateRoutes }, { name: 'extauth', run: translateExtAuth }, { name: 'security', run: translateSecurity }, { name: 'trafficcontrol', run: translateTrafficControl }],
    routes,
    cors('older', { team: 'a' }, '{ exact: "https://older.example" }'),
    cors('newer', { shared: 'yes' }, '{ exact: "https://newer.example" }'),
    cors('broken', { team: 'b' }, '{ regex: "(" }'),
    waf('second', 5).replace('name: second', 'name: created-first'),
    waf('late-but-first', 1),
    waf('second', 5),
    `---
apiVersion: security.policy.gloo.solo.io/v2
kind: JWTPolicy
metadata: { name: destinations-only, namespace: ns }
spec:
  applyToDestinations: [{ selector: { name: echo } }]
  config: { providers: { p: { local: { inline: '{"keys":[]}' } } } }
---
apiVersion: security.policy.gloo.solo.io/v2
kind: JWTPolicy
metadata: { name: locks, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { jwt: "yes" } } }]
  config: { providers: { p: { local: { inline: '{"keys":[]}' } } } }
`,
  );
  const byName = new Map(out.parts.gateway.virtualHosts.flatMap((v) => v.routes).map((r) => [r.name.split('-')[0]!, r]));
  const a = byName.get('a')!;
  const b = byName.get('b')!;
  assert.equal(a.filters?.cors?.allowOrigins[0]?.value, 'https://older.example');
  assert.equal(b.filters?.cors?.allowOrigins[0]?.value, 'https://newer.example', 'the newer policy still applies to its other route');
  assert.deepEqual(a.filters?.waf?.policies.map((p) => p.name), ['ns.late-but-first', 'ns.created-first', 'ns.second']);
  assert.equal(a.filters?.jwt ?? null, null);
  // require_auth: a JWTPolicy opens the route (ext-auth's deny-all placeholder goes); without one it stays denied.
  assert.equal(byName.get('locked')!.filters?.jwt?.configId, 'jwtpolicy:ns.locks');
  assert.equal(byName.get('locked')!.extAuth, null);
  assert.equal(byName.get('bare')!.extAuth?.configId, REQUIRE_AUTH_CONFIG_ID);
  assert.equal(b.filters?.jwt ?? null, null);

  const status = (kind: string, name: string) => out.statuses.find((s) => s.ref.kind === kind && s.ref.name === name)!.status as { common: { State: { approval: string; message: string } }; numSelectedRoutes: number };
  assert.equal(status('CORSPolicy', 'older').common.State.approval, 'ACCEPTED');
  const newer = status('CORSPolicy', 'newer');
  assert.equal(newer.common.State.approval, 'FAILED');
  assert.match(newer.common.State.message, /^conflicts with existing policy applied to route\. Skipping applying newer \(routes: a-/);
  assert.equal(newer.numSelectedRoutes, 1);
  const broken = status('CORSPolicy', 'broken');
  assert.equal(broken.common.State.approval, 'INVALID');
  assert.match(broken.common.State.message, /config\.allowOrigins\[0\]\.regex/);
  assert.equal(status('JWTPolicy', 'destinations-only').numSelectedRoutes, 0);
});
