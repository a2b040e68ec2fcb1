// Stage 5 (architecture.md, contract 3): the security.policy.gloo.solo.io route policies → routes' filters.
//  - CORSPolicy → filters.cors (one per route, oldest wins)
//  - WAFPolicy  → filters.waf (stacked: ascending priority, then age)
//  - DLPPolicy  → filters.dlp (one per route, oldest wins)
//  - JWTPolicy  → an ext-auth config per policy (its JWKS through ext-auth's cache) + filters.jwt
// Empty applyToRoutes selects every route of the workspace (gloo-api-more.md §1).
import type { CorsPolicySpec, DlpPolicySpec, JwtPolicySpec, WafPolicySpec } from '@portico/api';
import { REQUIRE_AUTH_CONFIG_ID } from '../extauth/index.ts';
import { emptyStageResult, type Stage } from '../translate/stage.ts';
import { runPolicies, withFilters } from '../route-policies/policies.ts';
import { compileCors } from './cors.ts';
import { compileDlp } from './dlp.ts';
import { compileJwt, withJwtAuthConfigs, type CompiledJwtPolicy } from './jwt.ts';
import { compileWaf, wafOrder } from './waf.ts';

export const translateSecurity: Stage = (ctx) => {
  const cors = runPolicies(ctx, { kind: 'CORSPolicy', whenEmpty: 'workspace', mode: 'oldest-wins', applyToRoutes: (s: CorsPolicySpec) => s.applyToRoutes, compile: compileCors });
  const waf = runPolicies(ctx, { kind: 'WAFPolicy', whenEmpty: 'workspace', mode: 'stack', applyToRoutes: (s: WafPolicySpec) => s.applyToRoutes, compile: compileWaf, order: wafOrder });
  const dlp = runPolicies(ctx, { kind: 'DLPPolicy', whenEmpty: 'workspace', mode: 'oldest-wins', applyToRoutes: (s: DlpPolicySpec) => s.applyToRoutes, compile: compileDlp });
  const jwtCompiled: CompiledJwtPolicy[] = [];
  const jwt = runPolicies(ctx, {
    kind: 'JWTPolicy',
    // JWTPolicy: empty applyToRoutes → all routes unless applyToDestinations is set (then none).
    whenEmpty: (s: JwtPolicySpec) => (s.applyToDestinations !== undefined ? 'none' : 'workspace'),
    mode: 'oldest-wins',
    applyToRoutes: (s: JwtPolicySpec) => s.applyToRoutes,
    compile: (p) => {
      const c = compileJwt(ctx, p);
      if (c.value !== null) jwtCompiled.push(c.value);
      return c;
    },
  });
  const gateway = withFilters(ctx.parts.gateway, (r) => {
    const c = cors.perRoute.get(r);
    const w = waf.perRoute.get(r);
    const d = dlp.perRoute.get(r);
    const j = jwt.perRoute.get(r);
    if (!c && !w && !d && !j) return null;
    return {
      ...(c ? { cors: c[0]!.value } : {}),
      ...(w ? { waf: { policies: w.map((x) => x.value) } } : {}),
      ...(d ? { dlp: d[0]!.value } : {}),
      ...(j ? { jwt: j[0]!.value.filter } : {}),
    };
  });
  const authConfigs = withJwtAuthConfigs(ctx.parts.authConfigs, jwtCompiled);
  // gateway.gloo.solo.io/require_auth is satisfied by a JWTPolicy as well as by an ExtAuthPolicy (gloo-api.md §1.2):
  // the deny-all placeholder the extauth stage put on such a route goes.
  const opened: typeof gateway = {
    ...gateway,
    virtualHosts: gateway.virtualHosts.map((vh) => ({
      ...vh,
      routes: vh.routes.map((r) => (r.filters?.jwt && r.extAuth?.configId === REQUIRE_AUTH_CONFIG_ID ? { ...r, extAuth: null } : r)),
    })),
  };
  return {
    ...emptyStageResult(),
    statuses: [...cors.statuses, ...waf.statuses, ...dlp.statuses, ...jwt.statuses],
    parts: { gateway: opened, authConfigs },
  };
};
