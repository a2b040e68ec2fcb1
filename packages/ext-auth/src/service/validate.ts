// Compile-only check of an AuthConfigSpec, for the control plane's AuthConfig status: runs every step factory
// (Rego compiled, JWKS documents parsed, URLs checked) without starting any timer or network call.
import { compileAuthConfig } from '../pipeline/compile.ts';
import { silentLogger, type StepDeps } from '../pipeline/deps.ts';
import { JwksRegistry } from '../jwt/jwks-registry.ts';
import type { RegoApi } from '../steps/opa/rego-api.ts';
import type { AuthConfigSpec } from '../types.ts';
import { defaultRego } from './default-rego.ts';
import type { AuthFailure } from '../errors.ts';

const noFetch = (async () => {
  throw new Error('no network while validating');
}) as typeof fetch;

export function validateAuthConfig(configId: string, spec: AuthConfigSpec, rego: RegoApi | null = defaultRego): { ok: true } | AuthFailure {
  const deps: StepDeps = {
    now: Date.now,
    fetch: noFetch,
    logger: silentLogger,
    jwks: new JwksRegistry({ fetch: noFetch, now: Date.now, logger: silentLogger }),
    rego,
    mode: 'validate',
  };
  const r = compileAuthConfig(configId, spec, deps);
  if (!r.ok) return r;
  r.value.close();
  return { ok: true };
}
