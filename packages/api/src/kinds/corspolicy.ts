// CORSPolicy (security.policy.gloo.solo.io/v2) — gloo-api-more.md §5. Route level only; enforced by the
// gateway's cors filter (preflights answered before auth, Access-Control-* on responses).
import { z } from 'zod';
import { stringMatch } from '../common/matchers.ts';
import { duration, routeSelector } from '../common/refs.ts';
import { policyStatus, type PolicyStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import { CORS_POLICY_FIELDS } from '../support/fields/route-policies.ts';
import type { KindDefinition } from './definition.ts';

export const corsPolicySpec = z.object({
  applyToRoutes: z.array(routeSelector).optional(),
  config: z.object({
    allowOrigins: z.array(stringMatch).optional(),
    allowMethods: z.array(z.string()).optional(),
    allowHeaders: z.array(z.string()).optional(),
    exposeHeaders: z.array(z.string()).optional(),
    maxAge: duration.optional(),
    allowCredentials: z.boolean().optional(),
  }),
});
export type CorsPolicySpec = z.infer<typeof corsPolicySpec>;
export type CorsPolicy = Resource<CorsPolicySpec, PolicyStatus>;

export const corsPolicy: KindDefinition = {
  kind: 'CORSPolicy',
  apiVersion: 'security.policy.gloo.solo.io/v2',
  plural: 'corspolicies',
  shortNames: ['corsp'],
  body: 'spec',
  spec: corsPolicySpec,
  status: policyStatus,
  fields: CORS_POLICY_FIELDS,
  wideColumns: [{ header: 'ROUTES', value: (r) => String((r.status as PolicyStatus | undefined)?.numSelectedRoutes ?? '') }],
};
