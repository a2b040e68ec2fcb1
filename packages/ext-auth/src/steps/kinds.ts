// The step kinds ext-auth can run and the config each one takes. A new kind is one line here, one in
// registry.ts and its own folder under steps/ (style.md convention 5).
import type { AccessTokenValidationConfig } from './access-token/config.ts';
import type { OpaAuthConfig } from './opa/config.ts';
import type { ApiKeyAuthConfig } from './apikey/config.ts';
import type { OidcAuthorizationCodeInput } from './oidc/config.ts';
import type { PortalAuthConfig } from './portal/config.ts';
import type { JwtPolicyConfig } from './jwt-policy/config.ts';

export interface StepConfigMap {
  accessTokenValidation: AccessTokenValidationConfig;
  opaAuth: OpaAuthConfig;
  apiKeyAuth: ApiKeyAuthConfig;
  oidcAuthorizationCode: OidcAuthorizationCodeInput;
  portalAuth: PortalAuthConfig;
  jwtPolicy: JwtPolicyConfig;
}

export type StepKind = keyof StepConfigMap;

/** One entry of AuthConfigSpec.configs: `name` is what booleanExpr refers to (default `config_<index>`). */
export type StepConfig = { [K in StepKind]: { kind: K; name: string; config: StepConfigMap[K] } }[StepKind];
