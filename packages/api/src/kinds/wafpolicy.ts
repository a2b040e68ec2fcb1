// WAFPolicy (security.policy.gloo.solo.io/v2) — gloo-api-more.md §10. Portico enforces customRuleSets written
// in the SecLang subset documented in docs/gloo-support.md; the OWASP core rule set is not shipped and a policy
// that leaves it on is reported WARNING.
import { z } from 'zod';
import { routeSelector } from '../common/refs.ts';
import { policyStatus, type PolicyStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import { WAF_POLICY_FIELDS } from '../support/fields/route-policies.ts';
import type { KindDefinition } from './definition.ts';

export const wafPolicySpec = z.object({
  applyToRoutes: z.array(routeSelector).optional(),
  config: z
    .object({
      disableCoreRuleSet: z.boolean().optional(),
      coreRuleSetSettingsString: z.string().optional(),
      coreRuleSetSettingsPath: z.string().optional(),
      customRuleSets: z
        .array(z.object({ ruleStr: z.string().optional(), files: z.array(z.string()).optional(), directory: z.string().optional() }))
        .optional(),
      customInterventionMessage: z.string().optional(),
      auditLogging: z
        .object({ action: z.enum(['NEVER', 'RELEVANT_ONLY', 'ALWAYS']).optional(), location: z.enum(['FILTER_STATE', 'DYNAMIC_METADATA']).optional() })
        .optional(),
      requestHeadersOnly: z.boolean().optional(),
      responseHeadersOnly: z.boolean().optional(),
      priority: z.number().int().min(0).optional(),
    })
    .refine((c) => !(c.coreRuleSetSettingsString !== undefined && c.coreRuleSetSettingsPath !== undefined), {
      message: 'only one of coreRuleSetSettingsString or coreRuleSetSettingsPath may be set',
      params: { rule: 'oneof core_rule_set_settings' },
    }),
});
export type WafPolicySpec = z.infer<typeof wafPolicySpec>;
export type WafPolicy = Resource<WafPolicySpec, PolicyStatus>;

export const wafPolicy: KindDefinition = {
  kind: 'WAFPolicy',
  apiVersion: 'security.policy.gloo.solo.io/v2',
  plural: 'wafpolicies',
  shortNames: ['wafp'],
  body: 'spec',
  spec: wafPolicySpec,
  status: policyStatus,
  fields: WAF_POLICY_FIELDS,
};
