// Which JWS algorithms a JWK may verify (RFC 8725 §3.1: the algorithm is bound to the key, never taken from
// the token alone), and which keys are not fit for verification at all. A key that fails a rule is ignored
// with a reason; the token's `alg` must then be in the returned family for the key that its `kid` names.
//
// A key with an `alg` member verifies exactly that algorithm (RFC 8725 §3.1: one key, one algorithm); a key
// without one verifies the algorithms of its type (RSA: RS*/PS*, HMAC: HS* its length allows), an EC key only
// the algorithm of its curve.
import { hasRocaFingerprint } from './roca.ts';

export type JwsAlg =
  | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512' | 'EdDSA' | 'Ed25519' | 'HS256' | 'HS384' | 'HS512';

/** Every algorithm Portico verifies; anything else (incl. `none`) is refused before a key is looked up. */
export const SUPPORTED_ALGS: ReadonlySet<string> = new Set<JwsAlg>([
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'HS256', 'HS384', 'HS512',
]);

const RS: JwsAlg[] = ['RS256', 'RS384', 'RS512'];
const PS: JwsAlg[] = ['PS256', 'PS384', 'PS512'];
const EC_BY_CURVE: Record<string, JwsAlg> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
const HS_MIN_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];
const MIN_RSA_BITS = 2048;

export type KeyVerdict = { usable: true; kid: string; algs: ReadonlySet<JwsAlg> } | { usable: false; kid: string | null; reason: string };

export interface KeyPolicyOptions {
  /** Shared-secret (oct) keys: only from configuration (localJwks), never from a published JWKS. */
  allowSymmetric: boolean;
}

export function judgeKey(jwk: Record<string, unknown>, opts: KeyPolicyOptions): KeyVerdict {
  const kid = typeof jwk.kid === 'string' && jwk.kid !== '' ? jwk.kid : null;
  const no = (reason: string): KeyVerdict => ({ usable: false, kid, reason });
  if (kid === null) return no('key has no kid');
  if (jwk.use !== undefined && jwk.use !== 'sig') return no(`use is ${JSON.stringify(jwk.use)}, not "sig"`);
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify'))) {
    return no('key_ops does not include "verify"');
  }
  const alg = jwk.alg === undefined ? null : String(jwk.alg);
  switch (jwk.kty) {
    case 'RSA': {
      if (PRIVATE_MEMBERS.some((m) => m in jwk)) return no('private key material in a verification key set');
      const family = alg === null ? [...RS, ...PS] : RS.includes(alg as JwsAlg) || PS.includes(alg as JwsAlg) ? [alg as JwsAlg] : null;
      if (family === null) return no(`alg ${alg} is not an RSA signature algorithm`);
      const n = bigintOf(jwk.n);
      const e = bigintOf(jwk.e);
      if (n === null || e === null) return no('RSA key without valid n/e');
      if (n.toString(2).length < MIN_RSA_BITS) return no(`RSA modulus shorter than ${MIN_RSA_BITS} bits`);
      if (e < 3n || e % 2n === 0n || e >= n) return no('RSA public exponent must be odd and at least 3');
      if (hasRocaFingerprint(n)) return no('RSA modulus has the ROCA (CVE-2017-15361) fingerprint');
      return { usable: true, kid, algs: new Set(family) };
    }
    case 'EC': {
      if (PRIVATE_MEMBERS.some((m) => m in jwk)) return no('private key material in a verification key set');
      const bound = EC_BY_CURVE[String(jwk.crv)];
      if (!bound) return no(`unsupported curve ${String(jwk.crv)}`);
      // 'ES521' is a common misspelling for the P-521 algorithm (it appears in Wycheproof's RFC 7520 vectors).
      const named = alg === 'ES521' ? 'ES512' : alg;
      if (named !== null && named !== bound) return no(`alg ${alg} does not match curve ${String(jwk.crv)}`);
      return { usable: true, kid, algs: new Set([bound]) };
    }
    case 'OKP': {
      if (PRIVATE_MEMBERS.some((m) => m in jwk)) return no('private key material in a verification key set');
      if (jwk.crv !== 'Ed25519') return no(`unsupported OKP curve ${String(jwk.crv)}`);
      if (alg !== null && alg !== 'EdDSA' && alg !== 'Ed25519') return no(`alg ${alg} does not match Ed25519`);
      return { usable: true, kid, algs: new Set<JwsAlg>(['EdDSA', 'Ed25519']) };
    }
    case 'oct': {
      if (!opts.allowSymmetric) return no('shared-secret (oct) keys are not accepted from this key set');
      const bytes = typeof jwk.k === 'string' && /^[A-Za-z0-9_-]*$/.test(jwk.k) ? Buffer.from(jwk.k, 'base64url').length : 0;
      const candidates = alg === null ? ['HS256', 'HS384', 'HS512'] : alg in HS_MIN_BYTES ? [alg] : null;
      if (candidates === null) return no(`alg ${alg} is not an HMAC signature algorithm`);
      // RFC 8725 §3.5 / RFC 7518 §3.2: the secret must be at least as long as the hash output.
      const fit = candidates.filter((a) => bytes >= HS_MIN_BYTES[a]) as JwsAlg[];
      if (fit.length === 0) return no(`HMAC key of ${bytes} bytes is too short`);
      return { usable: true, kid, algs: new Set(fit) };
    }
    default:
      return no(`unsupported kty ${String(jwk.kty)}`);
  }
}

function bigintOf(v: unknown): bigint | null {
  if (typeof v !== 'string' || v === '' || !/^[A-Za-z0-9_-]+$/.test(v)) return null;
  return BigInt('0x' + Buffer.from(v, 'base64url').toString('hex'));
}
