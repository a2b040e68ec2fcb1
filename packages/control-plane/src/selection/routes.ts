// THE route-policy selection (gloo-api-more.md §1), shared by every policy stage (ExtAuthPolicy, RateLimitPolicy,
// and each newer route policy): which flattened routes a policy's `applyToRoutes` picks, workspace-aware.
//
// - A `route` selector picks routes carrying every listed label (effective labels, inherited through delegation);
//   `namespace` / `workspace` narrow to routes whose defining RouteTable lives there; `cluster` matches Portico's
//   single cluster; `name` (removed from Gloo in 2.3) is ignored with a note and never filters.
// - Workspaces: a policy in workspace W applies only to routes whose defining RouteTable belongs to W — routes
//   exported from another workspace keep their own workspace's policies. A selector naming another workspace, or a
//   namespace outside W, selects nothing and is reported.
// - A `withDestinations` selector picks forwardTo routes by destination: kind (SERVICE default | EXTERNAL_SERVICE),
//   the destination object's name/namespace/labels/workspace, and port number or name. VIRTUAL_DESTINATION is
//   reported and selects nothing.
// - An empty/omitted `applyToRoutes` selects nothing (`whenEmpty: 'none'`, ExtAuthPolicy, RateLimitPolicy) or every
//   route of the policy's workspace (`whenEmpty: 'workspace'`, CORS/Transformation/HeaderManipulation/… policies).
// Routes come back in gateway order; `notes` are messages for the policy's status (each makes it WARNING).
import type { DestinationSelector, Resource, RouteSelector } from '@portico/api';
import type { RouteConfig } from '@portico/gateway';
import type { ResourceIndex } from '../translate/stage.ts';
import { workspacesOf } from '../workspaces/model.ts';

export interface RouteSelection {
  routes: RouteConfig[];
  notes: string[];
}

export interface SelectOptions {
  /** What an empty or omitted applyToRoutes selects (per kind, gloo-api-more.md §1). */
  whenEmpty: 'none' | 'workspace';
  /** Field path used in notes; default `applyToRoutes`. */
  field?: string;
}

export function selectRoutes(
  index: ResourceIndex,
  policy: Pick<Resource, 'metadata'>,
  selectors: readonly RouteSelector[] | undefined,
  routes: readonly RouteConfig[],
  options: SelectOptions,
): RouteSelection {
  const ws = workspacesOf(index);
  const own = ws.of(policy.metadata.namespace);
  const field = options.field ?? 'applyToRoutes';
  const notes: string[] = [];
  const inWorkspace = (r: RouteConfig) => ws.of(r.routeTable.namespace) === own;
  if (selectors === undefined || selectors.length === 0) {
    return { routes: options.whenEmpty === 'workspace' ? routes.filter(inWorkspace) : [], notes };
  }
  const usable: NonNullable<RouteSelector['route']>[] = [];
  const byDestination: NonNullable<RouteSelector['withDestinations']>[] = [];
  selectors.forEach((s, i) => {
    const at = `${field}[${i}]`;
    if (s.withDestinations !== undefined) {
      const d = s.withDestinations;
      if (d.kind === 'VIRTUAL_DESTINATION') notes.push(`${at}.withDestinations.kind VIRTUAL_DESTINATION is not supported; it selects nothing`);
      else if (d.selector?.workspace && !ws.exists(d.selector.workspace)) notes.push(`${at}.withDestinations.selector.workspace: no Workspace named ${d.selector.workspace}; it selects nothing`);
      else byDestination.push(d);
      return;
    }
    const r = s.route;
    if (r === undefined) return;
    if (r.name) notes.push(`${at}.route.name is ignored (removed from Gloo's RouteSelector in 2.3); select by labels`);
    if (r.workspace && !ws.exists(r.workspace)) {
      notes.push(`${at}.route.workspace: no Workspace named ${r.workspace}; this selector selects nothing`);
      return;
    }
    if (ws.defined && r.workspace && r.workspace !== own) {
      notes.push(`${at}.route.workspace: ${r.workspace} is refused: a policy in workspace ${own} applies only to its own workspace's routes`);
      return;
    }
    if (ws.defined && r.namespace && ws.of(r.namespace) !== own) {
      notes.push(`${at}.route.namespace: ${r.namespace} is refused: it belongs to workspace ${ws.of(r.namespace)}, not ${own}`);
      return;
    }
    usable.push(r);
  });
  const picked = routes.filter(
    (route) =>
      inWorkspace(route) &&
      (usable.some(
        (r) =>
          (!r.namespace || r.namespace === route.routeTable.namespace) &&
          (!r.workspace || ws.of(route.routeTable.namespace) === r.workspace) &&
          Object.entries(r.labels ?? {}).every(([k, v]) => route.labels[k] === v),
      ) ||
        (byDestination.length > 0 && forwardsTo(index, route, byDestination, ws.of))),
  );
  return { routes: picked, notes };
}

/** `withDestinations`: the route forwards to an object the selector matches (kind, name, namespace, labels,
 *  workspace of the destination, port number or name). */
function forwardsTo(index: ResourceIndex, route: RouteConfig, selectors: readonly DestinationSelector[], workspaceOf: (ns: string) => string): boolean {
  if (route.action.type !== 'forward') return false;
  return route.action.destinations.some((d) => {
    const src = d.source;
    if (src === undefined) return false;
    const labels = index.get(src.kind === 'SERVICE' ? 'Service' : 'ExternalService', src.namespace, src.name)?.metadata.labels ?? {};
    return selectors.some((s) => {
      const o = s.selector ?? {};
      return (
        (s.kind ?? 'SERVICE') === src.kind &&
        (!o.name || o.name === src.name) &&
        (!o.namespace || o.namespace === src.namespace) &&
        (!o.workspace || workspaceOf(src.namespace) === o.workspace) &&
        Object.entries(o.labels ?? {}).every(([k, v]) => labels[k] === v) &&
        (s.port?.number === undefined || s.port.number === src.port) &&
        (s.port?.name === undefined || s.port.name === src.portName)
      );
    });
  });
}
