// Stage 6 (architecture.md, contract 3): the trafficcontrol.policy.gloo.solo.io route policies other than rate
// limiting → routes' filters: TransformationPolicy → filters.transformation, HeaderManipulationPolicy →
// filters.headers (one per route each, the oldest wins; empty applyToRoutes = every route of the workspace).
import type { HeaderManipulationPolicySpec, TransformationPolicySpec } from '@portico/api';
import { emptyStageResult, type Stage } from '../translate/stage.ts';
import { runPolicies, withFilters } from '../route-policies/policies.ts';
import { compileHeaderManipulation } from './headers.ts';
import { compileTransformation } from './transformation.ts';

export const translateTrafficControl: Stage = (ctx) => {
  const tp = runPolicies(ctx, { kind: 'TransformationPolicy', whenEmpty: 'workspace', mode: 'oldest-wins', applyToRoutes: (s: TransformationPolicySpec) => s.applyToRoutes, compile: compileTransformation });
  const hm = runPolicies(ctx, { kind: 'HeaderManipulationPolicy', whenEmpty: 'workspace', mode: 'oldest-wins', applyToRoutes: (s: HeaderManipulationPolicySpec) => s.applyToRoutes, compile: compileHeaderManipulation });
  const gateway = withFilters(ctx.parts.gateway, (r) => {
    const t = tp.perRoute.get(r);
    const h = hm.perRoute.get(r);
    if (!t && !h) return null;
    return { ...(t ? { transformation: t[0]!.value } : {}), ...(h ? { headers: h[0]!.value } : {}) };
  });
  return { ...emptyStageResult(), statuses: [...tp.statuses, ...hm.statuses], parts: { gateway } };
};
