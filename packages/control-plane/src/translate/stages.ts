// The ordered list of translation stages (architecture.md, contract 3). Each stage folder exports one function
// from src/<stage>/index.ts. The list is explicit; a stage whose folder has not landed yet is skipped (only a
// missing module is tolerated — any other import error is real and propagates).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Stage, StageEntry } from './stage.ts';

interface StageModuleRef {
  name: StageEntry['name'];
  /** Path relative to this file. */
  path: string;
  exportName: string;
  /** Kinds whose statuses this stage owns (used for default statuses while a stage is missing). */
  owns: readonly string[];
}

export const STAGE_MODULES: readonly StageModuleRef[] = [
  { name: 'routes', path: '../routes/index.ts', exportName: 'translateRoutes', owns: ['RouteTable', 'ExternalService', 'ExternalEndpoint'] },
  { name: 'extauth', path: '../extauth/index.ts', exportName: 'translateExtAuth', owns: ['ExtAuthPolicy', 'ExtAuthServer'] },
  {
    name: 'ratelimit',
    path: '../ratelimit/index.ts',
    exportName: 'translateRateLimits',
    owns: ['RateLimitPolicy', 'RateLimitClientConfig', 'RateLimitServerConfig', 'RateLimitServerSettings'],
  },
  { name: 'security', path: '../security/index.ts', exportName: 'translateSecurity', owns: ['CORSPolicy', 'WAFPolicy', 'DLPPolicy', 'JWTPolicy'] },
  { name: 'trafficcontrol', path: '../trafficcontrol/index.ts', exportName: 'translateTrafficControl', owns: ['TransformationPolicy', 'HeaderManipulationPolicy'] },
  { name: 'resilience', path: '../resilience/index.ts', exportName: 'translateResilience', owns: ['RetryTimeoutPolicy'] },
  { name: 'portal', path: '../portal/index.ts', exportName: 'translatePortals', owns: ['Portal', 'PortalGroup', 'ApiDoc'] },
];

export interface LoadedStages {
  stages: StageEntry[];
  /** Stages whose folder is not there yet. */
  missing: StageEntry['name'][];
}

/** Imports every stage that exists, in order. */
export async function loadStages(): Promise<LoadedStages> {
  const stages: StageEntry[] = [];
  const missing: StageEntry['name'][] = [];
  for (const ref of STAGE_MODULES) {
    const url = new URL(ref.path, import.meta.url);
    // Tolerate only "this stage's own index.ts does not exist"; errors inside an existing stage propagate.
    if (!existsSync(fileURLToPath(url))) {
      missing.push(ref.name);
      continue;
    }
    const mod = (await import(url.href)) as Record<string, unknown>;
    const run = mod[ref.exportName];
    if (typeof run !== 'function') throw new TypeError(`${ref.path} must export a function named ${ref.exportName}`);
    stages.push({ name: ref.name, run: run as Stage });
  }
  return { stages, missing };
}
