// Reads an OPA query result as a decision (gloo-api.md §2.6): `true`, or an array whose first element is
// `true`, allows; an object result `{allow|allowed, http_status, body, headers, response_headers_to_add,
// request_headers_to_remove, dynamic_metadata}` (the OPA-Envoy shape used in Gloo's workshops) allows or denies
// with those details. Anything else — false, undefined, a number, a malformed object — denies.

export type OpaDecision =
  | { allow: true; headers: [string, string][]; responseHeadersToAdd: [string, string][]; headersToRemove: string[]; dynamicMetadata: Record<string, unknown> | null }
  | { allow: false; status: number | null; body: string; headers: [string, string][]; why: string };

const DENY = (why: string): OpaDecision => ({ allow: false, status: null, body: '', headers: [], why });

export function decisionOf(results: Array<{ expressions: unknown[] }>): OpaDecision {
  if (results.length === 0) return DENY('query result is undefined');
  const exprs = results[0].expressions;
  if (exprs.length === 0) return DENY('query result has no expressions');
  const v = unwrap(exprs[exprs.length - 1]);
  if (v === true) return { allow: true, headers: [], responseHeadersToAdd: [], headersToRemove: [], dynamicMetadata: null };
  if (Array.isArray(v)) {
    return v[0] === true ? { allow: true, headers: [], responseHeadersToAdd: [], headersToRemove: [], dynamicMetadata: null } : DENY('query result array does not start with true');
  }
  if (typeof v === 'object' && v !== null) return objectDecision(v as Record<string, unknown>);
  return DENY(`query result is ${JSON.stringify(v)}`);
}

// Engines following OPA's Go API wrap each expression as {value, text, location}.
function unwrap(e: unknown): unknown {
  if (typeof e === 'object' && e !== null && 'value' in e && 'text' in e) return (e as { value: unknown }).value;
  return e;
}

function objectDecision(o: Record<string, unknown>): OpaDecision {
  const flag = o.allow ?? o.allowed;
  const headers = pairs(o.headers);
  const responseHeaders = pairs(o.response_headers_to_add);
  if (flag === true) {
    const remove = Array.isArray(o.request_headers_to_remove) ? o.request_headers_to_remove.filter((h): h is string => typeof h === 'string') : [];
    const md = typeof o.dynamic_metadata === 'object' && o.dynamic_metadata !== null && !Array.isArray(o.dynamic_metadata) ? (o.dynamic_metadata as Record<string, unknown>) : null;
    return { allow: true, headers, responseHeadersToAdd: responseHeaders, headersToRemove: remove.map((h) => h.toLowerCase()), dynamicMetadata: md };
  }
  const status = typeof o.http_status === 'number' && Number.isInteger(o.http_status) && o.http_status >= 200 && o.http_status <= 599 ? o.http_status : null;
  const body = typeof o.body === 'string' ? o.body : o.body === undefined ? '' : JSON.stringify(o.body);
  return { allow: false, status, body, headers: [...headers, ...responseHeaders], why: flag === false ? 'policy denied' : 'policy result has no boolean allow/allowed' };
}

function pairs(v: unknown): [string, string][] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return [];
  const out: [string, string][] = [];
  for (const [k, val] of Object.entries(v)) {
    if (Array.isArray(val)) for (const x of val) out.push([k.toLowerCase(), String(x)]);
    else if (val !== undefined && val !== null) out.push([k.toLowerCase(), typeof val === 'string' ? val : JSON.stringify(val)]);
  }
  return out;
}
