// oauth2.accessTokenValidation (gloo-api.md §2.5): a bearer token validated as a JWT (remote or inline JWKS)
// or by RFC 7662 introspection, optionally enriched by userinfo; required scopes; claims into
// `state.jwtAccessToken` (JWT) / `state.introspection` (introspection, userinfo), claims to headers and to
// dynamic metadata. Whole successful outcomes are cached by token hash until min(exp, cacheTimeout).
import { fail, ok, type AuthErrorCode, type Result } from '../../errors.ts';
import type { Claims } from '../../jwt/claims.ts';
import { TokenCache } from '../../jwt/token-cache.ts';
import type { AuthContext } from '../../pipeline/context.ts';
import type { StepDeps } from '../../pipeline/deps.ts';
import { deny, success, type AuthStep, type StepOutcome, type StepSuccess } from '../../pipeline/step.ts';
import type { AccessTokenValidationConfig } from './config.ts';
import { createIntrospector, fetchUserinfo, isHttpUrl } from './introspection.ts';
import { createJwtValidator } from './jwt-validator.ts';
import { extractBearerToken } from './token-source.ts';

const DEFAULT_CACHE_TIMEOUT_MS = 10 * 60_000;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function createAccessTokenValidation(name: string, config: AccessTokenValidationConfig, deps: StepDeps): Result<AuthStep> {
  const bad = (msg: string) => fail('AUTH_CONFIG_INVALID', `accessTokenValidation: ${msg}`);
  const jwtCfg = config.jwt ?? null;
  const introCfg = config.introspection ?? null;
  if ((jwtCfg === null) === (introCfg === null)) return bad('exactly one of jwt or introspection is required');
  const cacheTimeoutMs = config.cacheTimeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS;
  if (!(cacheTimeoutMs >= 0)) return bad('cacheTimeout must not be negative');
  const userinfoUrl = config.userinfoUrl ?? null;
  if (userinfoUrl !== null && !isHttpUrl(userinfoUrl)) return bad('userinfoUrl must be an http(s) URL');
  const requiredScopes = config.requiredScopes ?? [];
  if (!requiredScopes.every((s) => typeof s === 'string' && s !== '' && !s.includes(' '))) return bad('requiredScopes entries must be non-empty strings without spaces');
  const metaFromClaims = Object.entries(config.dynamicMetadataFromClaims ?? {});
  const claimsToHeaders = config.claimsToHeaders ?? [];
  for (const c of claimsToHeaders) {
    if (!c.claim || !HEADER_NAME.test(c.header ?? '')) return bad(`claimsToHeaders: ${JSON.stringify(c)} needs a claim and a valid header name`);
  }

  const introspectorR = introCfg ? createIntrospector(introCfg, deps) : null;
  if (introspectorR && !introspectorR.ok) return introspectorR;
  const validatorR = jwtCfg ? createJwtValidator(jwtCfg, deps) : null;
  if (validatorR && !validatorR.ok) return validatorR;
  const introspector = introspectorR?.ok ? introspectorR.value : null;
  const validator = validatorR?.ok ? validatorR.value : null;

  const cache = new TokenCache<StepSuccess>();
  validator?.onKeysChanged(() => cache.clear());

  function succeed(claims: Claims, userinfo: Record<string, unknown> | null): StepSuccess {
    const state: Record<string, unknown> = {};
    if (jwtCfg) state.jwtAccessToken = claims;
    if (userinfo) state.introspection = userinfo;
    else if (introCfg) state.introspection = claims;
    const headersToSet: [string, string][] = [];
    const headersToAppend: [string, string][] = [];
    for (const c of claimsToHeaders) {
      const v = claims[c.claim];
      if (v === undefined || v === null) continue;
      (c.append ? headersToAppend : headersToSet).push([c.header.toLowerCase(), typeof v === 'string' ? v : JSON.stringify(v)]);
    }
    let dynamicMetadata: Record<string, unknown> | null = null;
    for (const [key, claim] of metaFromClaims) {
      if (claims[claim] !== undefined) (dynamicMetadata ??= {})[key] = claims[claim];
    }
    return success({ state, headersToSet, headersToAppend, dynamicMetadata });
  }

  const forbidden = (code: AuthErrorCode, reason: string): StepOutcome => deny({ type: 'forbidden', code, reason });

  /** Synchronous for a token in the cache (the common case: one token, many requests); validation may do I/O. */
  function evaluate(ctx: AuthContext, signal: AbortSignal): StepOutcome | Promise<StepOutcome> {
    const http = ctx.request.attributes.request.http;
    const found = extractBearerToken(ctx.headers, http.path, http.method, http.body);
    if (!found.ok) {
      return forbidden(found.reason === 'missing' ? 'AUTH_TOKEN_MISSING' : 'AUTH_TOKEN_MALFORMED', `bearer token ${found.reason}`);
    }
    const key = TokenCache.keyOf(found.token);
    const cached = cache.get(key, ctx.nowMs);
    if (cached !== undefined) return cached;
    return validate(ctx, found.token, key, signal);
  }

  async function validate(ctx: AuthContext, token: string, key: string, signal: AbortSignal): Promise<StepOutcome> {
    const checked = validator
      ? await validator.validate(token, ctx.nowMs, signal)
      : await introspector!.introspect(token, ctx.nowMs, signal);
    if (!checked.ok) {
      const dependency = checked.code === 'AUTH_JWKS_UNAVAILABLE' || checked.code === 'AUTH_INTROSPECTION_FAILED';
      return deny({ type: dependency ? 'error' : 'forbidden', code: checked.code, reason: checked.message });
    }
    const claims = checked.value;
    const scope = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    const missing = requiredScopes.filter((s) => !scope.includes(s));
    if (missing.length) return forbidden('AUTH_SCOPE_MISSING', `missing required scopes: ${missing.join(' ')}`);

    let userinfo: Record<string, unknown> | null = null;
    if (userinfoUrl !== null) {
      const u = await fetchUserinfo(deps, userinfoUrl, token, signal);
      if (!u.ok) return deny({ type: 'error', code: u.code, reason: u.message });
      userinfo = u.value;
    }
    const out = succeed(claims, userinfo);
    if (cacheTimeoutMs > 0) {
      const expMs = typeof claims.exp === 'number' ? claims.exp * 1000 : Number.POSITIVE_INFINITY;
      cache.set(key, out, Math.min(expMs, ctx.nowMs + cacheTimeoutMs));
    }
    return out;
  }

  return ok({
    kind: 'accessTokenValidation',
    name,
    evaluate,
    close() {
      cache.clear();
      validator?.close();
    },
  });
}
