// @portico/ext-auth/config — what the control plane needs to translate and validate auth configs: the config
// types and the compile-only check. Loads no transport (gRPC), no metrics (prom-client) and no logger.
export type { AuthConfigSpec, ResolvedAuthConfig, RejectedAuthConfig } from './types.ts';
export type { StepConfig, StepConfigMap, StepKind } from './steps/kinds.ts';
export type { AccessTokenValidationConfig, JwtValidationConfig, IntrospectionConfig } from './steps/access-token/config.ts';
export type { OpaAuthConfig } from './steps/opa/config.ts';
export type { JwtPolicyConfig, JwtPolicyProviderConfig } from './steps/jwt-policy/config.ts';
export type { OidcAuthorizationCodeInput } from './steps/oidc/config.ts';
export { validateAuthConfig } from './service/validate.ts';
export { inspectLocalJwks } from './jwt/inspect-jwks.ts';
export type { JwksInspection } from './jwt/inspect-jwks.ts';
