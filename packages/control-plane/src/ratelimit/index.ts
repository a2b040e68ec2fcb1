// Stage 3 (architecture.md, contract 3): RateLimitPolicy / RateLimitServerConfig / RateLimitServerSettings
// → each selected route's `rateLimit` (actions, domain, denyOnFail, timeout) and the rate-limit service's
// descriptor config, plus statuses. One policy per route: the oldest policy selecting a route wins; a
// newer one is FAILED for the conflict but still applies to its other routes (as ExtAuthPolicy, §7 test 24).
import { durationMs, makeGlooStatus } from '@portico/api';
import type { RateLimitActions, RateLimitPolicySpec, RateLimitServerConfigSpec, RateLimitServerSettingsSpec, Resource } from '@portico/api';
import type { GatewayConfig, RouteConfig, RouteRateLimitConfig } from '@portico/gateway';
import type { RateLimitServiceConfig } from '@portico/ratelimit/core';
import { compileConfig } from '@portico/ratelimit/core';
import { emptyStageResult, type Stage, type StatusUpdate, type TranslationContext } from '../translate/stage.ts';
import { convertRateLimits } from './actions.ts';
import { selectRoutes } from '../selection/routes.ts';
import { domainName, toDomainConfig } from './server-config.ts';

const DEFAULT_TIMEOUT_MS = 100;

interface Resolved {
  domain: string | null;
  actions: readonly RateLimitActions[];
  denyOnFail: boolean;
  timeoutMs: number;
}

export const translateRateLimits: Stage = (ctx: TranslationContext) => {
  const statuses: StatusUpdate[] = [];
  const status = (r: Resource, approval: 'ACCEPTED' | 'INVALID' | 'WARNING' | 'FAILED', message: string, extra: object = {}) =>
    statuses.push({
      ref: { kind: r.kind, namespace: r.metadata.namespace, name: r.metadata.name },
      status: { ...makeGlooStatus(approval, r.metadata.generation, message, reasonOf(approval), ctx.now), ...extra },
    });

  // Server configs: each valid one becomes a domain of the service.
  const service: RateLimitServiceConfig = { domains: {} };
  for (const sc of ctx.index.list<RateLimitServerConfigSpec>('RateLimitServerConfig')) {
    const name = domainName(sc.metadata);
    const domain = toDomainConfig(sc.spec);
    const checked = compileConfig({ domains: { [name]: domain } });
    if (!checked.ok) status(sc, 'INVALID', checked.message);
    else {
      service.domains[name] = domain;
      status(sc, 'ACCEPTED', '');
    }
  }
  for (const ss of ctx.index.list<RateLimitServerSettingsSpec>('RateLimitServerSettings')) status(ss, 'ACCEPTED', '');

  const routes = ctx.parts.gateway.virtualHosts.flatMap((vh) => vh.routes);
  const assigned = new Map<RouteConfig, { config: RouteRateLimitConfig; policy: string }>();
  for (const p of ctx.index.list<RateLimitPolicySpec>('RateLimitPolicy')) {
    const resolved = resolvePolicy(ctx, p, service);
    if (!resolved.ok) {
      status(p, 'INVALID', resolved.message, { numSelectedRoutes: 0, selectedRoutes: [] });
      continue;
    }
    const selected: RouteConfig[] = [];
    const problems: string[] = [];
    const selection = selectRoutes(ctx.index, p, p.spec.applyToRoutes, routes, { whenEmpty: 'none' });
    for (const route of selection.routes) {
      const holder = assigned.get(route);
      if (holder) {
        problems.push(`route ${route.name} conflicts with existing policy ${holder.policy} applied to route. Skipping applying ${p.metadata.name}`);
        continue;
      }
      const built = buildRouteConfig(resolved.value, route);
      if (!built.ok) {
        problems.push(`route ${route.name}: ${built.message}`);
        continue;
      }
      if (built.value) assigned.set(route, { config: built.value, policy: `${p.metadata.namespace}.${p.metadata.name}` });
      selected.push(route);
    }
    const unsupported = p.spec.applyToDestinations?.length ? ['applyToDestinations is not supported; only applyToRoutes selects'] : [];
    const notes = [...problems, ...selection.notes, ...unsupported, ...(resolved.value.domain === null ? ['no ratelimitServerConfig: no limit is enforced'] : [])];
    const approval = problems.length ? 'FAILED' : notes.length ? 'WARNING' : 'ACCEPTED';
    status(p, approval, notes.join('; '), {
      numSelectedRoutes: selected.length,
      selectedRoutes: selected.map((r) => ({ routeName: r.name, routeIndex: r.routeIndex, routeTable: r.routeTable })),
    });
  }

  const gateway: GatewayConfig = {
    ...ctx.parts.gateway,
    virtualHosts: ctx.parts.gateway.virtualHosts.map((vh) => ({
      ...vh,
      routes: vh.routes.map((r) => (assigned.has(r) ? { ...r, rateLimit: assigned.get(r)!.config } : r)),
    })),
  };
  return { ...emptyStageResult(), statuses, parts: { gateway, rateLimit: service } };
};

function reasonOf(a: 'ACCEPTED' | 'INVALID' | 'WARNING' | 'FAILED') {
  return a === 'ACCEPTED' ? 'Reconciled' : a === 'INVALID' ? 'Invalid' : a === 'FAILED' ? 'Conflict' : 'PartiallyApplied';
}

function resolvePolicy(
  ctx: TranslationContext,
  p: Resource<RateLimitPolicySpec>,
  service: RateLimitServiceConfig,
): { ok: true; value: Resolved } | { ok: false; message: string } {
  const ns = p.metadata.namespace;
  const c = p.spec.config;
  let domain: string | null = null;
  if (c.ratelimitServerConfig) {
    const ref = { namespace: c.ratelimitServerConfig.namespace || ns, name: c.ratelimitServerConfig.name };
    if (!ctx.index.get('RateLimitServerConfig', ref.namespace, ref.name)) {
      return { ok: false, message: `config.ratelimitServerConfig: RateLimitServerConfig ${ref.namespace}/${ref.name} not found` };
    }
    domain = domainName(ref);
    if (!service.domains[domain]) return { ok: false, message: `config.ratelimitServerConfig: RateLimitServerConfig ${ref.namespace}/${ref.name} is INVALID` };
  }
  let denyOnFail = false;
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (c.serverSettings) {
    const ref = { namespace: c.serverSettings.namespace || ns, name: c.serverSettings.name };
    const ss = ctx.index.get<RateLimitServerSettingsSpec>('RateLimitServerSettings', ref.namespace, ref.name);
    if (!ss) return { ok: false, message: `config.serverSettings: RateLimitServerSettings ${ref.namespace}/${ref.name} not found` };
    denyOnFail = ss.spec.denyOnFail ?? false;
    if (ss.spec.requestTimeout) timeoutMs = durationMs(ss.spec.requestTimeout);
  }
  let actions: readonly RateLimitActions[] = c.raw?.rateLimits ?? [];
  if (c.ratelimitClientConfig) {
    const ref = { namespace: c.ratelimitClientConfig.namespace || ns, name: c.ratelimitClientConfig.name };
    const cc = ctx.index.get<{ raw?: { rateLimits?: RateLimitActions[] } }>('RateLimitClientConfig', ref.namespace, ref.name);
    if (!cc) return { ok: false, message: `config.ratelimitClientConfig: RateLimitClientConfig ${ref.namespace}/${ref.name} not found` };
    actions = cc.spec.raw?.rateLimits ?? [];
  }
  return { ok: true, value: { domain, actions, denyOnFail, timeoutMs } };
}

/** null: selected, but nothing to enforce (no server config or no descriptors). */
function buildRouteConfig(r: Resolved, route: RouteConfig): { ok: true; value: RouteRateLimitConfig | null } | { ok: false; message: string } {
  const converted = convertRateLimits(r.actions, route);
  if (!converted.ok) return converted;
  if (r.domain === null || converted.value.length === 0) return { ok: true, value: null };
  return { ok: true, value: { domain: r.domain, rateLimits: converted.value, denyOnFail: r.denyOnFail, timeoutMs: r.timeoutMs } };
}
