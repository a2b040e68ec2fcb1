// The kinds registry: every kind Portico stores, with kubectl-like plural and short names. One explicit list —
// a new kind is one file in kinds/ plus one line here.
import type { KindDefinition } from './kinds/definition.ts';
import { apiDoc } from './kinds/apidoc.ts';
import { authConfig } from './kinds/authconfig.ts';
import { configMap } from './kinds/configmap.ts';
import { externalEndpoint } from './kinds/externalendpoint.ts';
import { externalService } from './kinds/externalservice.ts';
import { extAuthPolicy } from './kinds/extauthpolicy.ts';
import { extAuthServer } from './kinds/extauthserver.ts';
import { POLICY_KINDS } from './kinds/policy-kinds.ts';
import { portal } from './kinds/portal.ts';
import { portalGroup } from './kinds/portalgroup.ts';
import { rateLimitClientConfig } from './kinds/ratelimitclientconfig.ts';
import { rateLimitPolicy } from './kinds/ratelimitpolicy.ts';
import { rateLimitServerConfig } from './kinds/ratelimitserverconfig.ts';
import { rateLimitServerSettings } from './kinds/ratelimitserversettings.ts';
import { routeTable } from './kinds/routetable.ts';
import { secret } from './kinds/secret.ts';
import { service } from './kinds/service.ts';
import { virtualGateway } from './kinds/virtualgateway.ts';
import { workspace } from './kinds/workspace.ts';
import { workspaceSettings } from './kinds/workspacesettings.ts';

export const KINDS: readonly KindDefinition[] = [
  routeTable,
  virtualGateway,
  workspace,
  workspaceSettings,
  externalService,
  externalEndpoint,
  service,
  extAuthPolicy,
  extAuthServer,
  authConfig,
  rateLimitPolicy,
  rateLimitClientConfig,
  rateLimitServerConfig,
  rateLimitServerSettings,
  apiDoc,
  portal,
  portalGroup,
  configMap,
  secret,
  ...POLICY_KINDS,
];

const byName = new Map<string, KindDefinition>();
for (const k of KINDS) {
  for (const alias of [k.kind, k.plural, k.kind.toLowerCase(), ...k.shortNames]) byName.set(alias.toLowerCase(), k);
}

/** Resolves what a user types (`rt`, `routetables`, `RouteTable`, `routetable.networking.gloo.solo.io`). */
export function resolveKind(name: string): KindDefinition | undefined {
  const lower = name.toLowerCase();
  const direct = byName.get(lower);
  if (direct) return direct;
  // kubectl also accepts `<plural|kind>.<group>`.
  const dot = lower.indexOf('.');
  if (dot > 0) {
    const k = byName.get(lower.slice(0, dot));
    if (k && groupOf(k.apiVersion) === lower.slice(dot + 1)) return k;
  }
  return undefined;
}

/** The definition for an exact `kind` (+ apiVersion when given). */
export function kindDefinition(kind: string, apiVersion?: string): KindDefinition | undefined {
  const k = KINDS.find((d) => d.kind === kind);
  if (!k || apiVersion === undefined) return k;
  return k.apiVersion === apiVersion || k.alsoAccepts?.includes(apiVersion) ? k : undefined;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
