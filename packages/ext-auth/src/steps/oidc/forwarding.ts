// What a logged-in request carries upstream: the tokens in the configured headers (optionally as `Bearer …`),
// selected claims as headers (`identityToken` / `accessToken.claimsToHeaders`), and claims as dynamic metadata.
// The ID token was verified at login and the session is sealed or server-side, so its claims are read without
// re-verifying on every request; an access token that is not a JWT simply has no claims to forward.
import { decodeJwt, type JWTPayload } from 'jose';
import type { OidcSession } from '../../sessions/session-store.ts';
import type { ClaimToHeader, CompiledOidcConfig } from './config.ts';

export interface Forwarding {
  headersToSet: [string, string][];
  headersToAppend: [string, string][];
  dynamicMetadata: Record<string, unknown> | null;
}

function claimsOf(token: string | null): JWTPayload | null {
  if (!token) return null;
  try {
    return decodeJwt(token);
  } catch {
    return null;
  }
}

function claimValue(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function addClaims(out: Forwarding, rules: ClaimToHeader[], claims: JWTPayload | null): void {
  if (!claims) return;
  for (const r of rules) {
    const value = claimValue(claims[r.claim]);
    if (value !== undefined) (r.append ? out.headersToAppend : out.headersToSet).push([r.header.toLowerCase(), value]);
  }
}

export function forwardSession(cfg: CompiledOidcConfig, s: OidcSession): Forwarding {
  const out: Forwarding = { headersToSet: [], headersToAppend: [], dynamicMetadata: null };
  const value = (t: string) => (cfg.bearer ? `Bearer ${t}` : t);
  if (cfg.idTokenHeader) out.headersToSet.push([cfg.idTokenHeader.toLowerCase(), value(s.idToken)]);
  if (cfg.accessTokenHeader && s.accessToken) out.headersToSet.push([cfg.accessTokenHeader.toLowerCase(), value(s.accessToken)]);
  const idClaims = cfg.idClaimsToHeaders.length || Object.keys(cfg.metadataFromClaims).length ? claimsOf(s.idToken) : null;
  addClaims(out, cfg.idClaimsToHeaders, idClaims);
  if (cfg.accessClaimsToHeaders.length) addClaims(out, cfg.accessClaimsToHeaders, claimsOf(s.accessToken));
  for (const [key, claim] of Object.entries(cfg.metadataFromClaims)) {
    const v = idClaims?.[claim];
    if (v !== undefined) (out.dynamicMetadata ??= {})[key] = v;
  }
  return out;
}
