// ApiSchemaDiscovery (issue 12 item 5, gloo-api-more.md §4): the control plane fetches the demo upstream's
// OpenAPI document, writes the ApiDoc, and the portal serves it at /v1/apis/{id}/schema; a failing endpoint is
// retried pullAttempts times and reported FAILED in status; deleting the discovery deletes its ApiDoc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createSqliteApiKeyStore } from '@portico/apikeys';
import { startDemo } from '@portico/demo';
import { startPortalServer } from '@portico/portal-server';
import { attachDataPlanes } from '../../src/index.ts';
import { send, startPolicyStack } from '../support/policy-stack.ts';

test('ApiSchemaDiscovery → ApiDoc → /v1/apis/{id}/schema; fetch failures retried and reported; delete removes the ApiDoc', async (t) => {
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  // A port nothing listens on: bound once, then released.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  t.after(() => demo.close());
  const dir = mkdtempSync(join(tmpdir(), 'portico-asd-'));
  const keys = createSqliteApiKeyStore({ path: join(dir, 'keys.db') });
  const s = await startPolicyStack(t);
  const portal = await startPortalServer({ port: 0, keys, auth: null });
  const unsubscribe = attachDataPlanes(s.cp, { portal });
  t.after(async () => {
    unsubscribe();
    await portal.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await s.apply(`
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: tracks, namespace: apis }
spec: { hosts: [tracks.local], addresses: [127.0.0.1], ports: [{ name: http, number: ${demo.tracks.port}, protocol: HTTP }] }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: tracks-v1, namespace: apis, labels: { portal: products } }
spec:
  hosts: [api.test]
  portalMetadata: { apiProductId: tracks, apiVersion: v1, title: Tracks }
  http:
    - matchers: [{ uri: { prefix: /trackapi/ } }]
      forwardTo: { pathRewrite: /, destinations: [{ ref: { name: tracks }, kind: EXTERNAL_SERVICE, port: { number: ${demo.tracks.port} } }] }
---
apiVersion: apimanagement.gloo.solo.io/v2
kind: Portal
metadata: { name: portal, namespace: apis }
spec:
  domains: [portal.test]
  apis: [{ labels: { portal: products } }]
  visibility: { public: true }
---
apiVersion: apimanagement.gloo.solo.io/v2
kind: ApiSchemaDiscovery
metadata: { name: tracks, namespace: apis }
spec:
  openapi:
    fetchEndpoint: { url: '${demo.tracks.url}/openapi.json', retryDelay: 10ms, pullAttempts: 2 }
  servedBy:
    - destinationSelector: { kind: EXTERNAL_SERVICE, selector: { name: tracks, namespace: apis } }
---
apiVersion: apimanagement.gloo.solo.io/v2
kind: ApiSchemaDiscovery
metadata: { name: down, namespace: apis }
spec:
  openapi:
    fetchEndpoint: { url: 'http://127.0.0.1:${closedPort}/openapi.json', retryDelay: 5ms, pullAttempts: 3, useBackoff: true }
`);
  await s.cp.discovery!.settled();
  assert.ok(await s.cp.reconciler.waitFor(undefined, 10_000));

  const doc = await s.cp.store.get('ApiDoc', 'apis', 'tracks');
  assert.ok(doc, 'the discovery wrote an ApiDoc with its name and namespace');
  assert.match((doc!.spec as { openapi: { inlineString: string } }).openapi.inlineString, /"openapi"/);
  const ok = (await s.status('ApiSchemaDiscovery', 'apis', 'tracks')) as { common: { State: { approval: string } }; apiDoc: unknown };
  assert.equal(ok.common.State.approval, 'ACCEPTED');
  assert.deepEqual(ok.apiDoc, { name: 'tracks', namespace: 'apis' });

  const schema = await send(portal.port, '/v1/apis/tracks-v1/schema', { host: 'portal.test' });
  assert.equal(schema.status, 200, schema.body);
  const openapi = JSON.parse(schema.body) as { openapi: string; paths: Record<string, unknown> };
  assert.match(openapi.openapi, /^3\./);
  assert.ok(Object.keys(openapi.paths).some((p) => p.startsWith('/trackapi/')), `paths stitched to the route: ${Object.keys(openapi.paths).join(', ')}`);

  const down = (await s.status('ApiSchemaDiscovery', 'apis', 'down')) as { common: { State: { approval: string; message: string } } };
  assert.equal(down.common.State.approval, 'FAILED');
  assert.match(down.common.State.message, new RegExp(`fetching http://127\\.0\\.0\\.1:${closedPort}/openapi\\.json failed after 3 attempts: ECONNREFUSED`));
  assert.equal(await s.cp.store.get('ApiDoc', 'apis', 'down'), undefined);

  await s.remove('ApiSchemaDiscovery', 'apis', 'tracks');
  await s.cp.discovery!.settled();
  assert.equal(await s.cp.store.get('ApiDoc', 'apis', 'tracks'), undefined, 'the discovered ApiDoc goes with its discovery');
});
