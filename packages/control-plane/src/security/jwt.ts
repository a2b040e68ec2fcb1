// JWTPolicy → an ext-auth config (`jwtpolicy:<ns>.<name>`, one jwtPolicy step) that the gateway checks before
// ext-auth (preAuthz, Gloo's default) or after it (postAuthz). Keys: local JWKS inline or from a Secret (a PEM
// public key is converted to a JWK), or a remote JWKS fetched by ext-auth's shared cache (cacheDuration →
// refresh interval, timeout).
import { createHash, createPublicKey } from 'node:crypto';
import { durationMs, type JwtPolicySpec, type Resource } from '@portico/api';
import { validateAuthConfig, type AuthConfigSpec, type JwtPolicyConfig, type JwtPolicyProviderConfig, type RejectedAuthConfig, type ResolvedAuthConfig } from '@portico/ext-auth/config';
import type { JwtFilterConfig } from '@portico/gateway';
import { DEFAULT_SERVER_SETTINGS } from '../extauth/server-settings.ts';
import { secretValue } from '../extauth/refs.ts';
import type { Compiled } from '../route-policies/policies.ts';
import type { TranslationContext } from '../translate/stage.ts';

export interface CompiledJwtPolicy {
  filter: JwtFilterConfig;
  auth: ResolvedAuthConfig;
}

export function jwtConfigId(p: Resource): string {
  return `jwtpolicy:${p.metadata.namespace}.${p.metadata.name}`;
}

/** A PEM public key → a one-key JWKS document; JSON is passed through. */
function jwksText(inline: string): { ok: true; text: string } | { ok: false; message: string } {
  const t = inline.trim();
  if (!t.startsWith('-----BEGIN')) return { ok: true, text: t };
  try {
    const jwk = createPublicKey(t).export({ format: 'jwk' }) as Record<string, unknown>;
    const kid = createHash('sha256').update(JSON.stringify(jwk)).digest('base64url');
    return { ok: true, text: JSON.stringify({ keys: [{ ...jwk, kid, use: 'sig' }] }) };
  } catch (err) {
    return { ok: false, message: `not a PEM public key: ${(err as Error).message}` };
  }
}

export function compileJwt(ctx: TranslationContext, p: Resource<JwtPolicySpec>): Compiled<CompiledJwtPolicy> {
  const c = p.spec.config;
  const ns = p.metadata.namespace;
  const warnings: string[] = [];
  const invalid = (error: string): Compiled<CompiledJwtPolicy> => ({ value: null, error, warnings });
  if (c.clearRouteCache === 'TRUE') warnings.push('config.clearRouteCache TRUE is not supported: routes are not re-selected after JWT validation');
  const providers: JwtPolicyProviderConfig[] = [];
  for (const [name, pr] of Object.entries(c.providers ?? {})) {
    const at = `config.providers.${name}`;
    let local: JwtPolicyProviderConfig['local'] = null;
    let remote: JwtPolicyProviderConfig['remote'] = null;
    if (pr.local) {
      let raw: string;
      if (pr.local.inline !== undefined) raw = pr.local.inline;
      else {
        const ref = pr.local.secretRef!;
        const v = secretValue(ctx, ref.namespace || ns, ref.name, [ref.key ?? 'jwks']);
        if (!v.ok) return invalid(`${at}.local.secretRef: ${v.message}`);
        raw = v.value;
      }
      const t = jwksText(raw);
      if (!t.ok) return invalid(`${at}.local: ${t.message}`);
      local = { inlineString: t.text };
    } else if (pr.remote) {
      remote = {
        url: pr.remote.url,
        refreshIntervalMs: pr.remote.cacheDuration ? durationMs(pr.remote.cacheDuration) : 5 * 60_000,
        timeoutMs: pr.remote.timeout ? durationMs(pr.remote.timeout) : 5_000,
      };
    }
    providers.push({
      name,
      issuer: pr.issuer || null,
      audiences: pr.audiences ?? [],
      tokenSource: { headers: (pr.tokenSource?.headers ?? []).map((h) => ({ name: h.name, prefix: h.prefix ?? '' })), queryParams: pr.tokenSource?.queryParams ?? [] },
      local,
      remote,
      claimsToHeaders: (pr.claimsToHeaders ?? []).map((h) => ({ claim: h.claim, header: h.header, append: h.append ?? false })),
      keepToken: pr.keepToken ?? false,
      clockSkewS: pr.clockSkewSeconds ?? 60,
      outputPayloadToHeader: pr.outputPayloadToHeader || null,
    });
  }
  if (providers.length === 0) return invalid('config.providers: at least one provider is required');
  const config: JwtPolicyConfig = {
    providers,
    claims: (c.claims ?? []).map((r) => ({ key: r.key, values: r.values ?? [], notValues: r.notValues ?? [], nestedClaimDelimiter: r.nestedClaimDelimiter || null })),
    requiredScopes: c.requiredScopes ?? [],
    validationPolicy: c.validationPolicy ?? (c.allowMissingOrFailed ? 'ALLOW_MISSING_OR_FAILED' : 'REQUIRE_VALID'),
  };
  const configId = jwtConfigId(p);
  const spec: AuthConfigSpec = { configs: [{ kind: 'jwtPolicy', name: 'jwt', config }], booleanExpr: null, failOnRedirect: false };
  const checked = validateAuthConfig(configId, spec);
  if (!checked.ok) return invalid(checked.message);
  const fingerprint = createHash('sha256').update(JSON.stringify(spec)).digest('base64url');
  return {
    value: {
      filter: { configId, phase: c.phase?.postAuthz !== undefined ? 'postAuthz' : 'preAuthz', server: DEFAULT_SERVER_SETTINGS },
      auth: { configId, state: 'ACCEPTED', fingerprint, spec },
    },
    error: null,
    warnings,
  };
}

/** The auth configs ext-auth holds: the earlier stages' plus one per valid JWTPolicy. */
export function withJwtAuthConfigs(
  previous: ReadonlyMap<string, unknown>,
  compiled: readonly CompiledJwtPolicy[],
): Map<string, ResolvedAuthConfig | RejectedAuthConfig> {
  const out = new Map(previous as ReadonlyMap<string, ResolvedAuthConfig | RejectedAuthConfig>);
  for (const c of compiled) out.set(c.auth.configId, c.auth);
  return out;
}
