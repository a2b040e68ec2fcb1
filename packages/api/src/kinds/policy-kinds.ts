// The route-policy kinds of issue 12 (CORS, JWT, WAF, DLP, Transformation, HeaderManipulation, RetryTimeout)
// and ApiSchemaDiscovery, listed once so the registry adds them with one line.
import { apiSchemaDiscovery } from './apischemadiscovery.ts';
import { corsPolicy } from './corspolicy.ts';
import type { KindDefinition } from './definition.ts';
import { dlpPolicy } from './dlppolicy.ts';
import { faultInjectionPolicy } from './faultinjectionpolicy.ts';
import { headerManipulationPolicy } from './headermanipulationpolicy.ts';
import { jwtPolicy } from './jwtpolicy.ts';
import { retryTimeoutPolicy } from './retrytimeoutpolicy.ts';
import { transformationPolicy } from './transformationpolicy.ts';
import { wafPolicy } from './wafpolicy.ts';

export const POLICY_KINDS: readonly KindDefinition[] = [
  corsPolicy,
  jwtPolicy,
  wafPolicy,
  dlpPolicy,
  transformationPolicy,
  headerManipulationPolicy,
  retryTimeoutPolicy,
  faultInjectionPolicy,
  apiSchemaDiscovery,
];
