// `npm run bench:backstage`: one sync of 1,000 generated API product versions (100 products × 10 versions, each with
// an OpenAPI document full of $refs) by the Portico catalog module. Target (issue 6): ≤ 10 s and ≤ 2 HTTP requests
// per version.
//
// The portal side is a loopback server replaying the REST contract (the module's recorded-response replay server,
// backstage-portal.md §2, /apis flavour: 1 list + 1 schema request per version), with a client_credentials token
// endpoint. Two measurements, same run, same server:
//   baseline  — the same 1,001 GETs with plain fetch, 8 in flight, bodies parsed: the floor set by HTTP + JSON;
//   module    — PorticoEntityProvider.refresh(): token, probe, reads, $ref resolution, entity build, full mutation
//               handed to a connection that records it;
//   catalog   — the same refresh() with the mutation applied to the REAL @backstage/plugin-catalog-backend
//               (startTestBackend, SQLite in memory), timed until refresh() resolves;
//   portico   — refresh() against a REAL Portico portal server (control plane + generated route tables and
//               ApiDocs, real schema stitching per request; anonymous, public Portal), mutation recorded.
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { coreServices, createBackendModule, type BackendFeature } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogProcessingExtensionPoint, type EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { PorticoEntityProvider, type SyncOutcome } from '../../packages/backstage-plugin-catalog-backend-module-portico/src/index.ts';
import { captureLogger } from '../../packages/backstage-plugin-catalog-backend-module-portico/src/lib/__fixtures__/capture-logger.ts';
import { openapi, startPortalReplay } from '../../packages/backstage-plugin-catalog-backend-module-portico/src/lib/__fixtures__/portal-replay.ts';
import { startRealPortal } from './real-portal.ts';

const PRODUCTS = 100;
const VERSIONS = 10;
const TOTAL = PRODUCTS * VERSIONS;

const portal = await startPortalReplay();
portal.products.length = 0;
portal.schemas.clear();
const template = openapi('petstore-v1.openapi.json');
for (let p = 0; p < PRODUCTS; p++) {
  const apiVersions = [];
  for (let v = 1; v <= VERSIONS; v++) {
    const apiId = `product-${p}-v${v}`;
    apiVersions.push({ apiId, apiProductId: `product-${p}`, apiProductDisplayName: `Product ${p}`, apiVersion: `v${v}`,
      title: `Product ${p} API v${v}`, description: `Generated product ${p}, version ${v}`, contact: 'support@example.com',
      usagePlans: ['bronze'], customMetadata: { lifecycle: v === VERSIONS ? 'production' : 'deprecated' } });
    portal.schemas.set(apiId, { ...template, info: { title: `Product ${p}`, version: `v${v}` } });
  }
  portal.products.push({ apiProductId: `product-${p}`, apiProductDisplayName: `Product ${p}`, apiVersions });
}

const config = new ConfigReader({ glooPlatformPortal: { backend: {
  portalServerUrl: portal.portalServerUrl, clientId: 'backstage', clientSecret: 'backstage-secret',
  tokenEndpoint: portal.tokenEndpoint, syncTimeout: { seconds: 60 } } } });

function portalRequests(): number {
  return portal.requests.filter((r) => r.path.startsWith('/v1/')).length;
}

async function baseline(): Promise<number> {
  const token = portal.issued.at(-1) ?? '';
  const urls = [`${portal.portalServerUrl}/apis`,
    ...[...portal.schemas.keys()].map((id) => `${portal.portalServerUrl}/apis/${id}/schema`)];
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < urls.length) {
      const res = await fetch(urls[next++]!, { headers: { authorization: `Bearer ${token}` } });
      await res.json();
    }
  }));
  return performance.now() - started;
}

async function moduleSync(cfg = config): Promise<{ ms: number; outcome: SyncOutcome; requests: number; entities: number }> {
  const provider = PorticoEntityProvider.fromConfig(cfg, { logger: captureLogger() });
  let entities = 0;
  const conn: EntityProviderConnection = {
    applyMutation: async (m) => void (entities = m.type === 'full' ? m.entities.length : 0),
    refresh: async () => {},
  };
  await provider.connect(conn);
  portal.requests.length = 0;
  const started = performance.now();
  const outcome = await provider.refresh();
  return { ms: performance.now() - started, outcome, requests: portalRequests(), entities };
}

async function catalogSync(): Promise<{ ms: number; outcome: SyncOutcome }> {
  const provider = PorticoEntityProvider.fromConfig(config, { logger: captureLogger() });
  const register = createBackendModule({ pluginId: 'catalog', moduleId: 'bench-portico', register(env) {
    env.registerInit({ deps: { catalog: catalogProcessingExtensionPoint }, async init({ catalog }) {
      catalog.addEntityProvider(provider);
    } });
  } });
  void coreServices;
  const backend = await startTestBackend({ features: [
    import('@backstage/plugin-catalog-backend') as unknown as Promise<{ default: BackendFeature }>, register,
    mockServices.rootConfig.factory({ data: { backend: { database: { client: 'better-sqlite3', connection: ':memory:' } } } }),
  ] });
  try {
    const started = performance.now();
    const outcome = await provider.refresh();
    return { ms: performance.now() - started, outcome };
  } finally {
    await backend.stop();
  }
}

const warm = await moduleSync(); // warm-up: JIT, connection pool, token
const base = await baseline();
const mod = await moduleSync();
const cat = await catalogSync();
await portal.close();

const real = await startRealPortal(PRODUCTS, VERSIONS);
const porticoRun = await moduleSync(new ConfigReader({ glooPlatformPortal: { backend: {
  portalServerUrl: real.portalServerUrl, syncTimeout: { seconds: 60 } } } }));
await real.close();
const porticoRequests = porticoRun.outcome.ok ? porticoRun.outcome.portalRequests : NaN;

const perVersion = mod.requests / TOTAL;
const line = (name: string, ms: number) => `${name.padEnd(9)} ${(ms / 1000).toFixed(2).padStart(6)} s  (${(ms / base).toFixed(2)}× baseline)`;
console.log(`portico backstage sync bench: ${TOTAL} product versions (${PRODUCTS} products × ${VERSIONS}), loopback replay of the portal contract`);
console.log(line('baseline', base));
console.log(line('module', mod.ms) + `  ${mod.requests} portal requests = ${perVersion.toFixed(3)} per version, ${mod.entities} entities`);
console.log(line('catalog', cat.ms) + `  (mutation applied to @backstage/plugin-catalog-backend, SQLite in memory)`);
console.log(line('portico', porticoRun.ms) + `  real portal server (${TOTAL} generated route tables applied in ${(real.applyMs / 1000).toFixed(1)} s), ${porticoRequests} requests = ${(porticoRequests / TOTAL).toFixed(3)} per version, ${porticoRun.entities} entities`);
if (!warm.outcome.ok || !mod.outcome.ok || !cat.outcome.ok || !porticoRun.outcome.ok) {
  console.log('FAIL: a sync failed', JSON.stringify([warm.outcome, mod.outcome, cat.outcome, porticoRun.outcome].filter((o) => !o.ok)));
  process.exit(1);
}
const ok = cat.ms <= 10_000 && mod.ms <= 10_000 && porticoRun.ms <= 10_000 && perVersion <= 2 && porticoRequests / TOTAL <= 2;
console.log(`${ok ? 'PASS' : 'FAIL'}: sync ≤ 10 s (module ${(mod.ms / 1000).toFixed(2)} s, with catalog ${(cat.ms / 1000).toFixed(2)} s, real portal ${(porticoRun.ms / 1000).toFixed(2)} s), ≤ 2 requests per version (${perVersion.toFixed(3)} / ${(porticoRequests / TOTAL).toFixed(3)})`);
process.exit(ok ? 0 : 1);
