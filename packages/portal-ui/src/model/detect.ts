// Which portal model the server speaks, decided exactly as Solo's dev-portal-starter decides it
// (portal-teams-apps.md §3), so Portico's app and that frontend agree on every server: ask GET /v1/apis first;
// only when it failed, gave a non-array, or gave items with neither `id` nor `apiVersions`, ask GET
// /v1/api-products. A non-empty answer whose first item has `id` is the teams-and-apps model, one without it the
// usage-plans model; an empty one (or two failures) leaves the model unknown.

export type PortalModel = 'usage-plans' | 'teams-and-apps' | 'unknown';

/** Resolves to the parsed JSON of a 2xx answer; rejects on anything else (status, network, unparseable body). */
export type GetJson = (path: string) => Promise<unknown>;

const first = (v: unknown): Record<string, unknown> | null =>
  Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null ? (v[0] as Record<string, unknown>) : null;

function verdict(items: unknown[]): PortalModel {
  const head = first(items);
  if (!head) return 'unknown';
  return 'id' in head ? 'teams-and-apps' : 'usage-plans';
}

export async function detectPortalModel(get: GetJson): Promise<PortalModel> {
  let apis: unknown;
  try {
    apis = await get('/apis');
  } catch {
    apis = undefined;
  }
  if (Array.isArray(apis)) {
    if (apis.length === 0) return 'unknown';
    const head = first(apis);
    if (head && ('id' in head || 'apiVersions' in head)) return verdict(apis);
  }
  let products: unknown;
  try {
    products = await get('/api-products');
  } catch {
    return 'unknown';
  }
  return Array.isArray(products) ? verdict(products) : 'unknown';
}
