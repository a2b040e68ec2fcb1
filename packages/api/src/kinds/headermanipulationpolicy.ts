// HeaderManipulationPolicy (trafficcontrol.policy.gloo.solo.io/v2) — gloo-api-more.md §8. Removes run first,
// then the appends (which add even when the header is present).
import { z } from 'zod';
import { destinationSelector, routeSelector } from '../common/refs.ts';
import { policyStatus, type PolicyStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import { HEADER_MANIPULATION_POLICY_FIELDS } from '../support/fields/route-policies.ts';
import type { KindDefinition } from './definition.ts';

export const headerManipulationPolicySpec = z.object({
  applyToRoutes: z.array(routeSelector).optional(),
  applyToRouteDestinations: z
    .array(z.object({ route: routeSelector.optional(), onDestinations: z.array(destinationSelector).optional() }))
    .optional(),
  config: z.object({
    appendRequestHeaders: z.record(z.string(), z.string()).optional(),
    appendResponseHeaders: z.record(z.string(), z.string()).optional(),
    removeRequestHeaders: z.array(z.string()).optional(),
    removeResponseHeaders: z.array(z.string()).optional(),
  }),
});
export type HeaderManipulationPolicySpec = z.infer<typeof headerManipulationPolicySpec>;
export type HeaderManipulationPolicy = Resource<HeaderManipulationPolicySpec, PolicyStatus>;

export const headerManipulationPolicy: KindDefinition = {
  kind: 'HeaderManipulationPolicy',
  apiVersion: 'trafficcontrol.policy.gloo.solo.io/v2',
  plural: 'headermanipulationpolicies',
  shortNames: ['hmp'],
  body: 'spec',
  spec: headerManipulationPolicySpec,
  status: policyStatus,
  fields: HEADER_MANIPULATION_POLICY_FIELDS,
};
