// Workspace and WorkspaceSettings statuses (gloo-api-more.md §3): the namespaces each workspace owns, its settings,
// and what could not be honoured (a namespace taken by an older workspace, a second WorkspaceSettings).
import { makeGlooStatus, refOf } from '@portico/api';
import type { StatusUpdate } from '../translate/stage.ts';
import type { WorkspaceModel } from './model.ts';

export function workspaceStatuses(model: WorkspaceModel, now: string): StatusUpdate[] {
  const out: StatusUpdate[] = [];
  for (const w of model.workspaces) {
    const gen = w.resource.metadata.generation;
    const base = w.problems.length
      ? makeGlooStatus(w.namespaces.length ? 'WARNING' : 'INVALID', gen, w.problems.join('; '), w.namespaces.length ? 'PartiallyApplied' : 'Invalid', now)
      : makeGlooStatus('ACCEPTED', gen, '', 'Reconciled', now);
    out.push({
      ref: refOf(w.resource),
      status: {
        ...base,
        namespaces: w.namespaces,
        numSelectedNamespaces: w.namespaces.length,
        ...(w.settings ? { workspaceSettings: { name: w.settings.metadata.name, namespace: w.settings.metadata.namespace } } : {}),
      },
    });
  }
  for (const s of model.settings) {
    const gen = s.resource.metadata.generation;
    const base = s.conflict
      ? makeGlooStatus('INVALID', gen, s.conflict, 'Conflict', now)
      : s.problems.length
        ? makeGlooStatus('WARNING', gen, s.problems.join('; '), 'PartiallyApplied', now)
        : makeGlooStatus('ACCEPTED', gen, '', 'Reconciled', now);
    out.push({ ref: refOf(s.resource), status: { ...base, ...(s.workspace ? { workspace: s.workspace } : {}) } });
  }
  return out;
}
