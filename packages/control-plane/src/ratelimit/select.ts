// Which routes a policy's applyToRoutes selects (gloo-api.md §7 test 23): a `route` selector picks routes
// carrying every listed label (effective, inherited labels); its name/namespace narrow to routes of that
// route table. An empty selector list selects nothing.
import type { RouteSelector } from '@portico/api';
import type { RouteConfig } from '@portico/gateway';

export function routeSelected(selectors: readonly RouteSelector[], route: RouteConfig): boolean {
  return selectors.some((s) => {
    const r = s.route;
    if (r === undefined) return false;
    if (r.name && r.name !== route.routeTable.name) return false;
    // Portico has no workspaces: like a single Gloo workspace spanning every namespace, a selector without
    // a namespace reaches routes in all of them.
    if (r.namespace && r.namespace !== route.routeTable.namespace) return false;
    return Object.entries(r.labels ?? {}).every(([k, v]) => route.labels[k] === v);
  });
}
