// ExtAuthPolicy (security.policy.gloo.solo.io/v2) — gloo-api.md §2.1.
import { z } from 'zod';
import { authConfigSpec } from '../auth/spec.ts';
import { destinationSelector, objectReference, routeSelector } from '../common/refs.ts';
import { policyStatus, type PolicyStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import type { KindDefinition } from './definition.ts';
import { EXT_AUTH_POLICY_FIELDS } from '../support/fields/policies.ts';

export const extAuthPolicySpec = z.object({
  applyToRoutes: z.array(routeSelector).optional(),
  applyToDestinations: z.array(destinationSelector).optional(),
  config: z
    .object({
      server: objectReference.optional(),
      glooAuth: authConfigSpec.optional(),
      customAuth: z.object({ contextExtensions: z.record(z.string(), z.string()).optional() }).optional(),
      disable: z.boolean().optional(),
    })
    .superRefine((c, ctx) => {
      if (c.disable !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'The disable field is currently unsupported', path: ['disable'], params: { rule: '!has(self.disable)' } });
      }
      if (c.glooAuth !== undefined && c.customAuth !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'only one of glooAuth or customAuth may be set', path: ['customAuth'], params: { rule: 'oneof config_type' } });
      }
    }),
});
export type ExtAuthPolicySpec = z.infer<typeof extAuthPolicySpec>;
export type ExtAuthPolicy = Resource<ExtAuthPolicySpec, PolicyStatus>;

export const extAuthPolicy: KindDefinition = {
  kind: 'ExtAuthPolicy',
  apiVersion: 'security.policy.gloo.solo.io/v2',
  plural: 'extauthpolicies',
  shortNames: ['eap'],
  body: 'spec',
  spec: extAuthPolicySpec,
  fields: EXT_AUTH_POLICY_FIELDS,
  status: policyStatus,
  wideColumns: [
    { header: 'SERVER', value: (r) => (r.spec as ExtAuthPolicySpec).config.server?.name ?? '' },
    { header: 'ROUTES', value: (r) => String((r.status as PolicyStatus | undefined)?.numSelectedRoutes ?? '') },
  ],
};
