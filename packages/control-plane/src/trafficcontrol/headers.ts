// HeaderManipulationPolicy → the gateway's header filter (gloo-api-more.md §8).
import type { HeaderManipulationPolicySpec, Resource } from '@portico/api';
import type { HeaderManipulationConfig } from '@portico/gateway';
import type { Compiled } from '../route-policies/policies.ts';

export function compileHeaderManipulation(p: Resource<HeaderManipulationPolicySpec>): Compiled<HeaderManipulationConfig> {
  const c = p.spec.config;
  const warnings: string[] = [];
  return {
    value: {
      removeRequestHeaders: c.removeRequestHeaders ?? [],
      appendRequestHeaders: Object.entries(c.appendRequestHeaders ?? {}),
      removeResponseHeaders: c.removeResponseHeaders ?? [],
      appendResponseHeaders: Object.entries(c.appendResponseHeaders ?? {}),
    },
    error: null,
    warnings,
  };
}
