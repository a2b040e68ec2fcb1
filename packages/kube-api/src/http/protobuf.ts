// Request bodies in Kubernetes' protobuf encoding, for the core kinds kubectl's imperative commands create
// (`kubectl create namespace|configmap|secret …` send `application/vnd.kubernetes.protobuf`). Decoded into the JSON
// object the rest of the server reads: the `k8s\0` envelope (runtime.Unknown), then v1 ObjectMeta (name,
// generateName, namespace, labels, annotations), and the body fields of Namespace, ConfigMap and Secret. Field
// numbers are those of k8s.io/api/core/v1/generated.proto and apimachinery's meta/v1 and runtime protos.
import { badRequest, KubeError } from './status.ts';

type Fields = Map<number, (Buffer | number)[]>;

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw badRequest('protobuf body is truncated');
    const b = buf[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [result, pos];
    shift += 7;
  }
}

function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    const num = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: Buffer | number;
    if (wire === 0) [value, pos] = readVarint(buf, p1);
    else if (wire === 2) {
      const [len, p2] = readVarint(buf, p1);
      value = buf.subarray(p2, p2 + len);
      pos = p2 + len;
    } else if (wire === 1) (value = 0), (pos = p1 + 8);
    else if (wire === 5) (value = 0), (pos = p1 + 4);
    else throw badRequest(`protobuf wire type ${wire} is not supported`);
    out.set(num, [...(out.get(num) ?? []), value]);
  }
  return out;
}

const str = (f: Fields, n: number) => (f.get(n)?.at(-1) as Buffer | undefined)?.toString('utf8');
const bool = (f: Fields, n: number) => (f.has(n) ? f.get(n)!.at(-1) === 1 : undefined);

function map(f: Fields, n: number, value: (b: Buffer) => string = (b) => b.toString('utf8')): Record<string, string> | undefined {
  const entries = f.get(n) as Buffer[] | undefined;
  if (!entries) return undefined;
  return Object.fromEntries(entries.map((e) => { const kv = fields(e); return [str(kv, 1) ?? '', value((kv.get(2)?.at(-1) as Buffer | undefined) ?? Buffer.alloc(0))]; }));
}

function objectMeta(b: Buffer): Record<string, unknown> {
  const f = fields(b);
  const m: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => v !== undefined && v !== '' && (m[k] = v);
  set('name', str(f, 1));
  set('generateName', str(f, 2));
  set('namespace', str(f, 3));
  set('resourceVersion', str(f, 6));
  set('labels', map(f, 11));
  set('annotations', map(f, 12));
  return m;
}

const BODIES: Record<string, (f: Fields) => Record<string, unknown>> = {
  Namespace: () => ({}),
  ConfigMap: (f) => ({ data: map(f, 2) ?? {}, ...(map(f, 3, (b) => b.toString('base64')) ? { binaryData: map(f, 3, (b) => b.toString('base64')) } : {}), ...(bool(f, 4) !== undefined ? { immutable: bool(f, 4) } : {}) }),
  Secret: (f) => ({ data: map(f, 2, (b) => b.toString('base64')) ?? {}, ...(str(f, 3) ? { type: str(f, 3) } : {}), ...(map(f, 4) ? { stringData: map(f, 4) } : {}), ...(bool(f, 5) !== undefined ? { immutable: bool(f, 5) } : {}) }),
};

export function decodeProtobuf(body: Buffer): unknown {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw badRequest('a protobuf body must start with the k8s\\0 envelope');
  const unknown = fields(body.subarray(4));
  const typeMeta = fields((unknown.get(1)?.at(-1) as Buffer | undefined) ?? Buffer.alloc(0));
  const apiVersion = str(typeMeta, 1) ?? '';
  const kind = str(typeMeta, 2) ?? '';
  const decode = BODIES[kind];
  if (apiVersion !== 'v1' || !decode) {
    throw new KubeError(415, 'UnsupportedMediaType', `protobuf bodies are read for v1 ${Object.keys(BODIES).join(', ')}; send ${apiVersion} ${kind} as application/json`);
  }
  const raw = fields((unknown.get(2)?.at(-1) as Buffer | undefined) ?? Buffer.alloc(0));
  const metadata = objectMeta((raw.get(1)?.at(-1) as Buffer | undefined) ?? Buffer.alloc(0));
  return { apiVersion, kind, metadata, ...decode(raw) };
}
