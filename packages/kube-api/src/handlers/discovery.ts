// Discovery as kubectl reads it: /version, /api, /api/v1, /apis, /apis/{group}, /apis/{group}/{version}. Only the
// unaggregated documents are served: kubectl asks for the aggregated form first and, given plain JSON, uses these.
import { groups, verbsOf, type ServedResource } from '../resources/catalog.ts';

export const SERVER_VERSION = { major: '1', minor: '30', gitVersion: 'v1.30.0-portico', gitCommit: '', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'node', compiler: 'portico', platform: `${process.platform}/${process.arch}` };

function apiResource(r: ServedResource, derivedWritable: boolean): Record<string, unknown>[] {
  const main = {
    name: r.plural,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: [...verbsOf(r, derivedWritable)],
    ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
    ...(r.group ? { categories: ['portico', 'gloo'] } : {}),
    storageVersionHash: '',
  };
  const out: Record<string, unknown>[] = [main];
  if (r.status) out.push({ name: `${r.plural}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'patch', 'update'] });
  return out;
}

/** `derivedWritable`: derived kinds are listed with every verb (an external controller writes them). */
export function resourceList(group: string, version: string, derivedWritable = false): Record<string, unknown> | undefined {
  const list = groups().get(group)?.get(version);
  if (!list) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: list.flatMap((r) => apiResource(r, derivedWritable)) };
}

export function coreVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(name: string, versions: Iterable<string>): Record<string, unknown> {
  const vs = [...versions].map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

export function groupList(): Record<string, unknown> {
  const gs = [...groups()].filter(([g]) => g !== '').map(([g, versions]) => apiGroup(g, versions.keys()));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: gs };
}

export function group(name: string): Record<string, unknown> | undefined {
  const versions = groups().get(name);
  if (!name || !versions) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(name, versions.keys()) };
}
