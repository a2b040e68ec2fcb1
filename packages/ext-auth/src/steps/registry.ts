// Step kind → factory. `satisfies` makes tsc fail when a kind in StepConfigMap has no factory.
import type { StepFactory } from '../pipeline/step.ts';
import { createAccessTokenValidation } from './access-token/create.ts';
import type { StepConfigMap } from './kinds.ts';
import { createOpaAuth } from './opa/create.ts';
import { createApiKeyAuth } from './apikey/create.ts';
import { createOidcAuthorizationCode } from './oidc/oidc-authorization-code.ts';
import { createPortalAuth } from './portal/create.ts';
import { createJwtPolicy } from './jwt-policy/create.ts';

export const STEP_FACTORIES = {
  accessTokenValidation: createAccessTokenValidation,
  opaAuth: createOpaAuth,
  apiKeyAuth: createApiKeyAuth,
  oidcAuthorizationCode: createOidcAuthorizationCode,
  portalAuth: createPortalAuth,
  jwtPolicy: createJwtPolicy,
} satisfies { [K in keyof StepConfigMap]: StepFactory<StepConfigMap[K]> };
