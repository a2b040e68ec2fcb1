// The jwtPolicy step: JWTPolicy enforced by ext-auth with Envoy jwt_authn's observable behaviour (gloo-api-more.md
// §7): no token → 401 `Jwt is missing`; a token that fails → 401 `Jwt verification fails` with a Bearer
// invalid_token challenge; claims or scopes not satisfied → 403 `RBAC: access denied`. Keys come from the same
// validators (and shared RemoteJwks cache) as accessTokenValidation. Success: claims to headers, the token
// removed unless keepToken, the payload under dynamic metadata `<provider>`.
import { fail, ok, type AuthErrorCode, type Result } from '../../errors.ts';
import type { AuthContext } from '../../pipeline/context.ts';
import type { StepDeps } from '../../pipeline/deps.ts';
import { deny, success, type AuthStep, type StepOutcome } from '../../pipeline/step.ts';
import { createJwtValidator, type JwtValidator } from '../access-token/jwt-validator.ts';
import type { JwtPolicyConfig, JwtPolicyProviderConfig } from './config.ts';

interface Provider {
  cfg: JwtPolicyProviderConfig;
  validator: JwtValidator;
  sources: { header: string; prefix: string }[];
  queryParams: string[];
}

type Claims = Record<string, unknown>;

function glob(pattern: string): (v: string) => boolean {
  if (!pattern.includes('*')) return (v) => v === pattern;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (v) => re.test(v);
}

function claimAt(claims: Claims, key: string, delimiter: string | null): unknown {
  if (delimiter === null || delimiter === '') return claims[key];
  let cur: unknown = claims;
  for (const part of key.split(delimiter)) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Claims)[part];
  }
  return cur;
}

function asStrings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  return [typeof v === 'string' ? v : JSON.stringify(v)];
}

export function createJwtPolicy(name: string, config: JwtPolicyConfig, deps: StepDeps): Result<AuthStep> {
  if (config.providers.length === 0) return fail('AUTH_CONFIG_INVALID', 'jwtPolicy: at least one provider is required');
  const providers: Provider[] = [];
  for (const p of config.providers) {
    const v = createJwtValidator({ localJwks: p.local, remoteJwks: p.remote, issuer: p.issuer, clockSkewS: p.clockSkewS, kidOptional: true }, deps);
    if (!v.ok) {
      for (const made of providers) made.validator.close();
      return fail(v.code, `jwtPolicy provider ${p.name}: ${v.message}`);
    }
    const headers = p.tokenSource.headers.map((h) => ({ header: h.name.toLowerCase(), prefix: h.prefix }));
    const useDefault = headers.length === 0 && p.tokenSource.queryParams.length === 0;
    providers.push({
      cfg: p,
      validator: v.value,
      sources: useDefault ? [{ header: 'authorization', prefix: 'Bearer ' }] : headers,
      queryParams: useDefault ? ['access_token'] : p.tokenSource.queryParams,
    });
  }
  const claimRules = config.claims.map((c) => ({ ...c, any: c.values.map(glob), none: c.notValues.map(glob) }));

  const missing = (): StepOutcome =>
    config.validationPolicy === 'REQUIRE_VALID'
      ? deny({ type: 'response', code: 'AUTH_TOKEN_MISSING', reason: 'no JWT in the request', status: 401, headers: [['www-authenticate', 'Bearer realm="jwt"']], body: 'Jwt is missing' })
      : success();
  const failed = (code: AuthErrorCode, reason: string): StepOutcome =>
    config.validationPolicy === 'ALLOW_MISSING_OR_FAILED'
      ? success()
      : deny({
          type: 'response',
          code,
          reason,
          status: 401,
          headers: [['www-authenticate', 'Bearer realm="jwt", error="invalid_token"']],
          body: 'Jwt verification fails',
        });

  function tokensOf(ctx: AuthContext, p: Provider): { token: string; header: string | null }[] {
    const out: { token: string; header: string | null }[] = [];
    for (const s of p.sources) {
      const v = ctx.headers[s.header];
      if (v === undefined) continue;
      if (s.prefix === '') out.push({ token: v.trim(), header: s.header });
      else if (v.startsWith(s.prefix)) out.push({ token: v.slice(s.prefix.length).trim(), header: s.header });
    }
    if (p.queryParams.length > 0) {
      const path = ctx.request.attributes.request.http.path;
      const q = path.indexOf('?');
      if (q !== -1) {
        const params = new URLSearchParams(path.slice(q + 1));
        for (const n of p.queryParams) {
          const t = params.get(n);
          if (t) out.push({ token: t, header: null });
        }
      }
    }
    return out;
  }

  async function evaluate(ctx: AuthContext, signal: AbortSignal): Promise<StepOutcome> {
    const verified: { p: Provider; claims: Claims; token: string; header: string | null }[] = [];
    let anyToken = false;
    for (const p of providers) {
      for (const t of tokensOf(ctx, p)) {
        anyToken = true;
        const r = await p.validator.validate(t.token, ctx.nowMs, signal);
        if (!r.ok) return failed(r.code, `${p.cfg.name}: ${r.message}`);
        const aud = asStrings(r.value.aud);
        if (p.cfg.audiences.length > 0 && !p.cfg.audiences.some((a) => aud.includes(a))) return failed('AUTH_JWT_CLAIM_INVALID', `${p.cfg.name}: audience not allowed`);
        verified.push({ p, claims: r.value, token: t.token, header: t.header });
      }
    }
    if (!anyToken) return missing();
    const forbidden = (reason: string, code: AuthErrorCode = 'AUTH_JWT_CLAIM_INVALID') => deny({ type: 'response', code, reason, status: 403, headers: [], body: 'RBAC: access denied' });
    for (const v of verified) {
      for (const rule of claimRules) {
        const values = asStrings(claimAt(v.claims, rule.key, rule.nestedClaimDelimiter));
        if (rule.any.length > 0 && !values.some((x) => rule.any.some((m) => m(x)))) return forbidden(`claim ${rule.key} not allowed`);
        if (values.some((x) => rule.none.some((m) => m(x)))) return forbidden(`claim ${rule.key} has a refused value`);
      }
      if (config.requiredScopes.length > 0) {
        const scopes = typeof v.claims.scope === 'string' ? v.claims.scope.split(' ') : asStrings(v.claims.scp);
        const lacking = config.requiredScopes.filter((s) => !scopes.includes(s));
        if (lacking.length > 0) return forbidden(`missing scopes ${lacking.join(' ')}`, 'AUTH_SCOPE_MISSING');
      }
    }
    const headersToSet: [string, string][] = [];
    const headersToAppend: [string, string][] = [];
    const headersToRemove: string[] = [];
    const dynamicMetadata: Record<string, unknown> = {};
    for (const v of verified) {
      for (const c of v.p.cfg.claimsToHeaders) {
        const value = v.claims[c.claim];
        if (value === undefined) continue;
        const s = typeof value === 'string' ? value : JSON.stringify(value);
        (c.append ? headersToAppend : headersToSet).push([c.header, s]);
      }
      if (v.p.cfg.outputPayloadToHeader) headersToSet.push([v.p.cfg.outputPayloadToHeader, v.token.split('.')[1] ?? '']);
      if (!v.p.cfg.keepToken && v.header !== null) headersToRemove.push(v.header);
      dynamicMetadata[v.p.cfg.name] = v.claims;
    }
    return success({ state: { jwtPolicyClaims: verified.length === 1 ? verified[0]!.claims : verified.map((v) => v.claims) }, headersToSet, headersToAppend, headersToRemove, dynamicMetadata });
  }

  return ok({
    kind: 'jwtPolicy',
    name,
    evaluate,
    close() {
      for (const p of providers) p.validator.close();
    },
  });
}
