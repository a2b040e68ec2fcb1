import type { DelegateAction, RouteTable } from '@portico/api';
import type { MatcherConfig } from '@portico/gateway';

// Which child tables a delegate action selects, and the two sort methods (gloo-api.md §1.3; the
// ROUTE_SPECIFICITY example of route_table.proto is reproduced in the tests).

/**
 * Selectors in list order; a label selector picks tables oldest first (`candidates` is in creation order),
 * a name reference keeps list order; a table selected twice keeps its first place. Empty selector fields
 * mean "any"; root tables (with hosts) are never delegated to. Workspaces (gloo-api-more.md §3): a table the
 * delegating table's workspace cannot see (`refusal` gives why) is not selected but returned in `refused`;
 * `workspace: X` narrows to tables owned by X.
 */
export function selectChildren(
  action: DelegateAction,
  candidates: readonly RouteTable[],
  workspace: { of(namespace: string): string; refusal(t: RouteTable): string | null } = { of: () => '', refusal: () => null },
): { tables: RouteTable[]; refused: { table: RouteTable; reason: string }[] } {
  const out: RouteTable[] = [];
  const refused: { table: RouteTable; reason: string }[] = [];
  const seen = new Set<RouteTable>();
  for (const sel of action.routeTables ?? []) {
    for (const t of candidates) {
      if ((t.spec.hosts?.length ?? 0) > 0) continue;
      if (sel.name !== undefined && sel.name !== '' && t.metadata.name !== sel.name) continue;
      if (sel.namespace !== undefined && sel.namespace !== '' && t.metadata.namespace !== sel.namespace) continue;
      if (sel.workspace !== undefined && sel.workspace !== '' && workspace.of(t.metadata.namespace) !== sel.workspace) continue;
      const labels = sel.labels ?? {};
      if (!Object.entries(labels).every(([k, v]) => t.metadata.labels[k] === v)) continue;
      if (seen.has(t)) continue;
      seen.add(t);
      const reason = workspace.refusal(t);
      if (reason === null) out.push(t);
      else refused.push({ table: t, reason });
    }
  }
  return { tables: out, refused };
}

/** TABLE_WEIGHT: higher spec.weight first; equal weights keep selection order (Array.sort is stable). */
export function sortByTableWeight(tables: RouteTable[]): RouteTable[] {
  return [...tables].sort((a, b) => (b.spec.weight ?? 0) - (a.spec.weight ?? 0));
}

export interface Sortable {
  matchers: MatcherConfig[];
  /** Weight of the child table the route came from (tie-breaker across tables). */
  tableWeight: number;
  /** Position of that table in the selection, then of the route in it (keeps author order). */
  tableOrder: number;
  routeOrder: number;
}

const RANK = { exact: 0, regex: 1, prefix: 2 } as const;

/** The most specific matcher of a route: exact > regex > prefix, longer paths first (regex all equal). */
function specificity(matchers: MatcherConfig[]): { rank: number; length: number } {
  let best: { rank: number; length: number } = { rank: RANK.prefix, length: 0 };
  for (const m of matchers) {
    if (m.uri === null) continue;
    const rank = RANK[m.uri.type];
    const length = m.uri.type === 'regex' ? 0 : m.uri.value.length;
    if (rank < best.rank || (rank === best.rank && length > best.length)) best = { rank, length };
  }
  return best;
}

/** ROUTE_SPECIFICITY over every route the delegation produced (including deeper delegations). */
export function sortBySpecificity<T extends Sortable>(routes: T[]): T[] {
  const keyed = routes.map((r) => ({ r, s: specificity(r.matchers) }));
  keyed.sort(
    (a, b) =>
      a.s.rank - b.s.rank ||
      b.s.length - a.s.length ||
      b.r.tableWeight - a.r.tableWeight ||
      a.r.tableOrder - b.r.tableOrder ||
      a.r.routeOrder - b.r.routeOrder,
  );
  return keyed.map((k) => k.r);
}
