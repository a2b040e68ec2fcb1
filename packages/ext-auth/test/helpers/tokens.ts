// Test keys and tokens made with jose at run time (no token literals in tests, style.md convention 10).
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface TestIssuer {
  kid: string;
  publicJwk: JWK;
  jwks: { keys: JWK[] };
  sign(claims: Record<string, unknown>, opts?: { kid?: string | null; alg?: string; typ?: string; header?: Record<string, unknown> }): Promise<string>;
  /** Signs any header (RS256) without jose's header checks — for headers jose refuses to produce (crit). */
  signRaw(header: Record<string, unknown>, claims: Record<string, unknown>): Promise<string>;
}

export async function makeIssuer(kid = 'test-key-1', alg = 'RS256'): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg };
  return {
    kid,
    publicJwk,
    jwks: { keys: [publicJwk] },
    async sign(claims, opts = {}) {
      const header: Record<string, unknown> = { alg: opts.alg ?? alg, typ: opts.typ ?? 'at+jwt', ...opts.header };
      if (opts.kid !== null) header.kid = opts.kid ?? kid;
      return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(privateKey);
    },
    async signRaw(header, claims) {
      const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const input = `${enc(header)}.${enc(claims)}`;
      const sig = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey as CryptoKey, new TextEncoder().encode(input));
      return `${input}.${Buffer.from(sig).toString('base64url')}`;
    },
  };
}

export const nowS = (): number => Math.floor(Date.now() / 1000);

/** Claims of a fresh access token for the given scopes. */
export function accessClaims(scope: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowS();
  return { iss: 'http://localhost:9000', sub: 'alice', aud: 'api', client_id: 'quickstart-client', scope, iat: now, exp: now + 300, jti: `j-${Math.random()}`, ...extra };
}

/** An unsigned `alg: none` token (the classic attack). */
export function noneToken(claims: Record<string, unknown>, kid = 'test-key-1'): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', kid })}.${enc(claims)}.`;
}

/** Flips one character of the payload so the signature no longer matches. */
export function tamper(token: string): string {
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  claims.scope = `${claims.scope} admin`;
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
}
