// Access-token claim checks after the signature verified (RFC 9068 §4, RFC 8725 §3.8): a JSON object,
// numeric time claims (`exp` required), bounded clock skew, exact issuer when one is configured.
import { fail, ok, type Result } from '../errors.ts';
import { duplicateJsonMember } from '../json/duplicate-members.ts';

export interface ClaimRules {
  /** Exact `iss` match when set (Gloo: "issuer checked if set"). */
  issuer: string | null;
  /** Seconds of tolerated clock difference; capped at MAX_CLOCK_SKEW_S. */
  clockSkewS: number;
}

export const DEFAULT_CLOCK_SKEW_S = 30;
export const MAX_CLOCK_SKEW_S = 300;

export type Claims = Record<string, unknown>;

export function validateClaims(payload: Uint8Array, rules: ClaimRules, nowMs: number): Result<Claims> {
  let claims: unknown;
  const text = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
  try {
    claims = JSON.parse(text);
  } catch {
    return fail('AUTH_TOKEN_MALFORMED', 'JWT claims are not JSON');
  }
  const repeated = duplicateJsonMember(text);
  if (repeated !== null) return fail('AUTH_TOKEN_MALFORMED', `JWT claims repeat the member ${JSON.stringify(repeated)} (RFC 8725 §3.9)`);
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return fail('AUTH_TOKEN_MALFORMED', 'JWT claims are not a JSON object');
  const c = claims as Claims;
  const now = nowMs / 1000;
  const skew = Math.min(Math.max(rules.clockSkewS, 0), MAX_CLOCK_SKEW_S);
  for (const name of ['exp', 'nbf', 'iat']) {
    const v = c[name];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) return fail('AUTH_JWT_CLAIM_INVALID', `claim ${name} is not a number`);
  }
  if (c.exp === undefined) return fail('AUTH_JWT_CLAIM_INVALID', 'claim exp is missing');
  if ((c.exp as number) <= now - skew) return fail('AUTH_JWT_EXPIRED', 'token expired');
  if (c.nbf !== undefined && (c.nbf as number) > now + skew) return fail('AUTH_JWT_NOT_YET_VALID', 'token not valid yet (nbf)');
  if (c.iat !== undefined && (c.iat as number) > now + skew) return fail('AUTH_JWT_ISSUED_IN_FUTURE', 'token issued in the future (iat)');
  if (rules.issuer !== null && c.iss !== rules.issuer) return fail('AUTH_JWT_ISSUER_MISMATCH', 'issuer does not match');
  if (c.scope !== undefined && typeof c.scope !== 'string') return fail('AUTH_JWT_CLAIM_INVALID', 'claim scope is not a string');
  return ok(c);
}
