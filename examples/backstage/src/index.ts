// A minimal Backstage backend (new backend system) with the catalog and the Portico module — what a Backstage
// app's packages/backend/src/index.ts gains. Start it from the repository root with `npm run backstage`.
import { createBackend } from '@backstage/backend-defaults';
import type { BackendFeature } from '@backstage/backend-plugin-api';

const backend = createBackend();
// The CJS package's double default is unwrapped by Backstage; its typings do not say so.
backend.add(import('@backstage/plugin-catalog-backend') as unknown as Promise<{ default: BackendFeature }>);
backend.add(import('@portico/backstage-plugin-catalog-backend-module-portico'));
await backend.start();
