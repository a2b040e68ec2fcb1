// WAFPolicy at the gateway (gloo-api-more.md §10): the route's policies in order, each a set of SecLang rules
// (seclang/), phase 1 (headers) then phase 2 (body) rules. The first matching `deny` answers with the rule's
// status (default 403), `content-type: text/plain` and the policy's customInterventionMessage as body.
// SecRuleEngine DetectionOnly reports matches without blocking; Off skips the policy.
import type { WafFilterConfig } from '../../config/filters.ts';
import { parseRuleSets, type RuleSet, type SecRule } from './seclang/parse.ts';
import { collectValues, type WafRequest } from './seclang/variables.ts';

/** Bodies larger than this are inspected up to this size (ModSecurity's ProcessPartial) and forwarded whole. */
export const WAF_MAX_BODY_BYTES = 1024 * 1024;

export interface WafMatch {
  policy: string;
  ruleId: string;
  msg: string;
  status: number;
  /** false for SecRuleEngine DetectionOnly. */
  enforced: boolean;
  body: string;
}

export interface CompiledWaf {
  /** Some enforced rule reads the body (and body access is on). */
  readonly needsBody: boolean;
  /** The first deny of the request phases (1, 2), enforced or detected, or null when the request passes. */
  evaluate(r: WafRequest): WafMatch | null;
  /** Some policy has response-phase rules (3, 4). */
  readonly hasResponseRules: boolean;
  /** Some enforced phase-4 rule reads RESPONSE_BODY with SecResponseBodyAccess On: the response is buffered. */
  readonly needsResponseBody: boolean;
  /** The first deny of the response phases (3, 4); `r.response` is set. */
  evaluateResponse(r: WafRequest): WafMatch | null;
  readonly problems: readonly string[];
}

interface CompiledPolicy {
  name: string;
  set: RuleSet;
  message: string;
  bodyAllowed: boolean;
  responseBodyAllowed: boolean;
}

export function compileWaf(c: WafFilterConfig): CompiledWaf {
  const policies: CompiledPolicy[] = c.policies.map((p) => ({
    name: p.name,
    set: parseRuleSets(p.ruleSets),
    message: p.interventionMessage ?? '',
    bodyAllowed: !p.requestHeadersOnly,
    responseBodyAllowed: p.responseHeadersOnly !== true,
  }));
  const active = policies.filter((p) => p.set.engine !== 'Off');
  const hasResponseRules = active.some((p) => p.set.rules.some((r) => r.phase >= 3));
  const needsResponseBody = active.some((p) => p.set.responseBodyAccess && p.responseBodyAllowed && p.set.rules.some((r) => r.phase === 4));
  const run = (r: WafRequest, phases: readonly (1 | 2 | 3 | 4)[]): WafMatch | null => {
    for (const p of active) {
      const view = p.set.requestBodyAccess && p.bodyAllowed ? r : { ...r, body: '', argsPost: [] };
      const seen = (p.set.responseBodyAccess && p.responseBodyAllowed) || view.response === null ? view : { ...view, response: { ...view.response, body: '' } };
      for (const phase of phases) {
        for (const rule of p.set.rules) {
          if (rule.phase !== phase || !ruleMatches(rule, seen)) continue;
          if (rule.disruptive === 'allow') break;
          if (rule.disruptive === 'pass') continue;
          return { policy: p.name, ruleId: rule.id, msg: rule.msg, status: rule.status, enforced: p.set.engine === 'On', body: p.message };
        }
      }
    }
    return null;
  };
  const needsBody = policies.some((p) => p.set.engine !== 'Off' && p.set.requestBodyAccess && p.bodyAllowed && p.set.rules.some((r) => r.needsBody && r.phase === 2));
  return {
    needsBody,
    problems: policies.flatMap((p) => p.set.problems.map((m) => `${p.name}: ${m}`)),
    hasResponseRules,
    needsResponseBody,
    evaluate: (r) => run(r, [1, 2]),
    evaluateResponse: (r) => run(r, [3, 4]),
  };
}

function ruleMatches(rule: SecRule, r: WafRequest): boolean {
  if (!matchesOne(rule, r)) return false;
  for (const c of rule.chain) if (!matchesOne(c, r)) return false;
  return true;
}

function matchesOne(rule: SecRule, r: WafRequest): boolean {
  for (let v of collectValues(rule.targets, r)) {
    for (const t of rule.transforms) v = t(v);
    if (rule.operator(v)) return true;
  }
  return false;
}
