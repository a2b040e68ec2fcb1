// The seed's wiring, for Backstage apps still on the LEGACY backend system (Backstage < 1.27 — the era of Solo's
// plugin v0.0.25): packages/backend/src/plugins/catalog.ts. Only the import path differs from the seed. It needs
// that era's @backstage/plugin-catalog-backend (CatalogBuilder was removed in 2.0), so this file is documentation,
// not part of this example's build; apps on the new backend system use `backend.add(import('…'))` (src/index.ts).
import { CatalogBuilder } from '@backstage/plugin-catalog-backend';
import { ScaffolderEntitiesProcessor } from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { Router } from 'express';
import { PluginEnvironment } from '../types';
// -> Add the import for the Gloo Platform plugin provider.
import { GlooPlatformPortalProvider } from '@portico/backstage-plugin-catalog-backend-module-portico';

export default async function createPlugin(
  env: PluginEnvironment,
): Promise<Router> {
  const builder = await CatalogBuilder.create(env);
  builder.addProcessor(new ScaffolderEntitiesProcessor());
  // -> Instantiate the plugin provider.
  const gppp = new GlooPlatformPortalProvider('production', env.logger, env.config);
  // -> Add the plugin provider to the catalog builder.
  builder.addEntityProvider(gppp);
  // (These next lines were already provided by Backstage.)
  const { processingEngine, router } = await builder.build();
  await processingEngine.start();
  // -> Start the scheduled update interval after the processing engine starts.
  await gppp.startScheduler(env.scheduler);
  return router;
}
