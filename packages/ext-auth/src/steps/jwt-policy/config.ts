// JWTPolicy as ext-auth receives it (gloo-api-more.md §7): providers with their key source, claim rules and the
// validation policy, durations in ms, secret references already inlined by the control plane.
export interface JwtPolicyProviderConfig {
  name: string;
  issuer: string | null;
  /** Any one must be in `aud`; empty = not checked. */
  audiences: string[];
  /** Where tokens are read; empty headers and queryParams = `Authorization: Bearer`, then `access_token`. */
  tokenSource: { headers: { name: string; prefix: string }[]; queryParams: string[] };
  local: { inlineString: string } | null;
  remote: { url: string; refreshIntervalMs: number; timeoutMs: number } | null;
  claimsToHeaders: { claim: string; header: string; append: boolean }[];
  keepToken: boolean;
  clockSkewS: number;
  outputPayloadToHeader: string | null;
}

export interface JwtPolicyConfig {
  providers: JwtPolicyProviderConfig[];
  /** AND across entries; within one, any of `values` and none of `notValues` (`*` wildcards). */
  claims: { key: string; values: string[]; notValues: string[]; nestedClaimDelimiter: string | null }[];
  requiredScopes: string[];
  validationPolicy: 'REQUIRE_VALID' | 'ALLOW_MISSING' | 'ALLOW_MISSING_OR_FAILED';
}
