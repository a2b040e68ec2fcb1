// @portico/ext-auth public surface (Contract 5). Explicit exports only.
export { PorticoAuthService } from './service/auth-service.ts';
export type { AuthServiceOptions, ConfigState } from './service/auth-service.ts';
export type {
  AuthService,
  CheckService,
  AuthConfigSpec,
  CheckRequest,
  CheckResult,
  CheckAllowed,
  CheckDenied,
  ResolvedAuthConfig,
  RejectedAuthConfig,
  SocketAddressJson,
} from './types.ts';
export type { StepConfig, StepConfigMap, StepKind } from './steps/kinds.ts';
export type { AccessTokenValidationConfig, JwtValidationConfig, IntrospectionConfig } from './steps/access-token/config.ts';
export type { OpaAuthConfig } from './steps/opa/config.ts';
export type { PortalAuthConfig } from './steps/portal/config.ts';
export type { PortalCredential, PortalCredentialLookup, PortalGrant } from './steps/portal/lookup.ts';
export type { JwtPolicyConfig, JwtPolicyProviderConfig } from './steps/jwt-policy/config.ts';
export type { OidcAuthorizationCodeInput } from './steps/oidc/config.ts';
export type { OidcSession, SessionStore } from './sessions/session-store.ts';
export { createMemorySessionStore, createRedisSessionStore, createSqliteSessionStore } from './sessions/index.ts';
export type { RegoApi } from './steps/opa/rego-api.ts';
export type { AuthStep, StepFactory, StepOutcome, StepSuccess, Denial } from './pipeline/step.ts';
export { success, deny } from './pipeline/step.ts';
export type { StepDeps, AuthLogger } from './pipeline/deps.ts';
export { silentLogger } from './pipeline/deps.ts';
export type { AuthContext } from './pipeline/context.ts';
export { compileAuthConfig } from './pipeline/compile.ts';
export { validateAuthConfig } from './service/validate.ts';
export { startGrpcExtAuthServer } from './transport/grpc/server.ts';
export type { GrpcExtAuthServer } from './transport/grpc/server.ts';
export { startHttpExtAuthServer } from './transport/http/server.ts';
export type { HttpExtAuthServer, HttpExtAuthOptions } from './transport/http/server.ts';
export { parseBoolExpr } from './pipeline/bool-expr.ts';
export { goJsonSyntaxError } from './json/go-json-syntax.ts';
export { duplicateJsonMember, jwtRepeatedMember } from './json/duplicate-members.ts';
export { inspectLocalJwks } from './jwt/inspect-jwks.ts';
export type { JwksInspection } from './jwt/inspect-jwks.ts';
export { AuthMetrics, createMetricsHandler } from './observability/metrics.ts';
export { createAuthLogger } from './observability/log.ts';
export { AUTH_ERROR_CODES } from './errors.ts';
export type { AuthErrorCode, AuthFailure, Result } from './errors.ts';
export { defaultRego } from './service/default-rego.ts';
export { JwksRegistry } from './jwt/jwks-registry.ts';
