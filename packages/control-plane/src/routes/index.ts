import type { RouteTable } from '@portico/api';
import type { GatewayConfig, VirtualHostConfig } from '@portico/gateway';
import { emptyStageResult, type Stage, type TranslationContext } from '../translate/stage.ts';
import { flattenRoot, reportFor, type Walk } from './flatten.ts';
import { analyzeProducts, tableKey } from './portal.ts';
import { routeTableStatuses } from './status.ts';
import { applyAttachment, attachVirtualGateways } from '../gateways/index.ts';
import { workspacesOf } from '../workspaces/model.ts';
import { workspaceStatuses } from '../workspaces/status.ts';

// Stage 1 (architecture.md, contract 3): RouteTables (+ ExternalService / ExternalEndpoint / Service)
// → GatewayConfig, one virtual host per root table (`<name>.<namespace>`, its hosts as domains), plus
// RouteTable statuses. extAuth and rateLimit stay null; later stages fill them.
//
// Failure modes (gloo-api.md §4.5), chosen by the root table:
// - ROUTE_REPLACEMENT (default): a broken route answers 500, everything else is served as configured;
// - FREEZE_CONFIG: if anything in the tree is broken, the tree keeps serving its virtual host from the
//   previous snapshot (`ctx.previous`), untouched, until fixed. With no previous snapshot it falls back to
//   route replacement.

export const translateRoutes: Stage = (ctx: TranslationContext) => {
  const tables = ctx.index.list('RouteTable') as unknown as readonly RouteTable[];
  const products = analyzeProducts(tables);
  const candidates = tables.filter((t) => !products.conflicts.has(tableKey(t)));
  const walk: Walk = { index: ctx.index, candidates, products, reports: new Map(), broken: false };
  const virtualHosts: VirtualHostConfig[] = [];

  for (const root of candidates) {
    if ((root.spec.hosts?.length ?? 0) === 0) continue;
    walk.broken = false;
    const name = `${root.metadata.name}.${root.metadata.namespace}`;
    const routes = flattenRoot(root, walk);
    let vh: VirtualHostConfig = { name, domains: [...root.spec.hosts!], routes };
    if (walk.broken && root.spec.failureMode === 'FREEZE_CONFIG') {
      const previous = ctx.previous?.gateway.virtualHosts.find((v) => v.name === name);
      if (previous !== undefined) {
        vh = unfreezeCopy(previous);
        reportFor(walk, root).problems.add('FREEZE_CONFIG: serving the last accepted configuration until the errors are fixed');
      }
    }
    virtualHosts.push(vh);
  }

  // VirtualGateways: which listeners serve which root tables (tables naming none stay on the default listener).
  const roots = candidates.filter((t) => (t.spec.hosts?.length ?? 0) > 0);
  const attachment = attachVirtualGateways(ctx.index, roots, ctx.now);
  for (const t of roots) for (const p of attachment.tableProblems.get(tableKey(t)) ?? []) reportFor(walk, t).problems.add(p);
  const gateway: GatewayConfig = {
    revision: ctx.previous === null ? 1 : ctx.previous.revision + 1,
    virtualHosts: applyAttachment(virtualHosts, attachment),
    ...(attachment.listeners.length ? { listeners: attachment.listeners } : {}),
  };
  const ws = workspacesOf(ctx.index);
  const tableStatuses = routeTableStatuses(tables, walk.reports, products.conflicts, ctx.now, ws.defined ? ws.of : null);
  const events = tableStatuses.events;
  const statuses = tableStatuses.statuses.map((s) => {
    const allowed = attachment.allowed.get(`${s.ref.namespace}/${s.ref.name}`);
    return allowed === undefined ? s : { ...s, status: { ...(s.status as object), numAllowedVirtualGateways: allowed } };
  });
  statuses.push(...attachment.statuses);
  statuses.push(...workspaceStatuses(workspacesOf(ctx.index), ctx.now));
  return { ...emptyStageResult(), statuses, events, parts: { gateway } };
};

/**
 * A previous snapshot is deep-frozen and its routes carry what later stages added; copy it and clear
 * extAuth / rateLimit so the later stages of this run decide them again.
 */
function unfreezeCopy(vh: VirtualHostConfig): VirtualHostConfig {
  const copy = structuredClone(vh) as VirtualHostConfig;
  for (const r of copy.routes) {
    r.extAuth = null;
    r.rateLimit = null;
  }
  return copy;
}
