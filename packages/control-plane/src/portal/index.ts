// Stage 4 (architecture.md, contract 3): Portal / PortalGroup / ApiDoc → the portal server's config.
// A Portal selects route tables (its `apis` selectors) that carry portalMetadata: one API version per table,
// grouped into products by apiProductId (tables whose product/version pair conflicts are INVALID in the routes
// stage and left out here). Each version gets its ApiDoc schema stitched to the routes that expose it. A
// Portal whose domain is already served by an older Portal is INVALID (§7 test 66).
import { makeGlooStatus } from '@portico/api';
import type { ApiDocSpec, PortalGroupSpec, PortalSpec, Resource, RouteTable } from '@portico/api';
import { APIMANAGEMENT_NS, type RouteConfig } from '@portico/gateway';
import type { PortalApi, PortalConfig, PortalGroupConfig, PortalServerConfig } from '@portico/portal-server';
import { analyzeProducts, tableKey } from '../routes/portal.ts';
import { emptyStageResult, type Stage, type StatusUpdate, type TranslationContext } from '../translate/stage.ts';
import { apiDocsFor, destinationsOf } from './apidocs.ts';
import { buildPlans } from './plans.ts';
import { apiDocProblem, buildSchema } from './schema.ts';
import { labelsMatch, selects } from './select.ts';
import { workspacesOf } from '../workspaces/model.ts';

export const translatePortals: Stage = (ctx: TranslationContext) => {
  const statuses: StatusUpdate[] = [];
  const status = (r: Resource, approval: 'ACCEPTED' | 'INVALID' | 'WARNING', message: string, extra: object = {}) =>
    statuses.push({
      ref: { kind: r.kind, namespace: r.metadata.namespace, name: r.metadata.name },
      status: { ...makeGlooStatus(approval, r.metadata.generation, message, approval === 'ACCEPTED' ? 'Reconciled' : approval === 'INVALID' ? 'Invalid' : 'PartiallyApplied', ctx.now), ...extra },
    });

  const tables = ctx.index.list('RouteTable') as unknown as readonly RouteTable[];
  const { conflicts } = analyzeProducts(tables);
  const routesByTable = new Map<string, RouteConfig[]>();
  const hostsByTable = new Map<string, Set<string>>();
  for (const vh of ctx.parts.gateway.virtualHosts) {
    for (const r of vh.routes) {
      const key = `${r.routeTable.namespace}/${r.routeTable.name}`;
      (routesByTable.get(key) ?? routesByTable.set(key, []).get(key)!).push(r);
      const hosts = hostsByTable.get(key) ?? hostsByTable.set(key, new Set()).get(key)!;
      for (const d of vh.domains) hosts.add(d);
    }
  }
  const rateLimit = ctx.parts.rateLimit;
  const groups = ctx.index.list<PortalGroupSpec>('PortalGroup');
  for (const g of groups) status(g, 'ACCEPTED', '');

  // Routes of tables without portalMetadata (e.g. an API-key route to an API's upstream beside the API's own
  // table): they carry plans for the APIs whose upstreams they forward to.
  const apiTables = new Set(tables.filter((t) => t.spec.portalMetadata !== undefined).map(tableKey));
  const looseRoutes = [...routesByTable].filter(([k]) => !apiTables.has(k)).flatMap(([, rs]) => rs);
  for (const doc of ctx.index.list<ApiDocSpec>('ApiDoc')) {
    const problem = apiDocProblem(doc.spec);
    status(doc, problem ? 'INVALID' : 'ACCEPTED', problem ?? '');
  }
  const claimed = new Map<string, string>();
  const portals: PortalConfig[] = [];
  const ws = workspacesOf(ctx.index);
  for (const p of ctx.index.list<PortalSpec>('Portal')) {
    const domains = (p.spec.domains ?? []).map((d) => d.toLowerCase());
    if (domains.length === 0) {
      status(p, 'INVALID', 'domains: at least one domain is required');
      continue;
    }
    const clash = domains.find((d) => claimed.has(d));
    if (clash !== undefined) {
      status(p, 'INVALID', `domain ${clash} is already used by Portal ${claimed.get(clash)}`);
      continue;
    }
    for (const d of domains) claimed.set(d, `${p.metadata.namespace}/${p.metadata.name}`);

    const matched = tables.filter((t) => t.spec.portalMetadata !== undefined && selects(p.spec.apis ?? [], t));
    // Workspaces: a portal lists only the API tables its workspace owns or imports.
    const portalWs = ws.of(p.metadata.namespace);
    const hidden = matched.flatMap((t) => {
      const why = ws.refusal(portalWs, { kind: 'RouteTable', namespace: t.metadata.namespace, name: t.metadata.name, labels: t.metadata.labels });
      return why === null ? [] : [`apis: ${why} (refused: crosses a workspace boundary)`];
    });
    const selected = matched.filter((t) => ws.refusal(portalWs, { kind: 'RouteTable', namespace: t.metadata.namespace, name: t.metadata.name, labels: t.metadata.labels }) === null);
    const skipped = selected.filter((t) => conflicts.has(tableKey(t)));
    const usable = selected.filter((t) => !conflicts.has(tableKey(t)));
    const apis = usable.map((t) => buildApi(ctx, p.spec, t, routesByTable.get(tableKey(t)) ?? [], hostsByTable.get(tableKey(t))));
    const plans = buildPlans(p.spec, apis.map((a) => ({ apiId: a.apiId, routes: planRoutes(routesByTable.get(`${a.routeTable.namespace}/${a.routeTable.name}`) ?? [], looseRoutes) })), rateLimit, ctx.parts.authConfigs);
    for (const a of apis) a.usagePlans = plans.filter((pl) => pl.apiIds.includes(a.apiId)).map((pl) => pl.name);
    portals.push({
      name: p.metadata.name,
      namespace: p.metadata.namespace,
      domains,
      model: p.spec.portalModel ?? 'usage-plans',
      corsAllowOrigins: p.spec.cors?.allowOrigins ?? [],
      public: p.spec.visibility?.public ?? false,
      apis,
      usagePlans: plans,
      groups: groups.map((g) => buildGroup(g, usable, apis)),
    });
    const routes = usable.flatMap((t) => routesByTable.get(tableKey(t)) ?? []);
    const counts = {
      routeTablesCount: usable.length,
      extAuthPolicyCount: new Set(routes.map((r) => r.extAuth?.configId).filter(Boolean)).size,
      rateLimitPolicyCount: new Set(routes.map((r) => r.rateLimit?.domain).filter(Boolean)).size,
      portalBackendCount: 1,
    };
    const notes = [
      ...hidden,
      ...skipped.map((t) => `RouteTable ${tableKey(t)} is not listed: ${conflicts.get(tableKey(t))}`),
      ...apis.filter((a) => a.schemaError).map((a) => `API ${a.apiId}: ${a.schemaError}`),
    ];
    status(p, notes.length ? 'WARNING' : 'ACCEPTED', notes.join('; '), counts);
  }
  const portal: PortalServerConfig = { portals };
  return { ...emptyStageResult(), statuses, parts: { portal } };
};

function buildApi(ctx: TranslationContext, spec: PortalSpec, t: RouteTable, routes: RouteConfig[], hosts: Set<string> | undefined): PortalApi {
  const pm = t.spec.portalMetadata!;
  const schema = buildSchema(apiDocsFor(ctx.index, destinationsOf(t, routes)), routes);
  return {
    apiId: `${pm.apiProductId}-${pm.apiVersion}`,
    apiProductId: pm.apiProductId,
    // The routes stage resolved display-name conflicts (oldest table wins) into the route metadata.
    apiProductDisplayName: String(routes[0]?.filterMetadata[APIMANAGEMENT_NS]?.api_product_name ?? pm.apiProductDisplayName ?? pm.apiProductId),
    apiVersion: pm.apiVersion,
    title: pm.title ?? '',
    description: pm.description ?? '',
    termsOfService: pm.termsOfService ?? '',
    contact: pm.contact ?? '',
    license: pm.license ?? '',
    lifecycle: pm.lifecycle ?? '',
    customMetadata: { ...(pm.customMetadata ?? {}) },
    routeTable: { name: t.metadata.name, namespace: t.metadata.namespace },
    isPrivate: !(spec.visibility?.public ?? false) || labelsMatch(spec.visibility?.privateAPILabels, t.metadata.labels),
    usagePlans: [],
    schema: schema.schema,
    schemaError: schema.error,
    hosts: [...(hosts ?? [])],
    createdAt: t.metadata.creationTimestamp,
    updatedAt: t.metadata.creationTimestamp,
  };
}

function buildGroup(g: Resource<PortalGroupSpec>, tables: readonly RouteTable[], apis: readonly PortalApi[]): PortalGroupConfig {
  const granted = new Set(tables.filter((t) => selects(g.spec.accessLevel?.apis ?? [], t)).map(tableKey));
  return {
    name: g.metadata.name,
    namespace: g.metadata.namespace,
    displayName: g.spec.name ?? g.metadata.name,
    description: g.spec.description ?? '',
    membership: (g.spec.membership ?? []).map((m) => ({ claims: (m.claims ?? []).map((c) => ({ key: c.key, value: c.value ?? null })) })),
    apiIds: apis.filter((a) => granted.has(`${a.routeTable.namespace}/${a.routeTable.name}`)).map((a) => a.apiId),
    usagePlans: [...(g.spec.accessLevel?.usagePlans ?? [])],
  };
}

/** An API's routes plus the loose routes forwarding to one of the same upstreams. */
function planRoutes(apiRoutes: readonly RouteConfig[], loose: readonly RouteConfig[]): RouteConfig[] {
  const upstreams = new Set(apiRoutes.flatMap((r) => (r.action.type === 'forward' ? r.action.destinations.map((d) => d.name) : [])));
  return [...apiRoutes, ...loose.filter((r) => r.action.type === 'forward' && r.action.destinations.some((d) => upstreams.has(d.name)))];
}
