// Wire (proto-loader JSON of envoy.service.auth.v3) ⇄ Contract 5 JSON. google.protobuf.Struct values in
// filter_metadata become plain JSON (what Gloo's portal Rego reads, gloo-api.md §2.7), and our plain JSON
// dynamic metadata goes back out as a Struct.
import type { CheckRequest, CheckResult } from '../../types.ts';

type Obj = Record<string, unknown>;

export function structToJson(s: unknown): Record<string, unknown> {
  const fields = (s as { fields?: Obj } | null)?.fields ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = valueToJson(v);
  return out;
}

function valueToJson(v: unknown): unknown {
  const val = v as Obj;
  switch (val?.kind) {
    case 'nullValue': return null;
    case 'numberValue': return val.numberValue;
    case 'stringValue': return val.stringValue;
    case 'boolValue': return val.boolValue;
    case 'structValue': return structToJson(val.structValue);
    case 'listValue': return ((val.listValue as { values?: unknown[] })?.values ?? []).map(valueToJson);
    default: return null;
  }
}

export function jsonToStruct(o: Record<string, unknown>): Obj {
  const fields: Obj = {};
  for (const [k, v] of Object.entries(o)) fields[k] = jsonToValue(v);
  return { fields };
}

function jsonToValue(v: unknown): Obj {
  if (v === null || v === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map(jsonToValue) } };
  if (typeof v === 'object') return { structValue: jsonToStruct(v as Record<string, unknown>) };
  return { stringValue: String(v) };
}

function peer(p: unknown): { address: { socket_address: { address: string; port_value: number } } } | undefined {
  const sa = ((p as Obj | undefined)?.address as Obj | undefined)?.socket_address as Obj | undefined;
  if (!sa) return undefined;
  return { address: { socket_address: { address: String(sa.address ?? ''), port_value: Number(sa.port_value ?? 0) } } };
}

/** proto-loader CheckRequest (keepCase) → Contract 5 CheckRequest. */
export function checkRequestFromWire(wire: unknown): CheckRequest {
  const attrs = ((wire as Obj)?.attributes ?? {}) as Obj;
  const req = (attrs.request ?? {}) as Obj;
  const http = (req.http ?? {}) as Obj;
  const time = req.time as Obj | undefined;
  const fm = ((attrs.metadata_context as Obj | undefined)?.filter_metadata ?? {}) as Obj;
  const filter_metadata: Record<string, Record<string, unknown>> = {};
  for (const [ns, s] of Object.entries(fm)) filter_metadata[ns] = structToJson(s);
  return {
    attributes: {
      source: peer(attrs.source),
      destination: peer(attrs.destination),
      request: {
        time: time ? { seconds: Number(time.seconds ?? 0), nanos: Number(time.nanos ?? 0) } : undefined,
        http: {
          id: String(http.id ?? ''),
          method: String(http.method ?? ''),
          headers: headersOf(http),
          path: String(http.path ?? ''),
          host: String(http.host ?? ''),
          scheme: String(http.scheme ?? ''),
          query: String(http.query ?? ''),
          fragment: String(http.fragment ?? ''),
          size: http.size === undefined ? -1 : Number(http.size),
          protocol: String(http.protocol ?? ''),
          body: String(http.body ?? ''),
        },
      },
      context_extensions: { ...((attrs.context_extensions ?? {}) as Record<string, string>) },
      metadata_context: { filter_metadata },
    },
  };
}

// Envoy sends either `headers` (map) or, with encode_raw_headers, `header_map` (repeated key/raw_value);
// repeated names are joined with "," as Envoy does for the map form.
function headersOf(http: Obj): Record<string, string> {
  const raw = (http.header_map as { headers?: { key?: string; value?: string; raw_value?: Uint8Array }[] } | undefined)?.headers;
  if (!raw || raw.length === 0) return lowerKeys((http.headers ?? {}) as Record<string, string>);
  const out: Record<string, string> = {};
  for (const h of raw) {
    const k = String(h.key ?? '').toLowerCase();
    const v = h.raw_value && h.raw_value.length ? Buffer.from(h.raw_value).toString('utf8') : String(h.value ?? '');
    out[k] = out[k] === undefined ? v : `${out[k]},${v}`;
  }
  return out;
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

const header = (k: string, v: string, append: boolean) => ({
  header: { key: k, value: v },
  append: { value: append },
  append_action: append ? 'APPEND_IF_EXISTS_OR_ADD' : 'OVERWRITE_IF_EXISTS_OR_ADD',
});

// google.rpc.Code values.
const OK = 0;
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;

/** Contract 5 CheckResult → CheckResponse as Envoy interprets it (gloo-api.md §3.3). */
export function checkResponseToWire(r: CheckResult): Obj {
  if (r.allowed) {
    return {
      status: { code: OK, message: '' },
      ok_response: {
        headers: [...r.headersToSet.map(([k, v]) => header(k, v, false)), ...r.headersToAppend.map(([k, v]) => header(k, v, true))],
        headers_to_remove: r.headersToRemove,
        response_headers_to_add: r.responseHeadersToAdd.map(([k, v]) => header(k, v, true)),
      },
      dynamic_metadata: jsonToStruct(r.dynamicMetadata),
    };
  }
  return {
    status: { code: r.status === 401 ? UNAUTHENTICATED : PERMISSION_DENIED, message: '' },
    denied_response: { status: { code: r.status }, headers: r.headers.map(([k, v]) => header(k, v, true)), body: r.body },
  };
}
