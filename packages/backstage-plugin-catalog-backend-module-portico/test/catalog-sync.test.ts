// The module inside a real Backstage catalog (startTestBackend + @backstage/plugin-catalog-backend, SQLite in
// memory) against the recorded portal contract: entities appear, a version added later appears after the next sync,
// a deleted one disappears, and an IdP or portal outage leaves the catalog as it was.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCatalogBackend, type CatalogBackend } from './catalog-backend.ts';
import { openapi, startPortalReplay, type PortalReplay } from '../src/lib/__fixtures__/portal-replay.ts';

describe('catalog sync through the real catalog plugin (recorded portal)', () => {
  let portal: PortalReplay;
  let catalog: CatalogBackend;
  before(async () => {
    portal = await startPortalReplay();
    catalog = await startCatalogBackend({ portal: {
      portalServerUrl: portal.portalServerUrl, clientId: 'backstage', clientSecret: 'backstage-secret',
      tokenEndpoint: portal.tokenEndpoint, syncFrequency: { hours: 0, minutes: 1, seconds: 0, milliseconds: 0 },
      syncTimeout: { hours: 0, minutes: 0, seconds: 10, milliseconds: 0 } } });
  });
  after(async () => {
    await catalog?.stop();
    await portal?.close();
  });

  it('lists petstore-v1 and tracks-v1 with their group, user and system', async () => {
    await catalog.waitForApis((n) => n.includes('petstore-v1') && n.includes('tracks-v1'));
    const [api] = await catalog.entities('kind=api,metadata.name=tracks-v1');
    assert.equal(api?.metadata.title, 'Tracks REST API');
    assert.equal(api?.spec?.type, 'openapi');
    assert.ok(!(api?.spec?.definition as string).includes('$ref'));
    const fixed = await catalog.entities('kind=group,kind=user,kind=system');
    assert.deepEqual(fixed.map((e) => `${e.kind}:${e.metadata.name}`).sort(),
      ['Group:solo-io-service-accounts', 'System:gloo-platform-portal-apis', 'User:gloo-platform-portal-service-account']);
    const relations = (api?.relations ?? []).map((r) => `${r.type}:${r.targetRef}`);
    assert.ok(relations.includes('ownedBy:user:default/gloo-platform-portal-service-account'), relations.join());
    assert.ok(relations.includes('partOf:system:default/gloo-platform-portal-apis'), relations.join());
  });

  it('shows a version added later after the next sync, and drops a deleted one', async () => {
    portal.products.push({ apiProductId: 'orders', apiProductDisplayName: 'Orders', apiVersions: [
      { apiId: 'orders-v2', apiProductId: 'orders', apiVersion: 'v2', title: 'Orders API', description: 'Orders' }] });
    portal.schemas.set('orders-v2', openapi('tracks-v1.openapi.json'));
    await catalog.sync();
    await catalog.waitForApis((n) => n.includes('orders-v2'));
    portal.products.splice(portal.products.findIndex((p) => p.apiProductId === 'petstore'), 1);
    await catalog.sync();
    assert.deepEqual(await catalog.waitForApis((n) => !n.includes('petstore-v1')), ['orders-v2', 'tracks-v1']);
  });

  it('keeps every entity while the IdP or the portal is down', async () => {
    const before = await catalog.apiNames();
    portal.overrides.set('/v1/apis', { status: 503, body: '{"message":"no healthy upstream"}' });
    await catalog.sync();
    portal.overrides.set('/v1/apis', { status: 200, body: '[{"broken' });
    await catalog.sync();
    portal.overrides.clear();
    assert.deepEqual(await catalog.apiNames(), before);
  });
});
