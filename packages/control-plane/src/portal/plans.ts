// Usage plans (gloo-api.md §5.1, §5.3 PCFG): a plan is linked to limits only by name — the limit is the one of
// the RateLimitServerConfig descriptor whose value equals the plan name (or the first limit below it, as in
// usagePlan → userId trees), found through the rate-limit domains of the plan's APIs' routes. The plan's
// auth types are the steps of the ext-auth configs on those routes.
import type { PortalSpec } from '@portico/api';
import type { RouteConfig } from '@portico/gateway';
import type { PortalUsagePlan } from '@portico/portal-server';
import type { DescriptorConfig, RateLimitServiceConfig, RateLimitValue } from '@portico/ratelimit';
import type { SnapshotParts } from '../translate/stage.ts';

export interface ApiRoutes {
  apiId: string;
  routes: readonly RouteConfig[];
}

const AUTH_TYPES: Record<string, string> = {
  apiKeyAuth: 'apiKeyAuth',
  accessTokenValidation: 'accessTokenValidation',
  oidcAuthorizationCode: 'oidcAuth',
};

export function buildPlans(
  spec: PortalSpec,
  apis: readonly ApiRoutes[],
  rateLimit: RateLimitServiceConfig | null,
  authConfigs: SnapshotParts['authConfigs'],
): PortalUsagePlan[] {
  return (spec.usagePlans ?? []).map((p) => {
    let limit: RateLimitValue | null = null;
    const apiIds: string[] = [];
    const authTypes = new Set<string>();
    for (const api of apis) {
      let inPlan = false;
      for (const r of api.routes) {
        const domain = r.rateLimit ? rateLimit?.domains[r.rateLimit.domain] : undefined;
        const found = domain ? limitForPlan(domain.descriptors, domain.setDescriptors, p.name) : undefined;
        if (found === undefined) continue;
        inPlan = true;
        limit ??= found;
        for (const t of authTypesOf(r, authConfigs)) authTypes.add(t);
      }
      if (inPlan) apiIds.push(api.apiId);
    }
    return {
      name: p.name,
      displayName: p.displayName ?? p.name,
      description: p.description ?? '',
      authPolicies: [...authTypes].map((authType) => ({ authType })),
      rateLimit: limit,
      apiIds,
    };
  });
}

/** undefined: the plan is not configured in this domain; null: configured without a limit. */
function limitForPlan(
  descriptors: readonly DescriptorConfig[],
  sets: RateLimitServiceConfig['domains'][string]['setDescriptors'],
  plan: string,
): RateLimitValue | null | undefined {
  for (const d of descriptors) {
    if (d.value === plan) return d.rateLimit ?? firstLimit(d.descriptors);
    const below = limitForPlan(d.descriptors, [], plan);
    if (below !== undefined) return below;
  }
  for (const s of sets) if (s.simpleDescriptors.some((sd) => sd.value === plan)) return s.rateLimit;
  return undefined;
}

function firstLimit(descriptors: readonly DescriptorConfig[]): RateLimitValue | null {
  for (const d of descriptors) {
    const l = d.rateLimit ?? firstLimit(d.descriptors);
    if (l) return l;
  }
  return null;
}

function authTypesOf(route: RouteConfig, authConfigs: SnapshotParts['authConfigs']): string[] {
  if (!route.extAuth) return [];
  const cfg = authConfigs.get(route.extAuth.configId);
  return (cfg?.state === 'REJECTED' ? [] : (cfg?.spec.configs ?? [])).map((c) => AUTH_TYPES[c.kind]).filter((t): t is string => t !== undefined);
}
