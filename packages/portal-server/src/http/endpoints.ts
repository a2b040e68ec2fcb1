// One fastify route per method + path, even where the two portal models answer differently (GET /v1/me,
// DELETE /v1/api-keys/:id): the Portal serving the request picks the RouteSpec of its model. An operation
// its model does not have answers 404, which is how Solo's frontend tells the models apart (GET /v1/apis fails
// on a teams-and-apps portal, portal-teams-apps.md §3).
import type { PortalModel } from '../config/types.ts';
import type { RouteSpec } from './route-spec.ts';

export interface Endpoint {
  method: RouteSpec['method'];
  url: string;
  /** Request schemas of the first spec; responses of every spec (their status codes do not overlap, or share a schema). */
  schema: RouteSpec['schema'];
  pick(model: PortalModel): RouteSpec | null;
}

export function groupEndpoints(routes: readonly RouteSpec[]): Endpoint[] {
  const byKey = new Map<string, RouteSpec[]>();
  for (const r of routes) {
    const key = `${r.method} ${r.url}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return [...byKey.values()].map((specs) => ({
    method: specs[0]!.method,
    url: specs[0]!.url,
    schema: { ...specs[0]!.schema, response: Object.assign({}, ...specs.map((s) => s.schema.response)) },
    // A spec for exactly this model wins over one that serves every model.
    pick: (model) => specs.find((s) => s.models?.includes(model)) ?? specs.find((s) => !s.models) ?? null,
  }));
}
