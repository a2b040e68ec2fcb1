// @portico/ext-auth/jwks — Portico's one remote JWKS strategy (a cache refreshed off the request path that keeps
// the last good keys), for other verifiers such as the portal server. Loads neither gRPC nor metrics.
export { RemoteJwks, REMOTE_JWKS_DEFAULTS } from './jwt/remote-jwks.ts';
export type { RemoteJwksDeps, RemoteJwksOptions, UnknownKidPolicy } from './jwt/remote-jwks.ts';
export { JwksKeyError, remoteJwksKeyResolver } from './jwt/key-resolver.ts';
// RFC 8725 §3.9: every verifier refuses a JWT whose header or claims repeat a member (jose would keep the last).
export { jwtRepeatedMember } from './json/duplicate-members.ts';
