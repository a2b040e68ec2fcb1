// Compact JWS verification under Portico's policy (RFC 8725). Cheap structural checks run first, with size
// caps before anything is decoded; the signature itself is checked by jose (no hand-written crypto).
//  - compact serialization only, three canonical base64url segments
//  - `alg` from the supported list (`none` never), `kid` required, bound to the key the kid names
//  - `crit` present → rejected (Portico implements no JWS extensions; RFC 7515 §4.1.11), `b64` likewise
//  - `jku`, `x5u`, `x5c`, embedded `jwk` are never used to find a key: only the configured key set is
import { compactVerify } from 'jose';
import { fail, ok, type AuthFailure, type Result } from '../errors.ts';
import { duplicateJsonMember } from '../json/duplicate-members.ts';
import { SUPPORTED_ALGS, type JwsAlg } from './key-policy.ts';
import type { KeyEntry } from './key-set.ts';

export interface JwsLimits {
  /** Whole token, in bytes (characters: the token is ASCII). */
  maxTokenBytes: number;
  maxHeaderBytes: number;
}

export const DEFAULT_JWS_LIMITS: JwsLimits = { maxTokenBytes: 16 * 1024, maxHeaderBytes: 4 * 1024 };

export interface VerifiedJws {
  header: Record<string, unknown>;
  payload: Uint8Array;
  kid: string;
  alg: JwsAlg;
}

export interface ParsedHeader {
  header: Record<string, unknown>;
  kid: string;
  alg: JwsAlg;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function canonicalB64url(seg: string): boolean {
  if (!B64URL.test(seg) || seg.length % 4 === 1) return false;
  // Non-zero unused trailing bits decode to the same bytes; a strict decoder refuses them.
  return Buffer.from(seg, 'base64url').toString('base64url') === seg;
}

/** Structure, size and header rules — everything that does not need a key. */
/** `requireKid: false` (JWTPolicy, as Envoy's jwt_authn) lets a token without `kid` through with kid ''. */
export function parseJwsHeader(token: string, limits: JwsLimits = DEFAULT_JWS_LIMITS, requireKid = true): Result<ParsedHeader> {
  if (token.length > limits.maxTokenBytes) return fail('AUTH_TOKEN_TOO_LARGE', `token longer than ${limits.maxTokenBytes} bytes`);
  const parts = token.split('.');
  if (parts.length !== 3) return fail('AUTH_TOKEN_MALFORMED', 'token is not a compact JWS (3 segments)');
  if (parts[0].length > limits.maxHeaderBytes) return fail('AUTH_TOKEN_TOO_LARGE', `JWS header longer than ${limits.maxHeaderBytes} bytes`);
  if (parts[0] === '' || parts[2] === '') return fail('AUTH_TOKEN_MALFORMED', 'JWS header or signature segment is empty');
  for (const p of parts) if (!canonicalB64url(p)) return fail('AUTH_TOKEN_MALFORMED', 'JWS segment is not canonical base64url');
  let header: unknown;
  const headerText = Buffer.from(parts[0], 'base64url').toString('utf8');
  try {
    header = JSON.parse(headerText);
  } catch {
    return fail('AUTH_TOKEN_MALFORMED', 'JWS header is not JSON');
  }
  const repeated = duplicateJsonMember(headerText);
  if (repeated !== null) return fail('AUTH_TOKEN_MALFORMED', `JWS header repeats the member ${JSON.stringify(repeated)} (RFC 8725 §3.9)`);
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail('AUTH_TOKEN_MALFORMED', 'JWS header is not a JSON object');
  const h = header as Record<string, unknown>;
  if (typeof h.alg !== 'string' || !SUPPORTED_ALGS.has(h.alg)) {
    return fail('AUTH_JWT_ALG_NOT_ALLOWED', `alg ${JSON.stringify(h.alg ?? null)} is not allowed`);
  }
  if (h.crit !== undefined) return fail('AUTH_JWT_CRIT_UNSUPPORTED', 'critical header parameters are not supported');
  if (h.b64 !== undefined) return fail('AUTH_JWT_CRIT_UNSUPPORTED', 'the b64 header parameter is not supported');
  if (h.kid === undefined && !requireKid) return ok({ header: h, kid: '', alg: h.alg as JwsAlg });
  if (typeof h.kid !== 'string' || h.kid === '') return fail('AUTH_JWT_KID_MISSING', 'token header has no kid');
  return ok({ header: h, kid: h.kid, alg: h.alg as JwsAlg });
}

/** Verifies the signature with the key the token's kid selected (`entry` undefined → unknown kid). */
export async function verifyWithKey(token: string, parsed: ParsedHeader, entry: KeyEntry | undefined): Promise<Result<VerifiedJws>> {
  if (entry === undefined) return fail('AUTH_JWT_KEY_NOT_FOUND', `no signing key with kid ${JSON.stringify(parsed.kid)}`);
  if (!entry.algs.has(parsed.alg)) {
    return fail('AUTH_JWT_ALG_NOT_ALLOWED', `alg ${parsed.alg} is not allowed for key ${JSON.stringify(parsed.kid)}`);
  }
  let key;
  try {
    key = await entry.importFor(parsed.alg);
  } catch {
    return fail('AUTH_JWKS_INVALID', `key ${JSON.stringify(parsed.kid)} could not be imported for ${parsed.alg}`);
  }
  try {
    const res = await compactVerify(token, key, { algorithms: [parsed.alg] });
    return ok({ header: parsed.header, payload: res.payload, kid: parsed.kid, alg: parsed.alg });
  } catch (err) {
    return joseFailure(err);
  }
}

function joseFailure(err: unknown): AuthFailure {
  const code = (err as { code?: unknown }).code;
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return fail('AUTH_JWT_SIGNATURE_INVALID', 'signature verification failed');
  if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') return fail('AUTH_JWT_ALG_NOT_ALLOWED', 'alg not allowed');
  if (err instanceof TypeError) return fail('AUTH_JWKS_INVALID', `key not usable: ${err.message}`);
  return fail('AUTH_TOKEN_MALFORMED', 'token is not a valid JWS');
}
