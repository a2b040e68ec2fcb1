import { makeGlooStatus, refOf, type RouteTable } from '@portico/api';
import type { StageEvent, StatusUpdate } from '../translate/stage.ts';
import type { TableReport } from './flatten.ts';
import { tableRouteNames } from './names.ts';
import { tableKey } from './portal.ts';

// RouteTable statuses (gloo-api.md §1.5): INVALID for a table that cannot be used at all (product
// version conflict), WARNING when some of its routes were replaced or its tree is frozen, else ACCEPTED.
// Also the effective route names and the number of parent tables.

export function routeTableStatuses(
  tables: readonly RouteTable[],
  reports: ReadonlyMap<string, TableReport>,
  conflicts: ReadonlyMap<string, string>,
  now: string,
  workspaceOf: ((namespace: string) => string) | null = null,
): { statuses: StatusUpdate[]; events: StageEvent[] } {
  const statuses: StatusUpdate[] = [];
  const events: StageEvent[] = [];
  for (const t of tables) {
    const key = tableKey(t);
    const report = reports.get(key);
    const conflict = conflicts.get(key);
    const problems = [...(report?.problems ?? [])];
    const gen = t.metadata.generation;
    const base =
      conflict !== undefined
        ? makeGlooStatus('INVALID', gen, conflict, 'Conflict', now)
        : problems.length > 0
          ? makeGlooStatus('WARNING', gen, problems.join('; '), 'PartiallyApplied', now)
          : makeGlooStatus('ACCEPTED', gen, '', 'Reconciled', now);
    const names = tableRouteNames(t.spec.http ?? []);
    statuses.push({
      ref: refOf(t),
      status: {
        ...base,
        numParentRouteTables: report?.parents.size ?? 0,
        ...(workspaceOf ? { ownedByWorkspace: workspaceOf(t.metadata.namespace) } : {}),
        routes: names.map((name, index) => ({ index, name })),
      },
    });
    const message = conflict ?? (problems.length > 0 ? problems.join('; ') : null);
    if (message !== null) {
      events.push({ ref: refOf(t), type: 'Warning', reason: conflict !== undefined ? 'Conflict' : 'RouteReplaced', message });
    }
  }
  return { statuses, events };
}
