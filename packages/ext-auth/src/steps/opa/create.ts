// opaAuth: Rego modules + a query, prepared once per config (Contract 7), evaluated per request against the
// §2.7 input document. Any evaluation error denies (fail closed) and is counted as an error.
import { fail, ok, type Result } from '../../errors.ts';
import type { StepDeps } from '../../pipeline/deps.ts';
import { deny, success, type AuthStep, type StepOutcome } from '../../pipeline/step.ts';
import type { OpaAuthConfig } from './config.ts';
import { decisionOf } from './decision.ts';
import { opaInputOf } from './input.ts';
import { formatRegoErrors } from './rego-api.ts';

const EVAL_LIMITS = { timeoutMs: 1000, maxSteps: 1_000_000 };

export function createOpaAuth(name: string, config: OpaAuthConfig, deps: StepDeps): Result<AuthStep> {
  if (typeof config.query !== 'string' || config.query.trim() === '') return fail('AUTH_CONFIG_INVALID', 'opaAuth.query is required');
  if (deps.rego === null) return fail('AUTH_CONFIG_INVALID', 'opaAuth: no Rego engine available');
  const prepared = deps.rego.prepare({ modules: config.modules ?? {}, query: config.query });
  if (!prepared.ok) return fail('AUTH_CONFIG_INVALID', formatRegoErrors(prepared.errors));
  const query = prepared.value;
  const withReason = config.options?.returnDecisionReason === true;

  async function evaluate(ctx: Parameters<AuthStep['evaluate']>[0]): Promise<StepOutcome> {
    let res;
    try {
      res = await query.eval({ input: opaInputOf(ctx), limits: EVAL_LIMITS });
    } catch (err) {
      return deny({ type: 'error', code: 'AUTH_OPA_ERROR', reason: `opa eval threw: ${(err as Error).message}` });
    }
    if (!res.ok) return deny({ type: 'error', code: 'AUTH_OPA_ERROR', reason: formatRegoErrors(res.errors) });
    const d = decisionOf(res.results);
    if (d.allow) {
      const md = withReason ? { ...d.dynamicMetadata, [name]: { reason: { allowed: true, body: '' } } } : d.dynamicMetadata;
      return success({ headersToSet: d.headers, responseHeadersToAdd: d.responseHeadersToAdd, headersToRemove: d.headersToRemove, dynamicMetadata: md });
    }
    if (d.status === null && d.headers.length === 0 && d.body === '') return deny({ type: 'forbidden', code: 'AUTH_OPA_DENIED', reason: `${name}: ${d.why}` });
    return deny({ type: 'response', code: 'AUTH_OPA_DENIED', reason: `${name}: ${d.why}`, status: d.status, headers: d.headers, body: d.body });
  }

  return ok({ kind: 'opaAuth', name, evaluate, close() {} });
}
