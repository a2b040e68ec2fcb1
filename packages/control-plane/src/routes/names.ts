// Route names as Gloo generates them (gloo-api.md §1.2, §1.3): a leading `insecure-` is trimmed,
// repeats within one table become `duplicate-<name>-<n>`, unnamed routes are `unnamed-<index>`, and the
// effective (Envoy) route name chains the tables from the route's own table up to the root:
// `<route>-<childRT>.<ns>.<cluster>--<parentRT>.<ns>.<cluster>`.

/** The cluster segment of generated names (Portico runs one "cluster"). */
export const CLUSTER_NAME = 'cluster1';

/** Effective names of a table's http routes, by index. */
export function tableRouteNames(routes: readonly { name?: string | undefined }[]): string[] {
  const seen = new Map<string, number>();
  return routes.map((r, i) => {
    const raw = r.name ?? '';
    if (raw === '') return `unnamed-${i}`;
    const name = raw.startsWith('insecure-') ? raw.slice('insecure-'.length) : raw;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? name : `duplicate-${name}-${n}`;
  });
}

export function tableSegment(t: { name: string; namespace: string }): string {
  return `${t.name}.${t.namespace}.${CLUSTER_NAME}`;
}

/** chain: the route's own table first, then each parent up to the root. */
export function effectiveRouteName(routeName: string, chain: readonly { name: string; namespace: string }[]): string {
  return `${routeName}-${chain.map(tableSegment).join('--')}`;
}
