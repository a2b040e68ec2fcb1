// What the Kubernetes API serves: every kind of @portico/api's registry in its own group/version, plus the core v1
// kinds Portico keeps itself (Namespace, stored; Event, read from the store's per-object events), and
// coordination.k8s.io/v1 Lease for leader election (in memory, resources/leases.ts).
import { groupOf, KINDS, type KindDefinition } from '@portico/api';
import { LEASE } from './leases.ts';

export const READ_VERBS = ['get', 'list', 'watch'] as const;
export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

export interface ServedResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  verbs: readonly string[];
  /** The registry entry for stored, validated kinds; undefined for Namespace and Event. */
  def?: KindDefinition;
  /** Has a /status subresource (Gloo kinds). */
  status: boolean;
}

function fromDefinition(def: KindDefinition): ServedResource {
  const group = groupOf(def.apiVersion);
  return {
    group,
    version: group ? def.apiVersion.slice(group.length + 1) : def.apiVersion,
    kind: def.kind,
    plural: def.plural,
    singular: def.kind.toLowerCase(),
    shortNames: def.shortNames,
    namespaced: true,
    verbs: def.readOnly ? READ_VERBS : ALL_VERBS,
    def,
    status: def.body === 'spec',
  };
}

export const NAMESPACE: ServedResource = {
  group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'],
  namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'watch'], status: false,
};

export const EVENT: ServedResource = {
  group: '', version: 'v1', kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'],
  namespaced: true, verbs: ['create', 'get', 'list'], status: false, // events are not in the store's change log: no watch
};

export const SERVED: readonly ServedResource[] = [...KINDS.map(fromDefinition), NAMESPACE, EVENT, LEASE];

/** The verbs served on a resource: a derived kind (AuthConfig) is writable when an external controller writes it
 *  (KubeApiOptions.controller 'external'). */
export function verbsOf(r: ServedResource, derivedWritable: boolean): readonly string[] {
  return r.def?.readOnly && derivedWritable ? ALL_VERBS : r.verbs;
}

/** Group → version → resources, in registry order. */
export function groups(): Map<string, Map<string, ServedResource[]>> {
  const out = new Map<string, Map<string, ServedResource[]>>();
  for (const r of SERVED) {
    let versions = out.get(r.group);
    if (!versions) out.set(r.group, (versions = new Map()));
    let list = versions.get(r.version);
    if (!list) versions.set(r.version, (list = []));
    list.push(r);
  }
  return out;
}

export function findResource(group: string, version: string, plural: string): ServedResource | undefined {
  return SERVED.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function apiVersionOf(r: ServedResource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `routetables.networking.gloo.solo.io` — how Kubernetes names a resource in messages. */
export function qualifiedResource(r: ServedResource): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}
