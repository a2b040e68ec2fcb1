// opaAuth: Rego modules + a query, prepared once per config (Contract 7), evaluated per request against the
// §2.7 input document. Any evaluation error denies (fail closed) and is counted as an error.
import { fail, ok, type Result } from '../../errors.ts';
import type { StepDeps } from '../../pipeline/deps.ts';
import { deny, success, type AuthStep, type StepOutcome } from '../../pipeline/step.ts';
import type { OpaAuthConfig } from './config.ts';
import { decisionOf } from './decision.ts';
import { opaInputOf } from './input.ts';
import { createHash } from 'node:crypto';
import { formatRegoErrors, type RegoError } from './rego-api.ts';

const EVAL_LIMITS = { timeoutMs: 1000, maxSteps: 1_000_000 };
/** After a policy ran out of its inline budget, its evaluations go to the worker for this long, then try inline again. */
const HEAVY_FOR_MS = 10_000;

type EvalResult = { ok: true; results: Array<{ expressions: unknown[]; bindings: Record<string, unknown> }> } | { ok: false; errors: RegoError[] };
const outOfTime = (r: EvalResult) => !r.ok && r.errors.some((e) => e.code === 'eval_limit_error' && /time limit/.test(e.message));

export function createOpaAuth(name: string, config: OpaAuthConfig, deps: StepDeps): Result<AuthStep> {
  if (typeof config.query !== 'string' || config.query.trim() === '') return fail('AUTH_CONFIG_INVALID', 'opaAuth.query is required');
  if (deps.rego === null) return fail('AUTH_CONFIG_INVALID', 'opaAuth: no Rego engine available');
  const prepared = deps.rego.prepare({ modules: config.modules ?? {}, query: config.query });
  if (!prepared.ok) return fail('AUTH_CONFIG_INVALID', formatRegoErrors(prepared.errors));
  const query = prepared.value;
  const withReason = config.options?.returnDecisionReason === true;
  const offload = deps.regoOffload ?? null;
  const modules = config.modules ?? {};
  const key = createHash('sha256').update(JSON.stringify([modules, config.query])).digest('base64url');
  const inlineLimits = offload === null ? EVAL_LIMITS : { maxSteps: EVAL_LIMITS.maxSteps, timeoutMs: offload.inlineBudgetMs };
  let heavyUntil = 0;

  /**
   * Inline within the budget (synchronous with the default engine); past it (or while known heavy), on the worker
   * with the full limits.
   */
  function run(input: unknown): EvalResult | Promise<EvalResult> {
    if (offload !== null && deps.now() < heavyUntil) return offload.pool.run({ key, modules, query: config.query, input, limits: EVAL_LIMITS });
    const inline = query.eval({ input, limits: inlineLimits }) as EvalResult | Promise<EvalResult>;
    return inline instanceof Promise ? inline.then((r) => offloadIfOutOfTime(r, input)) : offloadIfOutOfTime(inline, input);
  }

  function offloadIfOutOfTime(inline: EvalResult, input: unknown): EvalResult | Promise<EvalResult> {
    if (offload === null || !outOfTime(inline)) return inline;
    heavyUntil = deps.now() + HEAVY_FOR_MS;
    return offload.pool.run({ key, modules, query: config.query, input, limits: EVAL_LIMITS });
  }

  const threw = (err: unknown): StepOutcome => deny({ type: 'error', code: 'AUTH_OPA_ERROR', reason: `opa eval threw: ${(err as Error).message}` });

  function evaluate(ctx: Parameters<AuthStep['evaluate']>[0]): StepOutcome | Promise<StepOutcome> {
    let res;
    try {
      res = run(opaInputOf(ctx));
    } catch (err) {
      return threw(err);
    }
    return res instanceof Promise ? res.then(decided, threw) : decided(res);
  }

  function decided(res: EvalResult): StepOutcome {
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
