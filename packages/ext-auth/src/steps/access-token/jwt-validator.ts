// JWT access-token validation for one config: key source (inline JWKS or a shared RemoteJwks), signature
// under Portico's JWS policy, then claim rules. No caching here — the step caches whole outcomes.
import { fail, ok, type Result } from '../../errors.ts';
import { goJsonSyntaxError } from '../../json/go-json-syntax.ts';
import { validateClaims, DEFAULT_CLOCK_SKEW_S, MAX_CLOCK_SKEW_S, type ClaimRules, type Claims } from '../../jwt/claims.ts';
import { keySetFromJwks, type KeyEntry, type KeySet } from '../../jwt/key-set.ts';
import type { JwksHandle } from '../../jwt/jwks-registry.ts';
import { REMOTE_JWKS_DEFAULTS } from '../../jwt/remote-jwks.ts';
import { parseJwsHeader, verifyWithKey, DEFAULT_JWS_LIMITS, type ParsedHeader } from '../../jwt/verify-jws.ts';
import type { StepDeps } from '../../pipeline/deps.ts';
import type { JwtValidationConfig } from './config.ts';

export interface JwtValidator {
  validate(token: string, nowMs: number, signal: AbortSignal): Promise<Result<Claims>>;
  /** Subscribe to key-set changes (a removed key must invalidate cached tokens). */
  onKeysChanged(cb: () => void): void;
  close(): void;
}

const UNKNOWN_KID_POLICIES = new Set(['never', 'always', 'rateLimited']);

// RFC 8725 §3.11 / RFC 9068 §4: a JWT typed as something other than an access token (a logout token, a
// security event, a DPoP proof …) is never accepted as one. Untyped and generic "JWT" tokens are accepted,
// because most IdPs (Okta among them) issue access tokens that way.
const ACCESS_TOKEN_TYPES = new Set(['jwt', 'at+jwt', 'application/at+jwt', 'application/jwt']);

function typeAllowed(header: Record<string, unknown>): boolean {
  return header.typ === undefined || (typeof header.typ === 'string' && ACCESS_TOKEN_TYPES.has(header.typ.toLowerCase()));
}

function parseAccessToken(token: string, requireKid = true): Result<ParsedHeader> {
  const parsed = parseJwsHeader(token, DEFAULT_JWS_LIMITS, requireKid);
  if (parsed.ok && !typeAllowed(parsed.value.header)) return fail('AUTH_JWT_TYPE_NOT_ALLOWED', `typ ${JSON.stringify(parsed.value.header.typ)} is not an access token type`);
  return parsed;
}

/** No kid (allowed only with kidOptional, as Envoy's jwt_authn): the first key allowing the alg that verifies wins. */
async function verifyWithoutKid(token: string, parsed: ParsedHeader, keys: Iterable<KeyEntry>, rules: ClaimRules, nowMs: number): Promise<Result<Claims>> {
  let last: Result<Claims> = fail('AUTH_JWT_KEY_NOT_FOUND', `no key for alg ${parsed.alg}`);
  for (const entry of keys) {
    if (!entry.algs.has(parsed.alg)) continue;
    const v = await verifyWithKey(token, { ...parsed, kid: entry.kid }, entry);
    if (v.ok) return validateClaims(v.value.payload, rules, nowMs);
    last = v;
  }
  return last;
}

export function createJwtValidator(cfg: JwtValidationConfig, deps: StepDeps): Result<JwtValidator> {
  const bad = (msg: string) => fail('AUTH_CONFIG_INVALID', `accessTokenValidation.jwt: ${msg}`);
  const remote = cfg.remoteJwks ?? null;
  const local = cfg.localJwks ?? null;
  if ((remote === null) === (local === null)) return bad('exactly one of remoteJwks or localJwks is required');
  const skew = cfg.clockSkewS ?? DEFAULT_CLOCK_SKEW_S;
  if (!(skew >= 0 && skew <= MAX_CLOCK_SKEW_S)) return bad(`clockSkewS must be between 0 and ${MAX_CLOCK_SKEW_S}`);
  const rules = { issuer: cfg.issuer ? cfg.issuer : null, clockSkewS: skew };

  if (local !== null) {
    if (typeof local.inlineString !== 'string' || local.inlineString === '') return bad('localJwks.inlineString is required');
    // The Go text for malformed JSON is what Gloo reports (and what users search for).
    const syntax = goJsonSyntaxError(local.inlineString);
    if (syntax !== null) return fail('AUTH_CONFIG_INVALID', syntax);
    // Inline keys come from configuration, so shared secrets (HS*) are allowed here, never from a URL.
    const set = keySetFromJwks(JSON.parse(local.inlineString), { allowSymmetric: true });
    if (!set.ok) return bad(`localJwks: ${set.message}`);
    const keys: KeySet = set.value;
    return ok({
      async validate(token, nowMs) {
        const parsed = parseAccessToken(token, cfg.kidOptional !== true);
        if (!parsed.ok) return parsed;
        if (parsed.value.kid === '') return verifyWithoutKid(token, parsed.value, keys.entries.values(), rules, nowMs);
        const v = await verifyWithKey(token, parsed.value, keys.entries.get(parsed.value.kid));
        return v.ok ? validateClaims(v.value.payload, rules, nowMs) : v;
      },
      onKeysChanged() {},
      close() {},
    });
  }

  const r = remote!;
  let url: URL;
  try {
    url = new URL(r.url);
  } catch {
    return bad(`remoteJwks.url ${JSON.stringify(r.url)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return bad('remoteJwks.url must be http(s)');
  const opts = {
    ...REMOTE_JWKS_DEFAULTS,
    url: url.href,
    refreshIntervalMs: r.refreshIntervalMs ?? REMOTE_JWKS_DEFAULTS.refreshIntervalMs,
    timeoutMs: r.timeoutMs ?? REMOTE_JWKS_DEFAULTS.timeoutMs,
    unknownKid: r.unknownKidPolicy ?? REMOTE_JWKS_DEFAULTS.unknownKid,
    cooldownMs: r.cooldownMs ?? REMOTE_JWKS_DEFAULTS.cooldownMs,
  };
  if (!(opts.refreshIntervalMs >= 1000)) return bad('remoteJwks.refreshInterval must be at least 1s');
  if (!(opts.timeoutMs >= 1)) return bad('remoteJwks.timeout must be positive');
  if (!UNKNOWN_KID_POLICIES.has(opts.unknownKid)) return bad(`remoteJwks.unknownKidPolicy must be never, always or rateLimited`);
  if (deps.mode === 'validate') return ok({ async validate() { return fail('AUTH_JWKS_UNAVAILABLE', 'validation only'); }, onKeysChanged() {}, close() {} });

  const handle: JwksHandle = deps.jwks.acquire(opts);
  const jwks = handle.jwks;
  const unsubscribers: (() => void)[] = [];
  return ok({
    async validate(token, nowMs, signal) {
      const parsed = parseAccessToken(token, cfg.kidOptional !== true);
      if (!parsed.ok) return parsed;
      if (parsed.value.kid === '') {
        if (!jwks.loaded) return fail('AUTH_JWKS_UNAVAILABLE', `JWKS from ${opts.url} not loaded yet: ${jwks.lastError ?? 'pending'}`);
        return verifyWithoutKid(token, parsed.value, jwks.allKeys(), rules, nowMs);
      }
      let entry = jwks.getKey(parsed.value.kid);
      if (entry === undefined) {
        entry = await jwks.resolveUnknownKid(parsed.value.kid, signal);
        if (entry === undefined && !jwks.loaded) {
          return fail('AUTH_JWKS_UNAVAILABLE', `JWKS from ${opts.url} not loaded yet: ${jwks.lastError ?? 'pending'}`);
        }
      }
      const v = await verifyWithKey(token, parsed.value, entry);
      return v.ok ? validateClaims(v.value.payload, rules, nowMs) : v;
    },
    onKeysChanged(cb) {
      unsubscribers.push(jwks.onChange(cb));
    },
    close() {
      for (const u of unsubscribers) u();
      handle.release();
    },
  });
}
