// The ordered list of translation stages (architecture.md, contract 3). Each stage folder exports one function
// from src/<stage>/index.ts; they are imported statically, so a broken stage fails at start-up.
import { translateExtAuth } from '../extauth/index.ts';
import { translatePortals } from '../portal/index.ts';
import { translateRateLimits } from '../ratelimit/index.ts';
import { translateResilience } from '../resilience/index.ts';
import { translateRoutes } from '../routes/index.ts';
import { translateSecurity } from '../security/index.ts';
import { translateTrafficControl } from '../trafficcontrol/index.ts';
import type { StageEntry } from './stage.ts';

export interface StageDefinition extends StageEntry {
  /** Kinds whose statuses this stage owns (ACCEPTED by default when the stage ran and said nothing about them). */
  owns: readonly string[];
}

export const STAGES: readonly StageDefinition[] = [
  { name: 'routes', run: translateRoutes, owns: ['RouteTable', 'ExternalService', 'ExternalEndpoint', 'Workspace', 'WorkspaceSettings', 'VirtualGateway'] },
  { name: 'extauth', run: translateExtAuth, owns: ['ExtAuthPolicy', 'ExtAuthServer'] },
  { name: 'ratelimit', run: translateRateLimits, owns: ['RateLimitPolicy', 'RateLimitClientConfig', 'RateLimitServerConfig', 'RateLimitServerSettings'] },
  { name: 'security', run: translateSecurity, owns: ['CORSPolicy', 'WAFPolicy', 'DLPPolicy', 'JWTPolicy'] },
  { name: 'trafficcontrol', run: translateTrafficControl, owns: ['TransformationPolicy', 'HeaderManipulationPolicy'] },
  { name: 'resilience', run: translateResilience, owns: ['RetryTimeoutPolicy', 'FaultInjectionPolicy'] },
  { name: 'portal', run: translatePortals, owns: ['Portal', 'PortalGroup', 'ApiDoc'] },
];
