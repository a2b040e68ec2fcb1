// The workspace model (gloo-api-more.md §3), computed once per ResourceIndex and shared by every stage:
// which workspace owns each namespace, which WorkspaceSettings govern each workspace, and whether a resource
// owned by one workspace is visible to another (exported by its owner AND imported by the other).
// With no Workspace defined, every namespace belongs to one implicit workspace and everything is visible —
// Portico's behaviour before workspaces.
import type { Resource, ShareableResource, WorkspaceSettingsSpec, WorkspaceSharing, WorkspaceSpec } from '@portico/api';
import { KINDS } from '@portico/api';
import type { ResourceIndex } from '../translate/stage.ts';
import { globMatches, labelsMatch } from './glob.ts';

/** The single workspace every namespace belongs to while no Workspace exists. */
export const IMPLICIT_WORKSPACE = '<implicit>';
/** Namespaces that no Workspace selects (once some exist) are each alone: `<none:namespace>`; their resources see
 *  only their own namespace. */
export const NO_WORKSPACE = '<none';
const unassigned = (ns: string) => `${NO_WORKSPACE}:${ns}>`;
const isUnassigned = (w: string) => w.startsWith(NO_WORKSPACE);
/** A WorkspaceSettings with this name in the admin namespace applies to every workspace (gloo-api-more.md §3). */
export const GLOBAL_SETTINGS = { name: 'global', namespace: 'gloo-mesh' } as const;

/** Portico kinds that WorkspaceSettings can export/import, by their `resources[].kind` enum value. */
const SHARE_KIND: Record<string, string> = {
  RouteTable: 'ROUTE_TABLE',
  Service: 'SERVICE',
  ExternalService: 'EXTERNAL_SERVICE',
  ApiDoc: 'API_DOC',
};

export interface SharedThing {
  kind: string;
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
}

export interface WorkspaceModel {
  /** True when at least one Workspace exists (isolation is on). */
  readonly defined: boolean;
  /** Whether a Workspace with this name exists. */
  exists(name: string): boolean;
  /** The workspace owning `namespace`: a Workspace name, IMPLICIT_WORKSPACE or `<none:namespace>`. */
  of(namespace: string): string;
  /** null when `thing` (owned by its namespace's workspace) is visible from `consumer`; else why not. */
  refusal(consumer: string, thing: SharedThing): string | null;
  /** Per Workspace / WorkspaceSettings: what translation decided (for statuses). */
  readonly workspaces: readonly WorkspaceInfo[];
  readonly settings: readonly SettingsInfo[];
}

export interface WorkspaceInfo {
  resource: Resource<WorkspaceSpec>;
  namespaces: string[];
  settings: Resource<WorkspaceSettingsSpec> | null;
  problems: string[];
}

export interface SettingsInfo {
  resource: Resource<WorkspaceSettingsSpec>;
  workspace: string | null;
  problems: string[];
  /** Set when another WorkspaceSettings of the same workspace is older (this one is not used). */
  conflict: string | null;
}

const cache = new WeakMap<ResourceIndex, WorkspaceModel>();

/** The model for this index (built once; every stage of one translation run shares it). */
export function workspacesOf(index: ResourceIndex): WorkspaceModel {
  let m = cache.get(index);
  if (!m) cache.set(index, (m = buildModel(index)));
  return m;
}

function knownNamespaces(index: ResourceIndex): string[] {
  const set = new Set<string>();
  for (const k of KINDS) for (const r of index.list(k.kind)) set.add(r.metadata.namespace);
  return [...set].sort();
}

function buildModel(index: ResourceIndex): WorkspaceModel {
  const wsList = index.list<WorkspaceSpec>('Workspace');
  const settingsList = index.list<WorkspaceSettingsSpec>('WorkspaceSettings');
  if (wsList.length === 0) {
    return {
      defined: false,
      exists: () => false,
      of: () => IMPLICIT_WORKSPACE,
      refusal: () => null,
      workspaces: [],
      settings: settingsList.map((s) => ({ resource: s, workspace: null, problems: ['no Workspace exists: every namespace is in one implicit workspace, so this WorkspaceSettings has no effect'], conflict: null })),
    };
  }

  // Namespace ownership: the oldest Workspace selecting a namespace owns it (lists are oldest first).
  const owner = new Map<string, string>();
  const infos: WorkspaceInfo[] = [];
  const namespaces = knownNamespaces(index);
  for (const ws of wsList) {
    const info: WorkspaceInfo = { resource: ws, namespaces: [], settings: null, problems: [] };
    const entries = (ws.spec.workloadClusters ?? []).flatMap((c) => (c.configEnabled === false ? [] : (c.namespaces ?? []).filter((n) => n.configEnabled !== false)));
    if (entries.length === 0) info.problems.push('the workspace selects no namespace (spec.workloadClusters[].namespaces is empty)');
    for (const ns of namespaces) {
      if (!entries.some((e) => globMatches(e.name, ns) && Object.keys(e.labels ?? {}).length === 0)) continue;
      const taken = owner.get(ns);
      if (taken !== undefined && taken !== ws.metadata.name) {
        info.problems.push(`namespace ${ns} already belongs to the older workspace ${taken}`);
        continue;
      }
      owner.set(ns, ws.metadata.name);
      info.namespaces.push(ns);
    }
    infos.push(info);
  }
  const of = (ns: string) => owner.get(ns) ?? dynamicOwner(wsList, owner, ns);

  // Settings: one per workspace (oldest wins); `global` in the admin namespace applies to all.
  const settingsInfos: SettingsInfo[] = [];
  const byWorkspace = new Map<string, Resource<WorkspaceSettingsSpec>>();
  let global: Resource<WorkspaceSettingsSpec> | null = null;
  for (const s of settingsList) {
    if (s.metadata.name === GLOBAL_SETTINGS.name && s.metadata.namespace === GLOBAL_SETTINGS.namespace) {
      global = s;
      settingsInfos.push({ resource: s, workspace: null, problems: [], conflict: null });
      continue;
    }
    const w = of(s.metadata.namespace);
    const info: SettingsInfo = { resource: s, workspace: isUnassigned(w) ? null : w, problems: [], conflict: null };
    if (isUnassigned(w)) info.problems.push(`namespace ${s.metadata.namespace} belongs to no Workspace, so these settings govern nothing`);
    else if (byWorkspace.has(w)) {
      const first = byWorkspace.get(w)!;
      info.conflict = `workspace ${w} already has WorkspaceSettings ${first.metadata.namespace}/${first.metadata.name}`;
    } else byWorkspace.set(w, s);
    settingsInfos.push(info);
  }
  for (const i of infos) i.settings = byWorkspace.get(i.resource.metadata.name) ?? null;

  const wsLabels = new Map(wsList.map((w) => [w.metadata.name, w.metadata.labels]));
  const sharing = (w: string, dir: 'exportTo' | 'importFrom'): WorkspaceSharing[] => [
    ...(byWorkspace.get(w)?.spec[dir] ?? []),
    ...(global?.spec[dir] ?? []),
  ];
  const shares = (entries: readonly WorkspaceSharing[], other: string, thing: SharedThing) =>
    entries.some((e) => workspaceSelected(e, other, wsLabels.get(other) ?? {}) && resourceSelected(e.resources, thing));

  return {
    defined: true,
    exists: (name) => wsLabels.has(name),
    of,
    workspaces: infos,
    settings: settingsInfos,
    refusal(consumer, thing) {
      const o = of(thing.namespace);
      if (o === consumer) return null;
      const what = `${thing.kind} ${thing.namespace}/${thing.name} (${isUnassigned(o) ? 'in no workspace' : `workspace ${o}`})`;
      if (isUnassigned(o) && !isUnassigned(consumer)) return `${what} is not visible from workspace ${consumer}`;
      if (isUnassigned(consumer)) return `${what} is not visible from namespace ${consumer.slice(NO_WORKSPACE.length + 1, -1)}, which no Workspace selects`;
      if (SHARE_KIND[thing.kind] === undefined) return `${what} cannot cross workspaces: ${thing.kind} is not exportable`;
      if (!shares(sharing(o, 'exportTo'), consumer, thing)) return `${what} is not exported to workspace ${consumer}`;
      if (!shares(sharing(consumer, 'importFrom'), o, thing)) return `${what} is not imported by workspace ${consumer}`;
      return null;
    },
  };
}

/** Namespaces that appear later than the model (none today) still get an owner by the same rule. */
function dynamicOwner(wsList: readonly Resource<WorkspaceSpec>[], owner: Map<string, string>, ns: string): string {
  for (const ws of wsList) {
    const hit = (ws.spec.workloadClusters ?? []).some(
      (c) => c.configEnabled !== false && (c.namespaces ?? []).some((n) => n.configEnabled !== false && Object.keys(n.labels ?? {}).length === 0 && globMatches(n.name, ns)),
    );
    if (hit) {
      owner.set(ns, ws.metadata.name);
      return ws.metadata.name;
    }
  }
  return unassigned(ns);
}

function workspaceSelected(e: WorkspaceSharing, name: string, labels: Readonly<Record<string, string>>): boolean {
  return (e.workspaces ?? []).some((w) => (w.name === undefined || globMatches(w.name, name)) && labelsMatch(w.selector, labels) && (w.name !== undefined || w.selector !== undefined));
}

function resourceSelected(resources: readonly ShareableResource[] | undefined, thing: SharedThing): boolean {
  if (resources === undefined || resources.length === 0) return true;
  return resources.some(
    (r) =>
      (r.kind === undefined || r.kind === 'ALL' || r.kind === SHARE_KIND[thing.kind]) &&
      (r.name === undefined || r.name === '' || r.name === thing.name) &&
      (r.namespace === undefined || r.namespace === '' || r.namespace === thing.namespace) &&
      labelsMatch(r.labels, thing.labels),
  );
}
