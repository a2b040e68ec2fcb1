// Generated Portico resources for the bench: `products × versions` route tables with portalMetadata, one ApiDoc
// per product's upstream and a public Portal for the loopback host — served by a real control plane + portal server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteApiKeyStore } from '@portico/apikeys';
import { applyDocuments, attachDataPlanes, startControlPlane } from '@portico/control-plane';
import { TRACKS_OPENAPI_JSON } from '@portico/demo';
import { startPortalServer } from '@portico/portal-server';

export interface RealPortal {
  portalServerUrl: string;
  applyMs: number;
  close(): Promise<void>;
}

function manifests(products: number, versions: number): string {
  const docs: string[] = [];
  for (let p = 0; p < products; p++) {
    docs.push(`apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: up-${p}, namespace: bench, labels: { app: up-${p} } }
spec: { hosts: [up-${p}.local], addresses: [127.0.0.1], ports: [{ name: http, number: 1, protocol: HTTP }] }`);
    docs.push(`apiVersion: apimanagement.gloo.solo.io/v2
kind: ApiDoc
metadata: { name: doc-${p}, namespace: bench }
spec:
  openapi: { inlineString: ${JSON.stringify(TRACKS_OPENAPI_JSON)} }
  servedBy: [{ destinationSelector: { kind: EXTERNAL_SERVICE, selector: { name: up-${p} } } }]`);
    for (let v = 1; v <= versions; v++) {
      docs.push(`apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: product-${p}-v${v}, namespace: bench, labels: { portal: bench } }
spec:
  portalMetadata: { apiProductId: product-${p}, apiProductDisplayName: Product ${p}, apiVersion: v${v}, title: Product ${p} API v${v} }
  http:
    - matchers: [{ uri: { prefix: /p${p}/v${v}/ } }]
      forwardTo: { pathRewrite: /, destinations: [{ ref: { name: up-${p} }, kind: EXTERNAL_SERVICE, port: { number: 1 } }] }`);
    }
  }
  docs.push(`apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: bench-rt, namespace: bench }
spec:
  hosts: [api.bench]
  http:
    - matchers: [{ uri: { prefix: / } }]
      delegate: { routeTables: [{ labels: { portal: bench } }] }`);
  docs.push(`apiVersion: apimanagement.gloo.solo.io/v2
kind: Portal
metadata: { name: bench-portal, namespace: bench }
spec:
  domains: [127.0.0.1]
  apis: [{ labels: { portal: bench } }]
  visibility: { public: true }`);
  return docs.join('\n---\n');
}

export async function startRealPortal(products: number, versions: number): Promise<RealPortal> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-bench-backstage-'));
  const cp = await startControlPlane({ stateDir: dir, admin: false, debounceMs: 50 });
  const keys = createSqliteApiKeyStore({ path: join(dir, 'apikeys.db') });
  const portal = await startPortalServer({ port: 0, keys, auth: null });
  const unsubscribe = attachDataPlanes(cp, { portal });
  const started = performance.now();
  const results = await applyDocuments(cp.store, { documents: [{ file: 'bench.yaml', content: manifests(products, versions) }] });
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`apply: ${JSON.stringify(failed.slice(0, 3))}`);
  await cp.reconciler.waitFor();
  const applyMs = performance.now() - started;
  return {
    portalServerUrl: `${portal.url}/v1`,
    applyMs,
    async close() {
      unsubscribe();
      await portal.close();
      await keys.close();
      await cp.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
