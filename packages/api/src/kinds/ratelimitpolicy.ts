// RateLimitPolicy (trafficcontrol.policy.gloo.solo.io/v2) — gloo-api.md §5.2.
import { z } from 'zod';
import { phase, rateLimitActions } from '../common/ratelimit.ts';
import { destinationSelector, objectReference, routeSelector } from '../common/refs.ts';
import { policyStatus, type PolicyStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import type { KindDefinition } from './definition.ts';
import { RATE_LIMIT_POLICY_FIELDS } from '../support/fields/policies.ts';

export const rateLimitPolicySpec = z.object({
  applyToRoutes: z.array(routeSelector).optional(),
  applyToDestinations: z.array(destinationSelector).optional(),
  config: z
    .object({
      phase: phase.optional(),
      ratelimitServerConfig: objectReference.optional(),
      serverSettings: objectReference.optional(),
      raw: z.object({ rateLimits: z.array(rateLimitActions).optional() }).optional(),
      ratelimitClientConfig: objectReference.optional(),
    })
    .refine((c) => !(c.raw !== undefined && c.ratelimitClientConfig !== undefined), {
      message: 'only one of raw or ratelimitClientConfig may be set',
      params: { rule: 'oneof rate_limit_config' },
    }),
});
export type RateLimitPolicySpec = z.infer<typeof rateLimitPolicySpec>;
export type RateLimitPolicy = Resource<RateLimitPolicySpec, PolicyStatus>;

export const rateLimitPolicy: KindDefinition = {
  kind: 'RateLimitPolicy',
  apiVersion: 'trafficcontrol.policy.gloo.solo.io/v2',
  plural: 'ratelimitpolicies',
  shortNames: ['rlp'],
  body: 'spec',
  spec: rateLimitPolicySpec,
  fields: RATE_LIMIT_POLICY_FIELDS,
  status: policyStatus,
  wideColumns: [{ header: 'SERVER CONFIG', value: (r) => (r.spec as RateLimitPolicySpec).config.ratelimitServerConfig?.name ?? '' }],
};
