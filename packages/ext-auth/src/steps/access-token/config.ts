// oauth2.accessTokenValidation as ext-auth receives it (gloo-api.md §2.5), durations already in ms.
// Optional fields take Gloo's defaults in the factory.
import type { UnknownKidPolicy } from '../../jwt/remote-jwks.ts';

export interface AccessTokenValidationConfig {
  jwt?: JwtValidationConfig | null;
  introspection?: IntrospectionConfig | null;
  /** Fetched with the token; the response lands in state key `introspection`. */
  userinfoUrl?: string | null;
  /** Default 10 min; 0 = no cache; always capped at the token's exp. */
  cacheTimeoutMs?: number | null;
  requiredScopes?: string[];
  /** metadataKey → claim name; emitted under envoy.filters.http.ext_authz. */
  dynamicMetadataFromClaims?: Record<string, string>;
  claimsToHeaders?: { claim: string; header: string; append?: boolean }[];
}

export interface JwtValidationConfig {
  remoteJwks?: {
    url: string;
    /** Default 5 min. */
    refreshIntervalMs?: number;
    timeoutMs?: number;
    /** What an unknown kid does: never reload (default, as Gloo), always, or rateLimited (cooldownMs). */
    unknownKidPolicy?: UnknownKidPolicy;
    cooldownMs?: number;
  } | null;
  localJwks?: { inlineString: string } | null;
  issuer?: string | null;
  clockSkewS?: number;
  /** JWTPolicy (Envoy jwt_authn): a token without `kid` is tried against every key of a local set that allows its alg. */
  kidOptional?: boolean;
}

export interface IntrospectionConfig {
  introspectionUrl: string;
  clientId?: string | null;
  /** Inlined from clientSecretRef by the control plane. Never logged. */
  clientSecret?: string | null;
  /** Introspection response field naming the user (for logs / dynamic metadata). */
  userIdAttributeName?: string | null;
  timeoutMs?: number;
}
