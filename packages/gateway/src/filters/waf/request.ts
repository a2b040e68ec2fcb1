// Builds what the WAF inspects from a request: decoded query arguments, cookies, and — when a rule needs the
// body — form or JSON body arguments (JSON keys flattened as ModSecurity's JSON processor names them, `json.a.b`).
import type { IncomingHttpHeaders } from 'node:http';
import type { WafRequest } from './seclang/variables.ts';

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function parseArgs(query: string): [string, string][] {
  if (query === '') return [];
  const out: [string, string][] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    out.push(eq === -1 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))]);
  }
  return out;
}

function flattenJson(v: unknown, prefix: string, out: [string, string][]): void {
  if (Array.isArray(v)) v.forEach((x, i) => flattenJson(x, `${prefix}.array_${i}`, out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) flattenJson(x, `${prefix}.${k}`, out);
  else out.push([prefix, v === null ? '' : String(v)]);
}

export function bodyArgs(contentType: string, body: string): [string, string][] {
  const ct = contentType.toLowerCase();
  if (ct.startsWith('application/x-www-form-urlencoded')) return parseArgs(body);
  if (ct.startsWith('application/json') || ct.includes('+json')) {
    try {
      const out: [string, string][] = [];
      flattenJson(JSON.parse(body), 'json', out);
      return out;
    } catch {
      return [];
    }
  }
  return [];
}

export function wafRequest(
  method: string,
  uri: string,
  path: string,
  query: string,
  httpVersion: string,
  remoteAddr: string,
  h: IncomingHttpHeaders,
  body: string,
): WafRequest {
  const headers: [string, string][] = [];
  for (const name in h) {
    const v = h[name];
    if (v !== undefined) headers.push([name, typeof v === 'string' ? v : v.join(', ')]);
  }
  const cookies: [string, string][] = [];
  const cookie = h.cookie;
  if (cookie !== undefined) {
    for (const c of cookie.split(';')) {
      const eq = c.indexOf('=');
      if (eq === -1) cookies.push([c.trim(), '']);
      else cookies.push([c.slice(0, eq).trim(), c.slice(eq + 1).trim()]);
    }
  }
  return {
    method,
    uri,
    path,
    query,
    protocol: `HTTP/${httpVersion}`,
    remoteAddr,
    headers,
    cookies,
    argsGet: parseArgs(query),
    argsPost: body === '' ? [] : bodyArgs(String(h['content-type'] ?? ''), body),
    body,
    response: null,
  };
}
