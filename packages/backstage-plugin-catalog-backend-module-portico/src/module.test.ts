// The module inside Backstage: startTestBackend with the real catalog plugin. The transformer extension point reaches
// the catalog; a bad configuration stops startup with a message naming the key.
import './lib/__fixtures__/backstage-test-hooks.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createBackendModule, type BackendFeature } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import knexFactory from 'knex';
import catalogModulePortico, { porticoTransformerExtensionPoint } from './index.ts';
import { startPortalReplay, type PortalReplay } from './lib/__fixtures__/portal-replay.ts';

// Backstage's database service mock with our own knex, so the pool can be closed (backend.stop() does not). The
// test backends are stopped by Backstage's own cleanup hook (see backstage-test-hooks.ts), registered before this
// one, so the pool closes after them.
const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
after(() => knex.destroy());

const catalogPlugin = import('@backstage/plugin-catalog-backend') as unknown as Promise<{ default: BackendFeature }>;

const ownerModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-api-owners',
  register(env) {
    env.registerInit({ deps: { portico: porticoTransformerExtensionPoint }, async init({ portico }) {
      portico.setEntityTransformer((entity, version) => ({
        ...entity, spec: { ...entity.spec, owner: `group:${version.apiProductId}-team` } }));
    } });
  },
});

describe('catalogModulePortico in a Backstage backend', () => {
  let portal: PortalReplay;
  before(async () => {
    portal = await startPortalReplay();
  });
  after(() => portal.close());

  it('is the default export and applies the transformer set through its extension point', async () => {
    assert.equal((catalogModulePortico as { $$type?: string }).$$type, '@backstage/BackendFeature');
    const backend = await startTestBackend({ features: [catalogPlugin, import('./index.ts'), ownerModule,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: {
        glooPlatformPortal: { backend: { portalServerUrl: portal.portalServerUrl, clientId: 'backstage',
          clientSecret: 'backstage-secret', tokenEndpoint: portal.tokenEndpoint } } } })] });
    const url = `http://127.0.0.1:${(backend.server as unknown as { port(): number }).port()}`;
    let apis: Entity[] = [];
    for (let i = 0; i < 100 && apis.length < 2; i++) {
      const res = await fetch(`${url}/api/catalog/entities?filter=kind=api`, { headers: { authorization: mockCredentials.user.header() } });
      apis = (await res.json()) as Entity[];
      if (apis.length < 2) await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(apis.map((e) => [e.metadata.name, e.spec?.owner]).sort(),
      [['petstore-v1', 'group:petstore-team'], ['tracks-v1', 'group:tracks-team']]);
  });

  it('stops startup with a message naming the bad key', async () => {
    // Without the catalog plugin: a stand-in extension point, as Backstage's own module tests do.
    await assert.rejects(startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, { addEntityProvider: () => {}, addProcessor: () => {},
        addPlaceholderResolver: () => {}, setOnProcessingErrorHandler: () => {} } as never]],
      features: [import('./index.ts'), mockServices.rootConfig.factory({ data: {
        glooPlatformPortal: { backend: { portalServerUrl: 'portal.example.com/v1' } } } })],
    }),
    /Module 'portico-portal-entity-provider' for plugin 'catalog' startup failed; caused by .*glooPlatformPortal\.backend\.portalServerUrl is not a URL: "portal\.example\.com\/v1"/);
  });
});
