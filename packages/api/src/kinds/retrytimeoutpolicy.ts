// RetryTimeoutPolicy (resilience.policy.gloo.solo.io/v2) — gloo-api-more.md §9. CEL: retries or
// requestTimeout; attempts 0 disables retries and then allows no other retry field.
import { z } from 'zod';
import { destinationSelector, duration, durationMs, routeSelector } from '../common/refs.ts';
import { policyStatus, type PolicyStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import { RETRY_TIMEOUT_POLICY_FIELDS } from '../support/fields/route-policies.ts';
import type { KindDefinition } from './definition.ts';

const atLeastOneMs = (d: string | undefined) => d === undefined || durationMs(d) >= 1;

export const retryTimeoutPolicySpec = z.object({
  applyToRoutes: z.array(routeSelector).optional(),
  applyToDestinations: z.array(destinationSelector).optional(),
  config: z
    .object({
      retries: z
        .object({
          attempts: z.number().int().min(0).optional(),
          perTryTimeout: duration.optional(),
          retryOn: z.string().optional(),
          retryRemoteLocalities: z.boolean().optional(),
        })
        .refine((r) => r.attempts !== 0 || (r.perTryTimeout === undefined && r.retryOn === undefined && r.retryRemoteLocalities === undefined), {
          message: 'when attempts is 0 (retries disabled) no other retry field may be set',
          params: { rule: 'self.attempts != 0 || size(self) == 1' },
        })
        .optional(),
      requestTimeout: duration.optional(),
    })
    .refine((c) => c.retries !== undefined || c.requestTimeout !== undefined, {
      message: 'at least one of retries or requestTimeout must be set',
      params: { rule: 'has(self.retries) || has(self.requestTimeout)' },
    })
    .refine((c) => atLeastOneMs(c.requestTimeout) && atLeastOneMs(c.retries?.perTryTimeout), {
      message: 'timeouts must be at least 1ms',
      params: { rule: 'duration >= 1ms' },
    }),
});
export type RetryTimeoutPolicySpec = z.infer<typeof retryTimeoutPolicySpec>;
export type RetryTimeoutPolicy = Resource<RetryTimeoutPolicySpec, PolicyStatus>;

export const retryTimeoutPolicy: KindDefinition = {
  kind: 'RetryTimeoutPolicy',
  apiVersion: 'resilience.policy.gloo.solo.io/v2',
  plural: 'retrytimeoutpolicies',
  shortNames: ['rtp'],
  body: 'spec',
  spec: retryTimeoutPolicySpec,
  status: policyStatus,
  fields: RETRY_TIMEOUT_POLICY_FIELDS,
};
