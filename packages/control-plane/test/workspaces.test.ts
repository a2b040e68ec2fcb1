// Workspaces (issue 12 item 3, gloo-api-more.md §3) through a real gateway: a gateway workspace delegates to the
// tables other workspaces export to it; a table of a workspace that does not export is not served and the statuses
// say why; a destination of a non-exporting workspace turns its route into a 500 naming it; policies reach only
// their own workspace's routes. With no Workspace defined, the same manifests serve everything (the implicit one).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { createGateway, type Gateway, type RouteConfig } from '@portico/gateway';
import { translateExtAuth } from '../src/extauth/index.ts';
import { translatePortals } from '../src/portal/index.ts';
import { translateRoutes } from '../src/routes/index.ts';
import { get } from './routes/http.ts';
import { translateManifests } from './support/translate-manifests.ts';

let upstream: Server;
let port: number;
let gw: Gateway;

before(async () => {
  upstream = createServer((req, res) => res.end(`upstream saw ${req.url}`));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  port = (upstream.address() as AddressInfo).port;
  gw = await createGateway({ listen: { port: 0 }, logger: pino({ level: 'silent' }) });
});
after(async () => {
  await gw.close();
  await new Promise((r) => upstream.close(r));
});

const WORKSPACES = `
apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: { name: gateways, namespace: gloo-mesh }
spec: { workloadClusters: [{ name: '*', namespaces: [{ name: gw }] }] }
---
apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: { name: team-a, namespace: gloo-mesh }
spec: { workloadClusters: [{ name: cluster1, namespaces: [{ name: a }] }] }
---
apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: { name: team-b, namespace: gloo-mesh }
spec: { workloadClusters: [{ name: cluster1, namespaces: [{ name: b }] }] }
---
apiVersion: admin.gloo.solo.io/v2
kind: WorkspaceSettings
metadata: { name: team-a, namespace: a }
spec:
  exportTo:
    - workspaces: [{ name: gateways }]
      resources: [{ kind: ROUTE_TABLE, labels: { expose: 'true' } }, { kind: EXTERNAL_SERVICE }]
---
apiVersion: admin.gloo.solo.io/v2
kind: WorkspaceSettings
metadata: { name: gateways, namespace: gw }
spec:
  importFrom: [{ workspaces: [{ name: '*' }] }]
`;

const apps = (p: number) => `
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: up, namespace: a }
spec: { hosts: [up.local], addresses: [127.0.0.1], ports: [{ number: 80, name: http, targetPort: { number: ${p} } }] }
---
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: up, namespace: b }
spec: { hosts: [up.local], addresses: [127.0.0.1], ports: [{ number: 80, name: http, targetPort: { number: ${p} } }] }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: root, namespace: gw }
spec:
  hosts: [api.example.com]
  http: [{ name: teams, delegate: { routeTables: [{ labels: { expose: 'true' } }] } }]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: a-routes, namespace: a, labels: { expose: 'true' } }
spec:
  http:
    - { name: a, matchers: [{ uri: { prefix: /a } }], forwardTo: { destinations: [{ ref: { name: up }, kind: EXTERNAL_SERVICE, port: { number: 80 } }] } }
    - { name: leak, labels: { secured: 'true' }, matchers: [{ uri: { prefix: /leak } }], forwardTo: { destinations: [{ ref: { name: up, namespace: b }, kind: EXTERNAL_SERVICE, port: { number: 80 } }] } }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: b-routes, namespace: b, labels: { expose: 'true' } }
spec:
  http:
    - { name: b, matchers: [{ uri: { prefix: /b } }], forwardTo: { destinations: [{ ref: { name: up }, kind: EXTERNAL_SERVICE, port: { number: 80 } }] } }
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: keys, namespace: a }
spec: { applyToRoutes: [{ route: { labels: { secured: 'true' } } }], config: { glooAuth: { configs: [{ apiKeyAuth: {} }] } } }
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: reach-over, namespace: b }
spec:
  applyToRoutes: [{ route: { labels: { secured: 'true' } } }, { route: { workspace: team-a, labels: { secured: 'true' } } }]
  config: { glooAuth: { configs: [{ apiKeyAuth: {} }] } }
`;

const STAGES = [
  { name: 'routes' as const, run: translateRoutes },
  { name: 'extauth' as const, run: translateExtAuth },
];

function statusOf(out: Awaited<ReturnType<typeof translateManifests>>, kind: string, ns: string, name: string): any {
  return out.statuses.find((s) => s.ref.kind === kind && s.ref.namespace === ns && s.ref.name === name)?.status;
}

test('the gateway workspace serves exported tables only; refusals are served as nothing or 500 and named in statuses', async (t) => {
  const out = await translateManifests(t, STAGES, WORKSPACES, apps(port));
  gw.update(out.parts.gateway);
  const H = 'api.example.com';

  const a = await get(gw.url, '/a/x', H);
  assert.equal(a.status, 200);
  assert.equal(a.body, 'upstream saw /a/x');
  assert.equal((await get(gw.url, '/b/x', H)).status, 404, 'the non-exported table is not mounted under the gateway host');
  const leak = await get(gw.url, '/leak', H);
  assert.equal(leak.status, 500);
  assert.match(leak.body, /ExternalService b\/up \(workspace team-b\) is not exported to workspace gateways/);

  const root = statusOf(out, 'RouteTable', 'gw', 'root');
  assert.equal(root.common.State.approval, 'WARNING');
  assert.match(root.common.State.message, /RouteTable b\/b-routes \(workspace team-b\) is not exported to workspace gateways \(refused: crosses a workspace boundary\)/);
  assert.equal(root.ownedByWorkspace, 'gateways');
  const b = statusOf(out, 'RouteTable', 'b', 'b-routes');
  assert.match(b.common.State.message, /not delegated to by RouteTable gw\/root: RouteTable b\/b-routes \(workspace team-b\) is not exported/);
  assert.match(statusOf(out, 'RouteTable', 'a', 'a-routes').common.State.message, /leak: destination ExternalService b\/up/);

  const ws = statusOf(out, 'Workspace', 'gloo-mesh', 'team-a');
  assert.equal(ws.common.State.approval, 'ACCEPTED');
  assert.deepEqual(ws.namespaces, ['a']);
  assert.deepEqual(ws.workspaceSettings, { name: 'team-a', namespace: 'a' });

  // Policies: team-a's reaches its own route; team-b's reaches none, and naming team-a is refused.
  const routes: RouteConfig[] = out.parts.gateway.virtualHosts.flatMap((v) => v.routes);
  assert.deepEqual(routes.filter((r) => r.extAuth?.configId === 'a.keys').map((r) => r.name), ['leak-a-routes.a.cluster1--root.gw.cluster1']);
  assert.equal(routes.filter((r) => r.extAuth?.configId === 'b.reach-over').length, 0);
  const over = statusOf(out, 'ExtAuthPolicy', 'b', 'reach-over');
  assert.equal(over.numSelectedRoutes, 0);
  assert.equal(over.common.State.approval, 'WARNING');
  assert.match(over.common.State.message, /applyToRoutes\[1\]\.route\.workspace: team-a is refused: a policy in workspace team-b applies only to its own workspace's routes/);
  assert.equal(statusOf(out, 'ExtAuthPolicy', 'a', 'keys').numSelectedRoutes, 1);
});

test('no Workspace defined: one implicit workspace, everything delegates and serves as before', async (t) => {
  const out = await translateManifests(t, STAGES, apps(port));
  gw.update(out.parts.gateway);
  assert.equal((await get(gw.url, '/b/x', 'api.example.com')).status, 200);
  // /leak forwards (no boundary) and carries team-a's auth policy (no auth service here: denied).
  assert.equal((await get(gw.url, '/leak', 'api.example.com')).status, 403);
  assert.equal(statusOf(out, 'RouteTable', 'gw', 'root').common.State.approval, 'ACCEPTED');
  // Without workspaces team-b's policy reaches team-a's route too (and loses it to the older policy).
  const over = statusOf(out, 'ExtAuthPolicy', 'b', 'reach-over').common.State;
  assert.equal(over.approval, 'FAILED');
  assert.match(over.message, /applyToRoutes\[1\]\.route\.workspace: no Workspace named team-a; this selector selects nothing/);
});

test('workspace statuses: a namespace claimed twice, a second WorkspaceSettings, settings without workspaces, mesh options', async (t) => {
  const yaml = `
apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: { name: first, namespace: gloo-mesh }
spec: { workloadClusters: [{ name: '*', namespaces: [{ name: 'shared*' }] }] }
---
apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: { name: second, namespace: gloo-mesh }
spec: { workloadClusters: [{ name: '*', namespaces: [{ name: shared-ns }, { name: own }] }] }
---
apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: { name: empty, namespace: gloo-mesh }
spec: { workloadClusters: [{ name: '*' }] }
---
apiVersion: admin.gloo.solo.io/v2
kind: WorkspaceSettings
metadata: { name: one, namespace: own }
spec: { options: { serviceIsolation: { enabled: true } } }
---
apiVersion: admin.gloo.solo.io/v2
kind: WorkspaceSettings
metadata: { name: two, namespace: own }
spec: {}
---
apiVersion: v1
kind: ConfigMap
metadata: { name: marker, namespace: shared-ns }
data: {}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: loose-root, namespace: loose1 }
spec: { hosts: [loose.example.com], http: [{ name: all, delegate: { routeTables: [{ namespace: loose2 }] } }] }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: loose-child, namespace: loose2 }
spec: { http: [{ name: r, directResponse: { status: 200, body: ok } }] }
`;
  const out = await translateManifests(t, STAGES, yaml);
  const second = statusOf(out, 'Workspace', 'gloo-mesh', 'second');
  assert.equal(second.common.State.approval, 'WARNING');
  assert.match(second.common.State.message, /namespace shared-ns already belongs to the older workspace first/);
  assert.deepEqual(second.namespaces, ['own']);
  assert.deepEqual(statusOf(out, 'Workspace', 'gloo-mesh', 'first').namespaces, ['shared-ns']);
  assert.equal(statusOf(out, 'Workspace', 'gloo-mesh', 'empty').common.State.approval, 'INVALID');
  const one = statusOf(out, 'WorkspaceSettings', 'own', 'one');
  assert.equal(one.common.State.approval, 'WARNING');
  assert.match(one.common.State.message, /spec\.options\.serviceIsolation is not supported: service isolation is a mesh feature/);
  assert.equal(one.workspace, 'second');
  assert.match(statusOf(out, 'WorkspaceSettings', 'own', 'two').common.State.message, /workspace second already has WorkspaceSettings own\/one/);
  // Namespaces no Workspace selects are each on their own.
  assert.match(
    statusOf(out, 'RouteTable', 'loose1', 'loose-root').common.State.message,
    /RouteTable loose2\/loose-child \(in no workspace\) is not visible from namespace loose1, which no Workspace selects/,
  );
});

test('a Portal lists only the API tables its workspace owns or imports; the others are named in its status', async (t) => {
  const api = (ns: string, product: string, extra: string) => `
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: ${product}, namespace: ${ns}, labels: { portal: 'yes'${extra} } }
spec:
  hosts: [${product}.example.com]
  portalMetadata: { apiProductId: ${product}, apiVersion: v1 }
  http: [{ name: r, directResponse: { status: 200, body: ok } }]
`;
  const portal = `
apiVersion: apimanagement.gloo.solo.io/v2
kind: Portal
metadata: { name: dev-portal, namespace: gw }
spec: { domains: [portal.example.com], apis: [{ labels: { portal: 'yes' } }] }
`;
  const out = await translateManifests(t, [...STAGES, { name: 'portal' as const, run: translatePortals }], WORKSPACES, api('a', 'shared-api', ", expose: 'true'"), api('b', 'private-api', ''), portal);
  const cfg = out.parts.portal as { portals: { apis: { apiId: string }[] }[] };
  assert.deepEqual(cfg.portals[0]!.apis.map((a) => a.apiId), ['shared-api-v1']);
  const st = statusOf(out, 'Portal', 'gw', 'dev-portal');
  assert.equal(st.common.State.approval, 'WARNING');
  assert.match(st.common.State.message, /apis: RouteTable b\/private-api \(workspace team-b\) is not exported to workspace gateways/);
});
