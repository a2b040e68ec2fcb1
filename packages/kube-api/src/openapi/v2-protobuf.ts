// /openapi/v2 in the protobuf encoding kubectl asks for (gnostic's openapi.v2.Document). kubectl 1.27 reads it to
// learn that the server validates (`fieldValidation` on each kind's PATCH) before sending a write; without it, kubectl
// refuses to apply. Only that part of the document is encoded: the PATCH operation of every writable kind with its
// x-kubernetes-group-version-kind extension and query parameters. The wire format is written by hand — strings
// and nested messages are a tag, a length and bytes — rather than pulling in a protobuf runtime for one message.
import { apiVersionOf, SERVED } from '../resources/catalog.ts';

type Field = [number, Buffer | string | boolean];

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

function message(fields: readonly Field[]): Buffer {
  const parts: Buffer[] = [];
  for (const [num, value] of fields) {
    if (typeof value === 'boolean') {
      if (value) parts.push(varint(num << 3), varint(1));
      continue;
    }
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    parts.push(varint((num << 3) | 2), varint(bytes.length), bytes);
  }
  return Buffer.concat(parts);
}

// Field numbers from gnostic's OpenAPIv2.proto.
const queryParameter = (name: string) =>
  message([[1, message([[2, message([[3, message([[2, 'query'], [4, name], [6, 'string'], [20, true]])]])]])]]); // ParametersItem.parameter.non_body_parameter.query_parameter_sub_schema
const namedAny = (name: string, yaml: string) => message([[1, name], [2, message([[2, yaml]])]]);
const okResponses = message([[1, message([[1, '200'], [2, message([[1, message([[1, 'OK']])]])]])]]);

let cached: Buffer | null = null;

export function openApiV2Protobuf(): Buffer {
  if (cached) return cached;
  const paths: Field[] = [];
  for (const r of SERVED) {
    if (!r.verbs.includes('patch')) continue;
    const gvk = `group: ${JSON.stringify(r.group)}\nkind: ${r.kind}\nversion: ${r.version}\n`;
    const patch = message([
      [5, `patch${r.kind}`],
      ...['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((p): Field => [8, queryParameter(p)]),
      [9, okResponses],
      [13, namedAny('x-kubernetes-action', 'patch\n')],
      [13, namedAny('x-kubernetes-group-version-kind', gvk)],
    ]);
    const prefix = r.group ? `/apis/${apiVersionOf(r)}` : `/api/${r.version}`;
    const path = `${prefix}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}/{name}`;
    paths.push([2, message([[1, path], [2, message([[8, patch]])]])]); // Paths.path: NamedPathItem{name, PathItem.patch}
  }
  cached = message([[1, '2.0'], [2, message([[1, 'Portico'], [2, 'v1']])], [8, message(paths)]]);
  return cached;
}
