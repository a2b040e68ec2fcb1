// Public surface of the Portico catalog module. The default export is the backend module, so
// `backend.add(import('@portico/backstage-plugin-catalog-backend-module-portico'))` works.
import { catalogModulePortico } from './module.ts';

export default catalogModulePortico;
export { catalogModulePortico };
export { porticoTransformerExtensionPoint } from './extensions.ts';
export type { PorticoTransformerExtensionPoint } from './extensions.ts';
export {
  GlooPlatformPortalProvider, PorticoEntityProvider, LOCATION_KEY, PROVIDER_NAME,
} from './providers/PorticoEntityProvider.ts';
export type {
  PorticoEntityProviderOptions, PorticoEntityTransformer, SyncOutcome,
} from './providers/PorticoEntityProvider.ts';
export { readPortalSyncConfig, DEFAULT_SYNC_FREQUENCY, DEFAULT_SYNC_TIMEOUT } from './lib/config.ts';
export type { PortalSyncConfig } from './lib/config.ts';
export type { PortalApiVersion, PortalApiVersion as ApiVersion } from './lib/read.ts';
export { SYNC_ERROR_CODES, PorticoSyncError } from './errors.ts';
export type { SyncErrorCode, SyncFailure } from './errors.ts';
