// A jose key resolver (the `key` argument of jwtVerify) backed by a RemoteJwks, for verifiers that let jose check
// the claims (the portal server): keys come from the cache that is refreshed off the request path; an unknown kid
// may reload it under the cache's policy, waiting at most unknownKidWaitMs. Failures carry ext-auth's codes.
import type { JWTHeaderParameters, JWTVerifyGetKey } from 'jose';
import type { AuthErrorCode } from '../errors.ts';
import type { JwsAlg } from './key-policy.ts';
import type { RemoteJwks } from './remote-jwks.ts';

export class JwksKeyError extends Error {
  readonly code: AuthErrorCode;
  constructor(code: AuthErrorCode, message: string) {
    super(message);
    this.name = 'JwksKeyError';
    this.code = code;
  }
}

export function remoteJwksKeyResolver(jwks: RemoteJwks): JWTVerifyGetKey {
  return async (header: JWTHeaderParameters) => {
    const kid = header.kid;
    if (typeof kid !== 'string' || kid === '') throw new JwksKeyError('AUTH_JWT_KID_MISSING', 'token header has no kid');
    const entry = jwks.getKey(kid) ?? (await jwks.resolveUnknownKid(kid, new AbortController().signal));
    if (!entry) {
      if (!jwks.loaded) throw new JwksKeyError('AUTH_JWKS_UNAVAILABLE', `no keys loaded from ${jwks.options.url}${jwks.lastError ? ` (${jwks.lastError})` : ''}`);
      throw new JwksKeyError('AUTH_JWT_KEY_NOT_FOUND', `no key with kid ${JSON.stringify(kid)}`);
    }
    const alg = header.alg as JwsAlg;
    if (!entry.algs.has(alg)) throw new JwksKeyError('AUTH_JWT_ALG_NOT_ALLOWED', `alg ${header.alg} is not allowed for key ${kid}`);
    return entry.importFor(alg);
  };
}
