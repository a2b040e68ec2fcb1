// Which routes a route policy selects. Delegates to the shared selection of the routes stage; kept as one
// seam so every policy family of issue 12 selects the same way (gloo-api-more.md §1).
import type { Resource, RouteSelector } from '@portico/api';
import type { RouteConfig } from '@portico/gateway';
import { routeSelected } from '../ratelimit/select.ts';
import type { ResourceIndex } from '../translate/stage.ts';

export interface Selection {
  routes: RouteConfig[];
  /** Notes for the policy status (ignored selector fields). */
  notes: string[];
}

/** `whenEmpty: 'workspace'` — an omitted/empty applyToRoutes selects every route of the policy's workspace. */
export function selectRoutes(
  _index: ResourceIndex,
  _policy: Resource,
  applyToRoutes: readonly RouteSelector[] | undefined,
  routes: readonly RouteConfig[],
  opts: { whenEmpty: 'workspace' | 'none' },
): Selection {
  const notes: string[] = [];
  const sel = applyToRoutes ?? [];
  if (sel.length === 0) return { routes: opts.whenEmpty === 'workspace' ? [...routes] : [], notes };
  sel.forEach((s, i) => {
    if (s.route?.name) notes.push(`applyToRoutes[${i}].route.name is ignored (removed from the Gloo API in 2.3)`);
    if (s.withDestinations) notes.push(`applyToRoutes[${i}].withDestinations is not supported`);
  });
  const cleaned = sel.map((s) => (s.route?.name ? { ...s, route: { ...s.route, name: undefined } } : s));
  return { routes: routes.filter((r) => routeSelected(cleaned, r)), notes };
}
