// AuthConfigSpec → AuthPipeline: every step built by its registered factory (config validated once),
// booleanExpr parsed against the step names. On any error the steps built so far are closed again.
import { fail, ok, type Result } from '../errors.ts';
import type { StepFactory, AuthStep } from './step.ts';
import { STEP_FACTORIES } from '../steps/registry.ts';
import type { AuthConfigSpec } from '../types.ts';
import { parseBoolExpr, type BoolExpr } from './bool-expr.ts';
import type { StepDeps } from './deps.ts';
import { AuthPipeline } from './pipeline.ts';

export function compileAuthConfig(configId: string, spec: AuthConfigSpec, deps: StepDeps): Result<AuthPipeline> {
  if (!Array.isArray(spec.configs) || spec.configs.length === 0) return fail('AUTH_CONFIG_INVALID', `No configurations for auth config ${configId}`);
  const steps: AuthStep[] = [];
  const names = new Set<string>();
  const abort = <T>(r: Result<T> & { ok: false }) => {
    for (const s of steps) s.close();
    return r;
  };
  for (const [i, c] of spec.configs.entries()) {
    const name = c.name || `config_${i}`;
    if (names.has(name)) return abort(fail('AUTH_CONFIG_INVALID', `configs[${i}]: duplicate config name "${name}"`));
    names.add(name);
    const factory = (STEP_FACTORIES as Record<string, StepFactory<unknown> | undefined>)[c.kind];
    if (!factory) return abort(fail('AUTH_CONFIG_UNKNOWN_STEP', `configs[${i}]: unsupported auth config type "${c.kind}"`));
    const step = factory(name, c.config, deps);
    if (!step.ok) return abort(fail(step.code, `configs[${i}] (${name}): ${step.message}`));
    steps.push(step.value);
  }
  let expr: BoolExpr | null = null;
  if (spec.booleanExpr) {
    const parsed = parseBoolExpr(spec.booleanExpr, names);
    if (!parsed.ok) return abort(parsed);
    expr = parsed.value;
  }
  return ok(new AuthPipeline(configId, steps, expr, spec.failOnRedirect === true));
}
