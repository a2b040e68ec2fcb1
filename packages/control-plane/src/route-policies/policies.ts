// What every route-policy family (security/, trafficcontrol/, resilience/) does the same way: select routes,
// decide conflicts (one policy per route, the oldest wins and later ones are FAILED for that route — or stacking,
// for WAF), report statuses with numSelectedRoutes, and write the result into routes' `filters`.
import { makeGlooStatus, type ApprovalState, type Resource, type RouteSelector } from '@portico/api';
import type { GatewayConfig, RouteConfig, RouteFiltersConfig } from '@portico/gateway';
import type { StatusUpdate, TranslationContext } from '../translate/stage.ts';
import { selectRoutes } from '../selection/routes.ts';

export const CONFLICT_MESSAGE = (name: string) => `conflicts with existing policy applied to route. Skipping applying ${name}`;

/** A policy's translated config: `value` null with `error` → INVALID; `warnings` → WARNING (still applied). */
export interface Compiled<T> {
  value: T | null;
  error: string | null;
  warnings: string[];
}

export interface PolicyRun<S, T> {
  kind: string;
  /** Omitted/empty applyToRoutes: every route of the workspace, or none (may depend on the spec). */
  whenEmpty: 'workspace' | 'none' | ((spec: S) => 'workspace' | 'none');
  /** 'oldest-wins': one policy per route; 'stack': every selecting policy applies, in policy order. */
  mode: 'oldest-wins' | 'stack';
  applyToRoutes(spec: S): readonly RouteSelector[] | undefined;
  compile(p: Resource<S>): Compiled<T>;
  /** Orders policies for stacking (default: creation order). */
  order?: (a: Resource<S>, b: Resource<S>) => number;
}

export interface PolicyRunResult<T> {
  /** Per route (object identity from ctx.parts.gateway), the values of the policies that apply, in order. */
  perRoute: Map<RouteConfig, { policy: string; value: T }[]>;
  statuses: StatusUpdate[];
}

export function allRoutes(gateway: GatewayConfig): RouteConfig[] {
  return gateway.virtualHosts.flatMap((vh) => vh.routes);
}

export function runPolicies<S, T>(ctx: TranslationContext, run: PolicyRun<S, T>): PolicyRunResult<T> {
  const routes = allRoutes(ctx.parts.gateway);
  const perRoute = new Map<RouteConfig, { policy: string; value: T }[]>();
  const statuses: StatusUpdate[] = [];
  const policies = [...ctx.index.list<S>(run.kind)];
  if (run.order) policies.sort(run.order);
  for (const p of policies) {
    const name = p.metadata.name;
    const status = (approval: ApprovalState, messages: string[], selected: RouteConfig[]) =>
      statuses.push({
        ref: { kind: run.kind, namespace: p.metadata.namespace, name },
        status: {
          ...makeGlooStatus(
            approval,
            p.metadata.generation,
            messages.join('; '),
            approval === 'ACCEPTED' ? 'Reconciled' : approval === 'INVALID' ? 'Invalid' : approval === 'FAILED' ? 'Conflict' : 'PartiallyApplied',
            ctx.now,
          ),
          numSelectedRoutes: selected.length,
          selectedRoutes: selected.map((r) => ({ routeName: r.name, routeIndex: r.routeIndex, routeTable: r.routeTable })),
        },
      });
    const compiled = run.compile(p);
    if (compiled.value === null) {
      status('INVALID', [compiled.error ?? 'invalid config', ...compiled.warnings], []);
      continue;
    }
    const whenEmpty = typeof run.whenEmpty === 'function' ? run.whenEmpty(p.spec) : run.whenEmpty;
    const sel = selectRoutes(ctx.index, p as Resource, run.applyToRoutes(p.spec), routes, { whenEmpty });
    const selected: RouteConfig[] = [];
    const conflicts: string[] = [];
    for (const r of sel.routes) {
      const list = perRoute.get(r) ?? [];
      if (run.mode === 'oldest-wins' && list.length > 0) {
        conflicts.push(r.name);
        continue;
      }
      list.push({ policy: `${p.metadata.namespace}.${name}`, value: compiled.value });
      perRoute.set(r, list);
      selected.push(r);
    }
    const notes = [...compiled.warnings, ...sel.notes];
    if (conflicts.length > 0) status('FAILED', [`${CONFLICT_MESSAGE(name)} (routes: ${conflicts.join(', ')})`, ...notes], selected);
    else status(notes.length > 0 ? 'WARNING' : 'ACCEPTED', notes, selected);
  }
  return { perRoute, statuses };
}

const NO_FILTERS: RouteFiltersConfig = { cors: null, jwt: null, waf: null, headers: null, transformation: null, retry: null, dlp: null, fault: null };

/** A copy of the gateway config with `patch(route)` merged into each route's filters (routes without a patch are kept). */
export function withFilters(gateway: GatewayConfig, patch: (r: RouteConfig) => Partial<RouteFiltersConfig> | null): GatewayConfig {
  return {
    ...gateway,
    virtualHosts: gateway.virtualHosts.map((vh) => ({
      ...vh,
      routes: vh.routes.map((r) => {
        const p = patch(r);
        if (p === null) return r;
        return { ...r, filters: { ...NO_FILTERS, ...(r.filters ?? {}), ...p } };
      }),
    })),
  };
}
