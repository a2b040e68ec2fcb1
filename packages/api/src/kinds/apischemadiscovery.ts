// ApiSchemaDiscovery (apimanagement.gloo.solo.io/v2) — gloo-api-more.md §4. The control plane's discovery loop
// fetches the OpenAPI document and writes an ApiDoc of the same name and namespace.
import { z } from 'zod';
import { destinationSelector, duration } from '../common/refs.ts';
import { glooStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import { API_SCHEMA_DISCOVERY_FIELDS } from '../support/fields/route-policies.ts';
import type { KindDefinition } from './definition.ts';

export const apiSchemaDiscoverySpec = z.object({
  openapi: z.object({
    fetchEndpoint: z.object({
      url: z.url({ error: 'must be an http(s) URL', protocol: /^https?$/ }),
      retryDelay: duration.optional(),
      pullAttempts: z.number().int().min(1).optional(),
      useBackoff: z.boolean().optional(),
    }),
  }),
  servedBy: z.array(z.object({ destinationSelector: destinationSelector.optional() })).optional(),
});
export type ApiSchemaDiscoverySpec = z.infer<typeof apiSchemaDiscoverySpec>;

export const apiSchemaDiscoveryStatus = glooStatus.extend({
  ownerWorkspace: z.string().optional(),
  /** Portico: the ApiDoc written from the last successful fetch, and when. */
  apiDoc: z.object({ name: z.string(), namespace: z.string() }).optional(),
  lastFetchTime: z.string().optional(),
});
export type ApiSchemaDiscoveryStatus = z.infer<typeof apiSchemaDiscoveryStatus>;
export type ApiSchemaDiscovery = Resource<ApiSchemaDiscoverySpec, ApiSchemaDiscoveryStatus>;

export const apiSchemaDiscovery: KindDefinition = {
  kind: 'ApiSchemaDiscovery',
  apiVersion: 'apimanagement.gloo.solo.io/v2',
  plural: 'apischemadiscoveries',
  shortNames: ['asd'],
  body: 'spec',
  spec: apiSchemaDiscoverySpec,
  status: apiSchemaDiscoveryStatus,
  fields: API_SCHEMA_DISCOVERY_FIELDS,
  wideColumns: [{ header: 'URL', value: (r) => (r.spec as ApiSchemaDiscoverySpec).openapi.fetchEndpoint.url }],
};
