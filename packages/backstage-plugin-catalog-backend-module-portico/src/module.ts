// Wiring only: the catalog module that `backend.add(import('@portico/backstage-plugin-catalog-backend-module-portico'))`
// installs. It reads glooPlatformPortal.backend, creates the provider and registers it with the catalog; the provider
// schedules its own sync (syncFrequency / syncTimeout) when the catalog connects it.
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { porticoTransformerExtensionPoint } from './extensions.ts';
import { PorticoEntityProvider, type PorticoEntityTransformer } from './providers/PorticoEntityProvider.ts';

export const catalogModulePortico = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'portico-portal-entity-provider',
  register(env) {
    let transformer: PorticoEntityTransformer | undefined;
    env.registerExtensionPoint(porticoTransformerExtensionPoint, {
      setEntityTransformer(t) {
        if (transformer) throw new Error('The Portico entity transformer may only be set once');
        transformer = t;
      },
    });
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        catalog.addEntityProvider(PorticoEntityProvider.fromConfig(config, { logger, scheduler, transformer }));
      },
    });
  },
});
