import type { HTTPRoute, RouteTable } from '@portico/api';
import { APIMANAGEMENT_NS, type MatcherConfig, type RouteActionConfig, type RouteConfig } from '@portico/gateway';
import type { ResourceIndex } from '../translate/stage.ts';
import { convertAction } from './actions.ts';
import { composeMatchers, convertMatcher, type Conversion } from './matchers.ts';
import { effectiveRouteName, tableRouteNames } from './names.ts';
import { tableKey, type ApiManagementMetadata, type ProductAnalysis } from './portal.ts';
import { selectChildren, sortBySpecificity, sortByTableWeight } from './select.ts';
import { workspacesOf } from '../workspaces/model.ts';

// Walks one root table's delegation tree and produces its flattened route list, in evaluation order.
// Broken routes are replaced by a 500 direct response (ROUTE_REPLACEMENT) and reported on their table;
// the caller decides whether the root's FREEZE_CONFIG mode discards the result instead.

export interface TableReport {
  problems: Set<string>;
  parents: Set<string>;
}

export interface Walk {
  index: ResourceIndex;
  /** Tables that may be delegated to (valid ones), oldest first. */
  candidates: readonly RouteTable[];
  products: ProductAnalysis;
  reports: Map<string, TableReport>;
  /** Set when any route of the current root's tree had to be replaced. */
  broken: boolean;
}

interface Parent {
  matchers: MatcherConfig[];
  labels: Record<string, string>;
  /** Parent tables, nearest first (for route names). */
  chain: { name: string; namespace: string }[];
  apiMeta: ApiManagementMetadata | null;
  visiting: ReadonlySet<RouteTable>;
  /** The root table's workspace: every table and destination of the tree must be visible from it. */
  workspace: string;
}

interface FlatRoute {
  config: RouteConfig;
  tableWeight: number;
}

type TableResult = { ok: true; routes: FlatRoute[] } | { ok: false; conflict: string } | { ok: false; refused: string };

export function reportFor(walk: Walk, t: RouteTable): TableReport {
  const key = tableKey(t);
  let r = walk.reports.get(key);
  if (r === undefined) {
    r = { problems: new Set(), parents: new Set() };
    walk.reports.set(key, r);
  }
  return r;
}

export function flattenRoot(root: RouteTable, walk: Walk): RouteConfig[] {
  const workspace = workspacesOf(walk.index).of(root.metadata.namespace);
  const result = flattenTable(root, { matchers: [], labels: {}, chain: [], apiMeta: null, visiting: new Set([root]), workspace }, walk);
  // A root has no parent matchers, so nothing can conflict at this level.
  return result.ok ? result.routes.map((r) => r.config) : [];
}

function flattenTable(table: RouteTable, parent: Parent, walk: Walk): TableResult {
  const routes = table.spec.http ?? [];
  const names = tableRouteNames(routes);
  const self = { name: table.metadata.name, namespace: table.metadata.namespace };
  const chain = [self, ...parent.chain];
  const apiMeta = walk.products.metadata.get(tableKey(table)) ?? parent.apiMeta;
  const out: FlatRoute[] = [];
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    const labels = { ...parent.labels, ...table.metadata.labels, ...(route.labels ?? {}) };
    const filterMetadata: RouteConfig['filterMetadata'] = apiMeta === null ? {} : { [APIMANAGEMENT_NS]: { ...apiMeta } };
    const base: Omit<RouteConfig, 'matchers' | 'action'> = {
      name: effectiveRouteName(names[i]!, chain),
      routeTable: self,
      routeIndex: i,
      labels,
      filterMetadata,
      extAuth: null,
      rateLimit: null,
    };
    const own = convertMatchers(route);
    if (!own.ok) {
      // Matchers that cannot be evaluated match nothing: the route is left out (a 500 stand-in with the
      // parent's broader matchers would swallow its siblings' traffic) and reported.
      reportFor(walk, table).problems.add(`route ${names[i]}: ${own.message} (route not served)`);
      walk.broken = true;
      continue;
    }
    const matchers = composeMatchers(parent.matchers, own.value);
    if (!matchers.ok) return { ok: false, conflict: `route ${names[i]} of RouteTable ${tableKey(table)}: ${matchers.message}` };

    if (route.delegate !== undefined) {
      const child = { matchers: matchers.value, labels, chain, apiMeta, visiting: parent.visiting, workspace: parent.workspace };
      const delegated = delegate(table, route, names[i]!, child, walk);
      if (delegated.ok) out.push(...delegated.routes);
      else if ('refused' in delegated) out.push(replaced(base, matchers.value, table, names[i]!, delegated.refused, walk));
      else out.push(replaced(base, matchers.value, table, names[i]!, `conflicting matchers in delegation: ${delegated.conflict}`, walk));
      continue;
    }
    const hidden = hiddenDestination(route, table, parent.workspace, walk);
    if (hidden !== null) {
      out.push(replaced(base, matchers.value, table, names[i]!, hidden, walk));
      continue;
    }
    const action = convertAction(route, {
      index: walk.index,
      namespace: table.metadata.namespace,
      defaultDestination: table.spec.defaultDestination,
    });
    if (!action.ok) out.push(replaced(base, matchers.value, table, names[i]!, action.message, walk));
    else out.push({ config: { ...base, matchers: matchers.value, action: action.value }, tableWeight: table.spec.weight ?? 0 });
  }
  return { ok: true, routes: out };
}

function delegate(table: RouteTable, route: HTTPRoute, routeName: string, parent: Parent, walk: Walk): TableResult {
  const action = route.delegate!;
  const ws = workspacesOf(walk.index);
  for (const sel of action.routeTables ?? []) {
    if (sel.workspace && !ws.exists(sel.workspace)) reportFor(walk, table).problems.add(`route ${routeName}: delegate.routeTables[].workspace: no Workspace named ${sel.workspace}; it selects nothing`);
  }
  const { tables: selected, refused } = selectChildren(action, walk.candidates, {
    of: ws.of,
    refusal: (t) => ws.refusal(parent.workspace, { kind: 'RouteTable', namespace: t.metadata.namespace, name: t.metadata.name, labels: t.metadata.labels }),
  });
  for (const r of refused) {
    reportFor(walk, table).problems.add(`route ${routeName}: delegation to ${r.reason} (refused: crosses a workspace boundary)`);
    reportFor(walk, r.table).problems.add(`not delegated to by RouteTable ${tableKey(table)}: ${r.reason}`);
    walk.broken = true;
  }
  if (selected.length === 0 && refused.length > 0) {
    return { ok: false, refused: `delegation refused: ${refused.map((r) => r.reason).join('; ')}` };
  }
  const children: RouteTable[] = [];
  for (const c of selected) {
    if (parent.visiting.has(c)) {
      reportFor(walk, table).problems.add(`delegation cycle: RouteTable ${tableKey(c)} is already an ancestor`);
      walk.broken = true;
      continue;
    }
    children.push(c);
  }
  if (selected.length === 0 && refused.length === 0) reportFor(walk, table).problems.add(`route ${routeName}: delegate selects no RouteTable`);
  const ordered = sortByTableWeight(children);
  let all: FlatRoute[] = [];
  for (const c of ordered) {
    reportFor(walk, c).parents.add(tableKey(table));
    const r = flattenTable(c, { ...parent, visiting: new Set([...parent.visiting, c]) }, walk);
    if (!r.ok) return r;
    all = all.concat(r.routes);
  }
  if (action.sortMethod === 'ROUTE_SPECIFICITY') {
    const sorted = sortBySpecificity(
      all.map((r, i) => ({ matchers: r.config.matchers, tableWeight: r.tableWeight, tableOrder: 0, routeOrder: i, r })),
    );
    all = sorted.map((s) => s.r);
  }
  return { ok: true, routes: all };
}

function convertMatchers(route: HTTPRoute): Conversion<MatcherConfig[]> {
  const out: MatcherConfig[] = [];
  for (const m of route.matchers ?? []) {
    const c = convertMatcher(m);
    if (!c.ok) return c;
    out.push(c.value);
  }
  return { ok: true, value: out };
}

/** ROUTE_REPLACEMENT: the route keeps its matchers but answers 500 saying why. */
function replaced(
  base: Omit<RouteConfig, 'matchers' | 'action'>,
  matchers: MatcherConfig[],
  table: RouteTable,
  routeName: string,
  message: string,
  walk: Walk,
): FlatRoute {
  reportFor(walk, table).problems.add(`route ${routeName}: ${message}`);
  walk.broken = true;
  const action: RouteActionConfig = {
    type: 'directResponse',
    status: 500,
    body: `route ${routeName} of RouteTable ${tableKey(table)} is misconfigured: ${message}\n`,
  };
  return { config: { ...base, matchers, action }, tableWeight: table.spec.weight ?? 0 };
}

/** A destination the root's workspace cannot see (not exported to it and imported by it) breaks the route. */
function hiddenDestination(route: HTTPRoute, table: RouteTable, workspace: string, walk: Walk): string | null {
  if (route.forwardTo === undefined) return null;
  const ws = workspacesOf(walk.index);
  if (!ws.defined) return null;
  const refs = route.forwardTo.destinations?.length ? route.forwardTo.destinations : table.spec.defaultDestination ? [table.spec.defaultDestination] : [];
  for (const d of refs) {
    if (d.ref === undefined) continue;
    const kind = d.kind === 'EXTERNAL_SERVICE' ? 'ExternalService' : d.kind === 'VIRTUAL_DESTINATION' ? 'VirtualDestination' : 'Service';
    const namespace = d.ref.namespace || table.metadata.namespace;
    const target = walk.index.get(kind, namespace, d.ref.name);
    const why = ws.refusal(workspace, { kind, namespace, name: d.ref.name, labels: target?.metadata.labels ?? {} });
    if (why !== null) return `destination ${why} (refused: crosses a workspace boundary)`;
  }
  return null;
}
