// JWTPolicy (security.policy.gloo.solo.io/v2) — gloo-api-more.md §7. Enforced through ext-auth (its JWKS cache)
// as a preAuthz step the gateway runs before ExtAuthPolicy.
import { z } from 'zod';
import { phase } from '../common/ratelimit.ts';
import { destinationReference, destinationSelector, duration, routeSelector } from '../common/refs.ts';
import { policyStatus, type PolicyStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import { JWT_POLICY_FIELDS } from '../support/fields/route-policies.ts';
import type { KindDefinition } from './definition.ts';

export const jwtProvider = z
  .object({
    issuer: z.string().optional(),
    audiences: z.array(z.string()).optional(),
    tokenSource: z
      .object({
        headers: z.array(z.object({ name: z.string().min(1, 'Required'), prefix: z.string().optional() })).optional(),
        queryParams: z.array(z.string()).optional(),
      })
      .optional(),
    local: z
      .object({
        inline: z.string().optional(),
        secretRef: z.object({ name: z.string().min(1, 'Required'), namespace: z.string().optional(), cluster: z.string().optional(), key: z.string().optional() }).optional(),
      })
      .refine((l) => (l.inline === undefined) !== (l.secretRef === undefined), { message: 'exactly one of inline or secretRef must be set', params: { rule: 'oneof jwks_source' } })
      .optional(),
    remote: z
      .object({
        url: z.string().min(1, 'Required'),
        destinationRef: destinationReference.optional(),
        cacheDuration: duration.optional(),
        timeout: duration.optional(),
        enableAsyncFetch: z.boolean().optional(),
      })
      .optional(),
    claimsToHeaders: z.array(z.object({ claim: z.string().min(1, 'Required'), header: z.string().min(1, 'Required'), append: z.boolean().optional() })).optional(),
    keepToken: z.boolean().optional(),
    clockSkewSeconds: z.number().int().min(0).optional(),
    outputPayloadToHeader: z.string().optional(),
  })
  .refine((p) => (p.local === undefined) !== (p.remote === undefined), { message: 'exactly one of local or remote must be set', params: { rule: 'oneof jwks_source_specifier' } });
export type JwtProvider = z.infer<typeof jwtProvider>;

export const jwtPolicySpec = z.object({
  applyToRoutes: z.array(routeSelector).optional(),
  applyToDestinations: z.array(destinationSelector).optional(),
  config: z.object({
    phase: phase.optional(),
    providers: z.record(z.string(), jwtProvider).optional(),
    claims: z
      .array(
        z
          .object({ key: z.string().min(1, 'Required'), values: z.array(z.string()).optional(), notValues: z.array(z.string()).optional(), nestedClaimDelimiter: z.string().optional() })
          .refine((c) => (c.values?.length ?? 0) + (c.notValues?.length ?? 0) > 0, { message: 'at least one of values or notValues must be set', params: { rule: 'has(self.values) || has(self.notValues)' } }),
      )
      .optional(),
    requiredScopes: z.array(z.string()).optional(),
    validationPolicy: z.enum(['REQUIRE_VALID', 'ALLOW_MISSING', 'ALLOW_MISSING_OR_FAILED']).optional(),
    allowMissingOrFailed: z.boolean().optional(),
    clearRouteCache: z.enum(['AUTO', 'FALSE', 'TRUE']).optional(),
  }),
});
export type JwtPolicySpec = z.infer<typeof jwtPolicySpec>;
export type JwtPolicy = Resource<JwtPolicySpec, PolicyStatus>;

export const jwtPolicy: KindDefinition = {
  kind: 'JWTPolicy',
  apiVersion: 'security.policy.gloo.solo.io/v2',
  plural: 'jwtpolicies',
  shortNames: ['jwtp'],
  body: 'spec',
  spec: jwtPolicySpec,
  status: policyStatus,
  fields: JWT_POLICY_FIELDS,
};
