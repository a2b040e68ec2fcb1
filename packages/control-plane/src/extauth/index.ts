// Stage 2 (architecture.md, contract 3): ExtAuthPolicy / ExtAuthServer / ConfigMaps / Secrets →
//  - each selected route's `extAuth` {configId "<ns>.<name>", server settings} (one policy per route: the
//    oldest wins; a newer one is FAILED for the conflict but still applies to its other routes),
//  - one derived AuthConfig per policy (same namespace/name) with status ACCEPTED or REJECTED + reason,
//  - the ext-auth side's ResolvedAuthConfig | RejectedAuthConfig per config id,
//  - ExtAuthPolicy and ExtAuthServer statuses.
// A REJECTED AuthConfig still sits on its routes, so ext-auth denies them (fail closed, gloo-api.md §4.3);
// every other config is translated on its own and keeps working.
import { createHash } from 'node:crypto';
import { makeGlooStatus, type AuthConfigSpec as ApiAuthConfigSpec, type ExtAuthPolicySpec, type ExtAuthServerSpec, type Resource } from '@portico/api';
import type { GatewayConfig, RouteConfig, RouteExtAuthConfig } from '@portico/gateway';
import { validateAuthConfig, type RejectedAuthConfig, type ResolvedAuthConfig, type StepConfig } from '@portico/ext-auth/config';
import { emptyStageResult, type DerivedResource, type Stage, type StageEvent, type StatusUpdate, type TranslationContext } from '../translate/stage.ts';
import { selectRoutes } from '../selection/routes.ts';
import { serverSettings, DEFAULT_SERVER_SETTINGS } from './server-settings.ts';
import { translateStep } from './steps/index.ts';

/**
 * gloo-api.md §1.2 / §4.5: a route labelled `gateway.gloo.solo.io/require_auth=true` rejects every request unless an
 * auth policy applies to it (Gloo's `gatewayDefaultDenyAllHTTPRequests`; Portico always honours the label). Such a
 * route with no policy points at a config id ext-auth never holds, so it is denied (fail closed) and
 * failureModeAllow cannot open it. A policy that is there but REJECTED already denies its routes.
 */
export const REQUIRE_AUTH_LABEL = 'gateway.gloo.solo.io/require_auth';
export const REQUIRE_AUTH_CONFIG_ID = 'portico.require-auth.no-policy';
const REQUIRE_AUTH_EXT: RouteExtAuthConfig = { configId: REQUIRE_AUTH_CONFIG_ID, server: DEFAULT_SERVER_SETTINGS };

export const CONFLICT_MESSAGE = (name: string) => `conflicts with existing policy applied to route. Skipping applying ${name}`;

export const translateExtAuth: Stage = (ctx: TranslationContext) => {
  const statuses: StatusUpdate[] = [];
  const derived: DerivedResource[] = [];
  const events: StageEvent[] = [];
  const authConfigs = new Map<string, ResolvedAuthConfig | RejectedAuthConfig>();
  const routes = ctx.parts.gateway.virtualHosts.flatMap((vh) => vh.routes);
  const assigned = new Map<RouteConfig, { ext: RouteExtAuthConfig; policy: string }>();
  const appliedPerServer = new Map<string, number>();

  for (const p of ctx.index.list<ExtAuthPolicySpec>('ExtAuthPolicy')) {
    const ns = p.metadata.namespace;
    const configId = `${ns}.${p.metadata.name}`;
    const policyStatus = (approval: 'ACCEPTED' | 'INVALID' | 'WARNING' | 'FAILED', message: string, selected: RouteConfig[]) =>
      statuses.push({
        ref: { kind: 'ExtAuthPolicy', namespace: ns, name: p.metadata.name },
        status: {
          ...makeGlooStatus(approval, p.metadata.generation, message, approval === 'ACCEPTED' ? 'Reconciled' : approval === 'INVALID' ? 'Invalid' : approval === 'FAILED' ? 'Conflict' : 'PartiallyApplied', ctx.now),
          numSelectedRoutes: selected.length,
          selectedRoutes: selected.map((r) => ({ routeName: r.name, routeIndex: r.routeIndex, routeTable: r.routeTable })),
        },
      });
    const glooAuth = p.spec.config.glooAuth;
    if (!glooAuth) {
      policyStatus('INVALID', p.spec.config.customAuth ? 'config.customAuth is not supported: Portico serves glooAuth with its own ext-auth' : 'config.glooAuth is required', []);
      continue;
    }

    // The server the routes talk to (a missing one falls back to the defaults, never to "no auth").
    const notes: string[] = [];
    let server = DEFAULT_SERVER_SETTINGS;
    if (p.spec.config.server) {
      const sns = p.spec.config.server.namespace || ns;
      const eas = ctx.index.get<ExtAuthServerSpec>('ExtAuthServer', sns, p.spec.config.server.name);
      if (eas) {
        server = serverSettings(eas.spec);
        const key = `${sns}/${eas.metadata.name}`;
        appliedPerServer.set(key, (appliedPerServer.get(key) ?? 0) + 1);
      } else notes.push(`config.server: ExtAuthServer ${sns}/${p.spec.config.server.name} not found; using default settings`);
    }

    const auth = compileAuth(ctx, p, glooAuth, configId);
    authConfigs.set(configId, auth);
    if (auth.state === 'WARNING' && auth.reason) notes.push(auth.reason);
    derived.push(derivedAuthConfig(p, glooAuth, auth));
    // The policy's status must not say ACCEPTED over a config ext-auth refuses (its routes then deny everything).
    const rejected = auth.state === 'REJECTED' ? `AuthConfig ${ns}/${p.metadata.name} is REJECTED: ${auth.reason}; its routes deny every request` : null;
    const authWarning = auth.state === 'WARNING' && auth.reason ? `AuthConfig ${ns}/${p.metadata.name}: ${auth.reason}` : null;

    const selected: RouteConfig[] = [];
    const conflicts: string[] = [];
    const selection = selectRoutes(ctx.index, p, p.spec.applyToRoutes, routes, { whenEmpty: 'none' });
    notes.push(...selection.notes);
    for (const route of selection.routes) {
      const holder = assigned.get(route);
      if (holder) {
        conflicts.push(route.name);
        continue;
      }
      assigned.set(route, { ext: { configId, server }, policy: configId });
      selected.push(route);
    }
    if (p.spec.applyToDestinations?.length) notes.push('applyToDestinations is not supported; only applyToRoutes selects');
    if (conflicts.length) {
      events.push({ ref: { kind: 'ExtAuthPolicy', namespace: ns, name: p.metadata.name }, type: 'Warning', reason: 'Conflict', message: `${CONFLICT_MESSAGE(p.metadata.name)} (routes: ${conflicts.join(', ')})` });
      policyStatus('FAILED', [CONFLICT_MESSAGE(p.metadata.name), ...(rejected ? [rejected] : []), ...notes].join('; '), selected);
    } else if (rejected) policyStatus('INVALID', [rejected, ...notes].join('; '), selected);
    else {
      if (authWarning) notes.push(authWarning);
      policyStatus(notes.length ? 'WARNING' : 'ACCEPTED', notes.join('; '), selected);
    }
  }

  for (const s of ctx.index.list<ExtAuthServerSpec>('ExtAuthServer')) {
    const n = appliedPerServer.get(`${s.metadata.namespace}/${s.metadata.name}`) ?? 0;
    statuses.push({
      ref: { kind: 'ExtAuthServer', namespace: s.metadata.namespace, name: s.metadata.name },
      status: { ...makeGlooStatus('ACCEPTED', s.metadata.generation, '', 'Reconciled', ctx.now), numAppliedPolicies: n, numSelectedBackingServices: 1 },
    });
  }

  const gateway: GatewayConfig = {
    ...ctx.parts.gateway,
    virtualHosts: ctx.parts.gateway.virtualHosts.map((vh) => ({
      ...vh,
      routes: vh.routes.map((r) => {
        const a = assigned.get(r);
        if (a) return { ...r, extAuth: a.ext };
        return r.labels[REQUIRE_AUTH_LABEL] === 'true' ? { ...r, extAuth: REQUIRE_AUTH_EXT } : r;
      }),
    })),
  };
  return { ...emptyStageResult(), statuses, derived, derivedKinds: ['AuthConfig'], events, parts: { gateway, authConfigs } };
};

/** The policy's glooAuth → ext-auth's resolved form, validated by compiling it (no network) in ext-auth. */
function compileAuth(ctx: TranslationContext, p: Resource<ExtAuthPolicySpec>, glooAuth: ApiAuthConfigSpec, configId: string): ResolvedAuthConfig | RejectedAuthConfig {
  const rejected = (reason: string): RejectedAuthConfig => ({ configId, state: 'REJECTED', reason });
  if (!glooAuth.configs?.length) return rejected(`No configurations for auth config ${configId}`);
  const steps: StepConfig[] = [];
  const warnings: string[] = [];
  for (const [i, c] of glooAuth.configs.entries()) {
    const r = translateStep(c, i, p.metadata.namespace, ctx, warnings);
    if (!r.ok) return rejected(r.message);
    steps.push(r.value);
  }
  const spec = { configs: steps, booleanExpr: glooAuth.booleanExpr || null, failOnRedirect: glooAuth.failOnRedirect ?? false };
  const checked = validateAuthConfig(configId, spec);
  if (!checked.ok) return rejected(checked.message);
  const fingerprint = createHash('sha256').update(JSON.stringify(spec)).digest('base64url');
  return { configId, state: warnings.length ? 'WARNING' : 'ACCEPTED', fingerprint, spec, ...(warnings.length ? { reason: warnings.join('; ') } : {}) };
}

function derivedAuthConfig(p: Resource<ExtAuthPolicySpec>, glooAuth: ApiAuthConfigSpec, auth: ResolvedAuthConfig | RejectedAuthConfig): DerivedResource {
  return {
    resource: {
      apiVersion: 'extauth.solo.io/v1',
      kind: 'AuthConfig',
      metadata: { name: p.metadata.name, namespace: p.metadata.namespace, labels: { ...p.metadata.labels } },
      spec: glooAuth,
    },
    status: { state: auth.state, reason: auth.reason ?? '', observedGeneration: 0, reportedBy: 'portico-control-plane' },
    owner: { kind: 'ExtAuthPolicy', namespace: p.metadata.namespace, name: p.metadata.name },
  };
}
