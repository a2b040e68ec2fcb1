// The seed's walkthrough against a REAL Portico: dev IdP (client_credentials), control plane fed with route tables
// and ApiDocs, portal server — and a Backstage backend with the real catalog plugin and this module configured with
// the seed's glooPlatformPortal.backend keys. Issue 6 requirement 5, plus the PostgreSQL catalog of requirement 6.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshPostgres, startCatalogBackend, type CatalogBackend } from './catalog-backend.ts';
import { CLIENT, startPorticoEnv, type PorticoEnv } from './portico-env.ts';
import { readPortal } from '../src/lib/read.ts';

const seedBlocks = {
  debugLogging: false,
  syncFrequency: { hours: 0, minutes: 1, seconds: 0, milliseconds: 0 },
  syncTimeout: { hours: 0, minutes: 0, seconds: 10, milliseconds: 0 },
};

describe('Backstage catalog ⟵ Portico portal server (real IdP, control plane, portal server)', () => {
  let portico: PorticoEnv;
  let catalog: CatalogBackend;
  before(async () => {
    portico = await startPorticoEnv(['portal.yaml']);
    catalog = await startCatalogBackend({ portal: {
      portalServerUrl: portico.portalServerUrl, ...CLIENT, tokenEndpoint: portico.tokenEndpoint, ...seedBlocks } });
  });
  after(async () => {
    await catalog?.stop();
    await portico?.close();
  });

  it('lists petstore-v1 and tracks-v1 with human titles and the stitched OpenAPI document', async () => {
    await catalog.waitForApis((n) => n.includes('petstore-v1') && n.includes('tracks-v1'));
    const [tracks] = await catalog.entities('kind=api,metadata.name=tracks-v1');
    assert.equal(tracks?.metadata.title, 'Tracks REST API');
    assert.equal(tracks?.spec?.lifecycle, 'Supported');
    const doc = JSON.parse(tracks?.spec?.definition as string);
    assert.ok(Object.keys(doc.paths).every((p) => p.startsWith('/trackapi/')), Object.keys(doc.paths).join());
    const [petstore] = await catalog.entities('kind=api,metadata.name=petstore-v1');
    assert.equal(petstore?.metadata.description, 'Totally awesome API for all things pets!');
  });

  it('reads the same versions through the /api-products flavour of the real portal server', async () => {
    const [apis, products] = await Promise.all([
      readPortal({ portalServerUrl: portico.portalServerUrl, token: null }),
      readPortal({ portalServerUrl: portico.portalServerUrl, token: null, knownFlavour: 'api-products' }),
    ]);
    assert.ok(apis.ok && products.ok, JSON.stringify([apis, products]));
    const summary = (versions: { apiProductId: string; apiVersion: string; title: string; schema: unknown }[]) =>
      versions.map((v) => [v.apiProductId, v.apiVersion, v.title, typeof v.schema]).sort();
    assert.deepEqual(summary(products.value.versions), summary(apis.value.versions));
    assert.equal(apis.value.versions.length, 2);
  });

  it('shows a version applied to Portico after the next sync, and drops a deleted one', async () => {
    await portico.apply('tracks-v2.yaml');
    await catalog.sync();
    await catalog.waitForApis((n) => n.includes('tracks-v2'));
    const [v2] = await catalog.entities('kind=api,metadata.name=tracks-v2');
    assert.ok(Object.keys(JSON.parse(v2?.spec?.definition as string).paths).every((p) => p.startsWith('/trackapi/v2/')),
      'the tracks ApiDoc stitched to the v2 routes');
    await portico.remove('RouteTable', 'apis', 'tracks-v2');
    await catalog.sync();
    assert.deepEqual(await catalog.waitForApis((n) => !n.includes('tracks-v2')), ['petstore-v1', 'tracks-v1']);
  });

  it('keeps a PostgreSQL-backed catalog in step too (fresh database, dropped afterwards)', async () => {
    const pgCatalog = await startCatalogBackend({ database: await freshPostgres(), portal: {
      portalServerUrl: portico.portalServerUrl, ...CLIENT, tokenEndpoint: portico.tokenEndpoint, ...seedBlocks } });
    try {
      assert.deepEqual(await pgCatalog.waitForApis((n) => n.length === 2), ['petstore-v1', 'tracks-v1']);
    } finally {
      await pgCatalog.stop();
    }
  });

  it('keeps every entity while the IdP is down', async () => {
    const before = await catalog.apiNames();
    await portico.stopIdp();
    await catalog.sync();
    await catalog.sync();
    assert.deepEqual(await catalog.apiNames(), before);
    // A Backstage started while the IdP is down applies nothing at all, rather than an empty catalog.
    const cold = await startCatalogBackend({ portal: {
      portalServerUrl: portico.portalServerUrl, ...CLIENT, tokenEndpoint: portico.tokenEndpoint, ...seedBlocks } });
    try {
      await cold.sync();
      assert.deepEqual(await cold.entities('kind=system'), []);
    } finally {
      await cold.stop();
    }
  });
});
