// /openapi/v2 and /openapi/v3 generated from the same zod schemas that validate (objectSchemaFor in @portico/api),
// so `kubectl explain` reads Portico's own field docs, and kubectl sees `fieldValidation` on every write and leaves
// validation to the server (which answers with field paths and rules).
import { createHash } from 'node:crypto';
import { objectSchemaFor } from '@portico/api';
import { apiVersionOf, groups, SERVED, type ServedResource } from '../resources/catalog.ts';

type Doc = Record<string, unknown>;

/** `io.solo.gloo.networking.v2.RouteTable`, `io.k8s.api.core.v1.ConfigMap` — definition names as Kubernetes forms them. */
export function definitionName(r: ServedResource): string {
  if (!r.group) return `io.k8s.api.core.${r.version}.${r.kind}`;
  return `${r.group.split('.').reverse().join('.')}.${r.version}.${r.kind}`;
}

function gvk(r: ServedResource) {
  return { group: r.group, version: r.version, kind: r.kind };
}

function schemaOf(r: ServedResource): Doc {
  const base: Doc = r.def
    ? objectSchemaFor(r.def)
    : r.kind === 'Namespace' || r.kind === 'Lease'
      ? { type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: { type: 'object' }, status: { type: 'object' } } }
      : { type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, involvedObject: { type: 'object' }, reason: { type: 'string' }, message: { type: 'string' }, type: { type: 'string' }, count: { type: 'integer' }, firstTimestamp: { type: 'string' }, lastTimestamp: { type: 'string' } } };
  const description = r.def ? `${r.kind} (${apiVersionOf(r)}), validated by Portico.` : `${r.kind} (v1), served by Portico.`;
  return { description, ...base, 'x-kubernetes-group-version-kind': [gvk(r)] };
}

const queryParam = (name: string) => ({ name, in: 'query', schema: { type: 'string' }, description: name, uniqueItems: true });

function operations(r: ServedResource, ref: string, v3: boolean): Record<string, Doc> {
  const body = v3 ? { requestBody: { content: { '*/*': { schema: { $ref: ref } } } } } : { parameters: [{ name: 'body', in: 'body', required: true, schema: { $ref: ref } }] };
  const ok = v3 ? { responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: ref } } } } } } : { responses: { '200': { description: 'OK', schema: { $ref: ref } } } };
  const ext = { 'x-kubernetes-group-version-kind': gvk(r) };
  const write = (verb: string) => ({ ...ext, 'x-kubernetes-action': verb, ...ok, ...(v3 ? body : {}), parameters: [...(v3 ? [] : body.parameters ?? []), queryParam('dryRun'), queryParam('fieldManager'), queryParam('fieldValidation')] });
  const item: Doc = { get: { ...ext, 'x-kubernetes-action': 'get', ...ok } };
  if (r.verbs.includes('update')) item.put = write('put');
  if (r.verbs.includes('patch')) item.patch = { ...write('patch'), parameters: [...(write('patch').parameters as Doc[]), queryParam('force')] };
  if (r.verbs.includes('delete')) item.delete = { ...ext, 'x-kubernetes-action': 'delete', ...ok };
  const collection: Doc = { get: { ...ext, 'x-kubernetes-action': 'list', ...ok, parameters: ['labelSelector', 'fieldSelector', 'limit', 'continue', 'watch', 'resourceVersion'].map(queryParam) } };
  if (r.verbs.includes('create')) collection.post = write('post');
  const prefix = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const scope = r.namespaced ? '/namespaces/{namespace}' : '';
  return { [`${prefix}${scope}/${r.plural}`]: collection, [`${prefix}${scope}/${r.plural}/{name}`]: item };
}

export function openApiV2(): Doc {
  const definitions: Doc = {};
  const paths: Doc = {};
  for (const r of SERVED) {
    definitions[definitionName(r)] = schemaOf(r);
    Object.assign(paths, operations(r, `#/definitions/${definitionName(r)}`, false));
  }
  return { swagger: '2.0', info: { title: 'Portico', version: 'v1' }, paths, definitions };
}

const v3Cache = new Map<string, { doc: Doc; hash: string }>();

export function openApiV3GroupVersion(path: string): { doc: Doc; hash: string } | undefined {
  const cached = v3Cache.get(path);
  if (cached) return cached;
  const m = /^(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!m) return undefined;
  const [group, version] = m[1] ? ['', m[1]] : [m[2]!, m[3]!];
  const list = groups().get(group)?.get(version);
  if (!list) return undefined;
  const schemas: Doc = {};
  const paths: Doc = {};
  for (const r of list) {
    schemas[definitionName(r)] = schemaOf(r);
    Object.assign(paths, operations(r, `#/components/schemas/${definitionName(r)}`, true));
  }
  const doc = { openapi: '3.0.0', info: { title: 'Portico', version: 'v1' }, paths, components: { schemas } };
  const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 32).toUpperCase();
  const entry = { doc, hash };
  v3Cache.set(path, entry);
  return entry;
}

export function openApiV3Root(): Doc {
  const paths: Doc = {};
  for (const [group, versions] of groups()) {
    for (const version of versions.keys()) {
      const p = group ? `apis/${group}/${version}` : `api/${version}`;
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${openApiV3GroupVersion(p)!.hash}` };
    }
  }
  return { paths };
}
