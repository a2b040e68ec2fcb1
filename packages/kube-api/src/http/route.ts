// Parses a Kubernetes API path into what it addresses:
//   /api/v1/[namespaces/{ns}/]{resource}[/{name}[/{subresource}]]
//   /apis/{group}/{version}/[namespaces/{ns}/]{resource}[/{name}[/{subresource}]]
// `/api/v1/namespaces/{name}[/status]` is the Namespace object itself.
import { findResource, type ServedResource } from '../resources/catalog.ts';
import { KubeError } from './status.ts';

export interface ResourcePath {
  resource: ServedResource;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function parseResourcePath(parts: readonly string[]): ResourcePath | null {
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) [group, version, rest] = ['', parts[1]!, parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 4) [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
  else return null;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(group === '' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const resource = findResource(group, version, plural!);
  if (!resource || extra.length) throw new KubeError(404, 'NotFound', `the server could not find the requested resource (${group ? `${plural}.${group}` : plural} ${version})`, { kind: plural, group });
  if (namespace !== undefined && !resource.namespaced) throw new KubeError(404, 'NotFound', `${resource.plural} is not namespaced`);
  if (subresource !== undefined && !(subresource === 'status' && resource.status)) {
    throw new KubeError(404, 'NotFound', `${resource.plural} has no subresource ${JSON.stringify(subresource)}${resource.status ? '; it has status' : ''}`);
  }
  return { resource, ...(namespace !== undefined ? { namespace } : {}), ...(name !== undefined ? { name } : {}), ...(subresource !== undefined ? { subresource } : {}) };
}
