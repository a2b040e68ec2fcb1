// WAFPolicy → the gateway's WAF filter (gloo-api-more.md §10). customRuleSets[].ruleStr is parsed here with the
// gateway's own SecLang parser so every problem (unsupported directive, variable, operator, action) is named in
// the policy status; the OWASP core rule set is not shipped, so a policy that leaves it on is WARNING.
import type { Resource, WafPolicySpec } from '@portico/api';
import { parseRuleSets } from '@portico/gateway';
import type { Compiled } from '../route-policies/policies.ts';

export interface WafPolicyConfig {
  name: string;
  ruleSets: string[];
  interventionMessage: string | null;
  requestHeadersOnly: boolean;
  responseHeadersOnly: boolean;
}

export const CRS_NOT_AVAILABLE = 'the OWASP core rule set is not available in Portico (set disableCoreRuleSet: true); only customRuleSets are enforced';

export function compileWaf(p: Resource<WafPolicySpec>): Compiled<WafPolicyConfig> {
  const c = p.spec.config;
  const warnings: string[] = [];
  if (c.disableCoreRuleSet !== true) warnings.push(CRS_NOT_AVAILABLE);
  const ruleSets: string[] = [];
  for (const rs of c.customRuleSets ?? []) {
    if (rs.ruleStr !== undefined) ruleSets.push(rs.ruleStr);
  }
  const parsed = parseRuleSets(ruleSets);
  for (const m of parsed.problems) warnings.push(`config.customRuleSets: ${m}`);
  if (parsed.engine === 'Off') warnings.push('SecRuleEngine Off: no rule is enforced');
  if (parsed.engine === 'DetectionOnly') warnings.push('SecRuleEngine DetectionOnly: matches are logged, not blocked');
  if (parsed.rules.length === 0) warnings.push('no enforceable rule in customRuleSets');
  return {
    value: { name: `${p.metadata.namespace}.${p.metadata.name}`, ruleSets, interventionMessage: c.customInterventionMessage ?? null, requestHeadersOnly: c.requestHeadersOnly ?? false, responseHeadersOnly: c.responseHeadersOnly ?? false },
    error: null,
    warnings,
  };
}

/** Ascending priority (unset last among equals? Gloo: ascending priority, else creation order). */
export function wafOrder(a: Resource<WafPolicySpec>, b: Resource<WafPolicySpec>): number {
  const pa = a.spec.config.priority ?? Number.MAX_SAFE_INTEGER;
  const pb = b.spec.config.priority ?? Number.MAX_SAFE_INTEGER;
  return pa - pb;
}
