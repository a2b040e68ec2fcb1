// The module's extension point: other modules customise the API entities without forking this one, the way
// Backstage's keycloak and msgraph modules do (a setter that may be called once).
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { PorticoEntityTransformer } from './providers/PorticoEntityProvider.ts';

export interface PorticoTransformerExtensionPoint {
  /** Sets the function applied to every API entity before it is handed to the catalog. Call at most once. */
  setEntityTransformer(transformer: PorticoEntityTransformer): void;
}

export const porticoTransformerExtensionPoint = createExtensionPoint<PorticoTransformerExtensionPoint>({
  id: 'catalog.portico.transformer',
});
