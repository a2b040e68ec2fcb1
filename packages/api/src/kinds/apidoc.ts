// ApiDoc (apimanagement.gloo.solo.io/v2): an API's schema (gloo-api.md §5.3). Gloo disables status for ApiDocs;
// Portico reports one anyway so a broken inline document is visible.
import { z } from 'zod';
import { destinationSelector } from '../common/refs.ts';
import { glooStatus } from '../status.ts';
import type { KindDefinition } from './definition.ts';
import { API_DOC_FIELDS } from '../support/fields/portal.ts';

export const apiDocSpec = z
  .object({
    openapi: z.object({ inlineString: z.string({ error: 'Required' }).min(1, 'Required') }).optional(),
    grpc: z.object({ descriptors: z.string().optional() }).optional(),
    graphql: z.object({ schemaDefinition: z.string().optional() }).optional(),
    servedBy: z.array(z.object({ destinationSelector: destinationSelector.optional() })).optional(),
  })
  .refine((s) => [s.openapi, s.grpc, s.graphql].filter((x) => x !== undefined).length === 1, {
    message: 'exactly one of openapi, grpc or graphql must be set',
    params: { rule: 'oneof schema_source' },
  });
export type ApiDocSpec = z.infer<typeof apiDocSpec>;

export const apiDoc: KindDefinition = {
  kind: 'ApiDoc',
  apiVersion: 'apimanagement.gloo.solo.io/v2',
  plural: 'apidocs',
  shortNames: ['ad'],
  body: 'spec',
  spec: apiDocSpec,
  fields: API_DOC_FIELDS,
  status: glooStatus,
  wideColumns: [{ header: 'TYPE', value: (r) => ['openapi', 'grpc', 'graphql'].find((k) => (r.spec as Record<string, unknown>)[k] !== undefined) ?? '' }],
};
