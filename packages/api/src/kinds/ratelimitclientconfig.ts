// RateLimitClientConfig (trafficcontrol.policy.gloo.solo.io/v2): reusable client-side actions.
import { z } from 'zod';
import { rateLimitActions } from '../common/ratelimit.ts';
import { glooStatus } from '../status.ts';
import type { KindDefinition } from './definition.ts';
import { RATE_LIMIT_CLIENT_CONFIG_FIELDS } from '../support/fields/policies.ts';

export const rateLimitClientConfigSpec = z.object({
  raw: z.object({ rateLimits: z.array(rateLimitActions).optional() }).optional(),
});
export type RateLimitClientConfigSpec = z.infer<typeof rateLimitClientConfigSpec>;

export const rateLimitClientConfig: KindDefinition = {
  kind: 'RateLimitClientConfig',
  apiVersion: 'trafficcontrol.policy.gloo.solo.io/v2',
  plural: 'ratelimitclientconfigs',
  shortNames: ['rlcc'],
  body: 'spec',
  spec: rateLimitClientConfigSpec,
  fields: RATE_LIMIT_CLIENT_CONFIG_FIELDS,
  status: glooStatus,
};
