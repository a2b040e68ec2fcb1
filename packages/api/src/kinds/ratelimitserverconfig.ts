// RateLimitServerConfig (admin.gloo.solo.io/v2): the limits per descriptor (gloo-api.md §5.2).
import { z } from 'zod';
import { descriptor, setDescriptor } from '../common/ratelimit.ts';
import { destinationReference } from '../common/refs.ts';
import { glooStatus } from '../status.ts';
import type { KindDefinition } from './definition.ts';
import { RATE_LIMIT_SERVER_CONFIG_FIELDS } from '../support/fields/admin.ts';

export const rateLimitServerConfigSpec = z.object({
  raw: z.object({ descriptors: z.array(descriptor).optional(), setDescriptors: z.array(setDescriptor).optional() }).optional(),
  // REQUIRED in Gloo (gloo-api-more.md §12): DestinationReferences `{ref: {name, namespace, cluster}, port: {name |
  // number}}`, the form ExtAuthServer and RateLimitServerSettings take. Portico runs its rate limiter in-process,
  // so a missing list means "the built-in server" and a given one is recorded, not dialled.
  destinationServers: z.array(destinationReference).optional(),
});
export type RateLimitServerConfigSpec = z.infer<typeof rateLimitServerConfigSpec>;

export const rateLimitServerConfig: KindDefinition = {
  kind: 'RateLimitServerConfig',
  apiVersion: 'admin.gloo.solo.io/v2',
  plural: 'ratelimitserverconfigs',
  shortNames: ['rlsc'],
  body: 'spec',
  spec: rateLimitServerConfigSpec,
  fields: RATE_LIMIT_SERVER_CONFIG_FIELDS,
  status: glooStatus,
};
