// ExternalEndpoint (networking.gloo.solo.io/v2): one address behind an ExternalService that selects it by labels.
import { z } from 'zod';
import { glooStatus } from '../status.ts';
import type { KindDefinition } from './definition.ts';
import { EXTERNAL_ENDPOINT_FIELDS } from '../support/fields/routing.ts';

export const externalEndpointSpec = z.object({
  address: z.string({ error: 'Required' }).min(1, 'Required'),
  ports: z.array(z.object({ name: z.string().optional(), number: z.number({ error: 'Required' }).int().min(1).max(65535) })).optional(),
  subsetLabels: z.record(z.string(), z.string()).optional(),
});
export type ExternalEndpointSpec = z.infer<typeof externalEndpointSpec>;

export const externalEndpoint: KindDefinition = {
  kind: 'ExternalEndpoint',
  apiVersion: 'networking.gloo.solo.io/v2',
  plural: 'externalendpoints',
  shortNames: ['ee'],
  body: 'spec',
  spec: externalEndpointSpec,
  fields: EXTERNAL_ENDPOINT_FIELDS,
  status: glooStatus,
  wideColumns: [{ header: 'ADDRESS', value: (r) => (r.spec as ExternalEndpointSpec).address }],
};
