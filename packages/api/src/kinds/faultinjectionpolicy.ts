// FaultInjectionPolicy (resilience.policy.gloo.solo.io/v2) — gloo-api-more.md §9: delay and/or abort a share of a
// route's requests (delay first). CEL: delay or abort.
import { z } from 'zod';
import { duration, durationMs, routeSelector } from '../common/refs.ts';
import { policyStatus, type PolicyStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import { FAULT_INJECTION_POLICY_FIELDS } from '../support/fields/route-policies.ts';
import type { KindDefinition } from './definition.ts';

/** `0`, or 0.0001–100; omitted = every request. */
const percentage = z.number().refine((p) => p === 0 || (p >= 0.0001 && p <= 100), { message: 'percentage must be 0 or between 0.0001 and 100', params: { rule: 'self == 0.0 || (self >= 0.0001 && self <= 100.0)' } });

export const faultInjectionPolicySpec = z.object({
  applyToRoutes: z.array(routeSelector).optional(),
  config: z
    .object({
      delay: z
        .object({
          fixedDelay: duration.refine((d) => durationMs(d) >= 1, { message: 'fixedDelay must be at least 1ms', params: { rule: "duration(self) >= duration('1ms')" } }),
          percentage: percentage.optional(),
        })
        .optional(),
      abort: z.object({ httpStatus: z.number().int().min(200).max(599), percentage: percentage.optional() }).optional(),
    })
    .refine((c) => c.delay !== undefined || c.abort !== undefined, { message: 'at least one of delay or abort must be set', params: { rule: 'has(self.delay) || has(self.abort)' } }),
});
export type FaultInjectionPolicySpec = z.infer<typeof faultInjectionPolicySpec>;
export type FaultInjectionPolicy = Resource<FaultInjectionPolicySpec, PolicyStatus>;

export const faultInjectionPolicy: KindDefinition = {
  kind: 'FaultInjectionPolicy',
  apiVersion: 'resilience.policy.gloo.solo.io/v2',
  plural: 'faultinjectionpolicies',
  shortNames: ['fip'],
  body: 'spec',
  spec: faultInjectionPolicySpec,
  status: policyStatus,
  fields: FAULT_INJECTION_POLICY_FIELDS,
};
