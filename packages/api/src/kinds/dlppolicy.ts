// DLPPolicy (security.policy.gloo.solo.io/v2) — gloo-api-more.md §11: mask sensitive data in response bodies
// and access logs.
import { z } from 'zod';
import { routeSelector } from '../common/refs.ts';
import { policyStatus, type PolicyStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import { DLP_POLICY_FIELDS } from '../support/fields/route-policies.ts';
import type { KindDefinition } from './definition.ts';

export const DLP_PREDEFINED_ACTIONS = [
  'ALL_CREDIT_CARDS', 'SSN', 'MASTERCARD', 'VISA', 'AMEX', 'DISCOVER', 'JCB', 'DINERS_CLUB', 'CREDIT_CARD_TRACKERS',
] as const;

/** Gloo writes percent as a number or as `{value}` (google.type Percent). */
const percent = z.union([z.number().min(0).max(100), z.object({ value: z.number().min(0).max(100) })]);

export const dlpAction = z
  .object({
    predefinedAction: z.enum(DLP_PREDEFINED_ACTIONS).optional(),
    customAction: z
      .object({
        name: z.string().optional(),
        maskChar: z.string().max(1).optional(),
        percent: percent.optional(),
        regexActions: z.array(z.object({ regex: z.string().min(1, 'Required'), subgroup: z.number().int().min(0).optional() })).optional(),
      })
      .optional(),
    keyValueAction: z
      .object({ name: z.string().optional(), maskChar: z.string().max(1).optional(), percent: percent.optional(), keysToMask: z.array(z.string()).optional() })
      .optional(),
    shadow: z.boolean().optional(),
  })
  .refine((a) => [a.predefinedAction, a.customAction, a.keyValueAction].filter((x) => x !== undefined).length <= 1, {
    message: 'only one of predefinedAction, customAction or keyValueAction may be set',
    params: { rule: 'oneof action_type' },
  });
export type DlpAction = z.infer<typeof dlpAction>;

export const dlpPolicySpec = z.object({
  applyToRoutes: z.array(routeSelector).optional(),
  config: z.object({
    sanitize: z.enum(['ALL', 'ACCESS_LOGS', 'RESPONSE_BODY']).optional(),
    actions: z.array(dlpAction).optional(),
  }),
});
export type DlpPolicySpec = z.infer<typeof dlpPolicySpec>;
export type DlpPolicy = Resource<DlpPolicySpec, PolicyStatus>;

export const dlpPolicy: KindDefinition = {
  kind: 'DLPPolicy',
  apiVersion: 'security.policy.gloo.solo.io/v2',
  plural: 'dlppolicies',
  shortNames: ['dlpp'],
  body: 'spec',
  spec: dlpPolicySpec,
  status: policyStatus,
  fields: DLP_POLICY_FIELDS,
};
