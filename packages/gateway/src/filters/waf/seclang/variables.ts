// SecLang variables Portico can read from a request (ModSecurity v3 reference manual, "Variables"). A rule's
// target list `A|B:sel|!A:x|&B` becomes one Target per entry; collection selectors are exact (case-insensitive
// for headers and cookies) or /regex/.
import { RE2JS } from 're2js';

/** What the WAF inspects, built once per request by the engine. */
export interface WafRequest {
  method: string;
  /** Raw request target as received (path and query). */
  uri: string;
  path: string;
  query: string;
  protocol: string;
  remoteAddr: string;
  /** Lower-cased header names; repeated values joined with ", ". */
  headers: [string, string][];
  cookies: [string, string][];
  argsGet: [string, string][];
  argsPost: [string, string][];
  body: string;
  /** Set for the response phases (3, 4); body '' unless SecResponseBodyAccess is on. */
  response: { status: number; headers: [string, string][]; body: string } | null;
}

export const COLLECTIONS = new Set(['ARGS', 'ARGS_GET', 'ARGS_POST', 'REQUEST_HEADERS', 'REQUEST_COOKIES', 'RESPONSE_HEADERS']);
export const NAME_COLLECTIONS = new Set(['ARGS_NAMES', 'ARGS_GET_NAMES', 'ARGS_POST_NAMES', 'REQUEST_HEADERS_NAMES', 'REQUEST_COOKIES_NAMES', 'RESPONSE_HEADERS_NAMES']);
export const SCALARS = new Set([
  'REQUEST_URI', 'REQUEST_URI_RAW', 'REQUEST_LINE', 'REQUEST_METHOD', 'REQUEST_PROTOCOL', 'REQUEST_FILENAME', 'REQUEST_BASENAME',
  'QUERY_STRING', 'REQUEST_BODY', 'REMOTE_ADDR', 'RESPONSE_STATUS', 'RESPONSE_BODY', 'RESPONSE_CONTENT_TYPE',
]);
/** Variables only the response phases (3, 4) can read. */
export const RESPONSE_VARIABLES = new Set(['RESPONSE_HEADERS', 'RESPONSE_HEADERS_NAMES', 'RESPONSE_STATUS', 'RESPONSE_BODY', 'RESPONSE_CONTENT_TYPE']);
/** Variables that need the request body. */
export const BODY_VARIABLES = new Set(['ARGS', 'ARGS_POST', 'ARGS_NAMES', 'ARGS_POST_NAMES', 'REQUEST_BODY']);

export interface Target {
  name: string;
  /** Exact selector (lower-cased for headers/cookies) or regex; null = whole collection. */
  selector: { exact: string } | { regex: RE2JS } | null;
  exclude: boolean;
  count: boolean;
}

export type TargetsResult = { ok: true; targets: Target[]; unsupported: string[] } | { ok: false; message: string };

export function parseTargets(spec: string): TargetsResult {
  const targets: Target[] = [];
  const unsupported: string[] = [];
  for (let part of spec.split('|')) {
    part = part.trim();
    if (part === '') continue;
    let exclude = false;
    let count = false;
    if (part.startsWith('!')) {
      exclude = true;
      part = part.slice(1);
    }
    if (part.startsWith('&')) {
      count = true;
      part = part.slice(1);
    }
    const colon = part.indexOf(':');
    const name = (colon === -1 ? part : part.slice(0, colon)).toUpperCase();
    const sel = colon === -1 ? null : part.slice(colon + 1);
    if (!COLLECTIONS.has(name) && !NAME_COLLECTIONS.has(name) && !SCALARS.has(name)) {
      unsupported.push(colon === -1 ? name : `${name}:${sel}`);
      continue;
    }
    let selector: Target['selector'] = null;
    if (sel !== null && sel !== '') {
      if (sel.length > 1 && sel.startsWith('/') && sel.endsWith('/')) {
        try {
          selector = { regex: RE2JS.compile(sel.slice(1, -1), RE2JS.CASE_INSENSITIVE) };
        } catch (err) {
          return { ok: false, message: `variable selector ${sel} is not RE2: ${(err as Error).message}` };
        }
      } else selector = { exact: sel.replace(/^'|'$/g, '').toLowerCase() };
    }
    targets.push({ name, selector, exclude, count });
  }
  return { ok: true, targets, unsupported };
}

function collection(r: WafRequest, name: string): [string, string][] {
  switch (name) {
    case 'ARGS':
    case 'ARGS_NAMES':
      return r.argsGet.concat(r.argsPost);
    case 'ARGS_GET':
    case 'ARGS_GET_NAMES':
      return r.argsGet;
    case 'ARGS_POST':
    case 'ARGS_POST_NAMES':
      return r.argsPost;
    case 'REQUEST_HEADERS':
    case 'REQUEST_HEADERS_NAMES':
      return r.headers;
    case 'RESPONSE_HEADERS':
    case 'RESPONSE_HEADERS_NAMES':
      return r.response?.headers ?? [];
    default:
      return r.cookies;
  }
}

function scalar(r: WafRequest, name: string): string {
  switch (name) {
    case 'REQUEST_URI':
    case 'REQUEST_URI_RAW':
      return r.uri;
    case 'REQUEST_LINE':
      return `${r.method} ${r.uri} ${r.protocol}`;
    case 'REQUEST_METHOD':
      return r.method;
    case 'REQUEST_PROTOCOL':
      return r.protocol;
    case 'REQUEST_FILENAME':
      return r.path;
    case 'REQUEST_BASENAME':
      return r.path.slice(r.path.lastIndexOf('/') + 1);
    case 'QUERY_STRING':
      return r.query;
    case 'REQUEST_BODY':
      return r.body;
    case 'RESPONSE_STATUS':
      return r.response === null ? '' : String(r.response.status);
    case 'RESPONSE_BODY':
      return r.response?.body ?? '';
    case 'RESPONSE_CONTENT_TYPE':
      return r.response?.headers.find(([k]) => k === 'content-type')?.[1] ?? '';
    default:
      return r.remoteAddr;
  }
}

function selected(t: Target, key: string): boolean {
  if (t.selector === null) return true;
  return 'exact' in t.selector ? key.toLowerCase() === t.selector.exact : t.selector.regex.test(key);
}

/** The values a target list yields for one request (exclusions applied, `&` counts as decimal strings). */
export function collectValues(targets: readonly Target[], r: WafRequest): string[] {
  const out: string[] = [];
  const excluded = targets.filter((t) => t.exclude);
  for (const t of targets) {
    if (t.exclude) continue;
    if (SCALARS.has(t.name)) {
      out.push(t.count ? '1' : scalar(r, t.name));
      continue;
    }
    const names = NAME_COLLECTIONS.has(t.name);
    const base = names ? t.name.slice(0, -'_NAMES'.length) : t.name;
    let n = 0;
    for (const [k, v] of collection(r, t.name)) {
      if (!selected(t, k)) continue;
      if (excluded.some((x) => (x.name === base || x.name === t.name) && selected(x, k))) continue;
      n++;
      if (!t.count) out.push(names ? k : v);
    }
    if (t.count) out.push(String(n));
  }
  return out;
}
