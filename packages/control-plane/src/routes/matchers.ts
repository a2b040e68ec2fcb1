import type { HTTPRequestMatcher } from '@portico/api';
import type { HeaderMatcherConfig, MatcherConfig, QueryParameterMatcherConfig, UriMatchConfig } from '@portico/gateway';
import { regexProblem } from '@portico/gateway';

// Gloo matchers → gateway MatcherConfig, and delegation's composition of a parent route's matchers with
// a child route's (gloo-api.md §1.3): cross product of parent × child matchers; paths are prefixed
// (`/product-1` + `/foo` → `/product-1/foo`, `/` + `/trackapi/` → `/trackapi/`); header, query and
// method conditions are AND-ed. A pair that cannot both hold (two methods, two exact values for one
// header, a child path under an exact parent path…) is a conflict.

export type Conversion<T> = { ok: true; value: T } | { ok: false; message: string };

export function convertMatcher(m: HTTPRequestMatcher): Conversion<MatcherConfig> {
  let uri: UriMatchConfig | null = null;
  if (m.uri !== undefined) {
    const ignoreCase = m.uri.ignoreCase ?? false;
    if (m.uri.exact !== undefined) uri = { type: 'exact', value: m.uri.exact, ignoreCase };
    else if (m.uri.prefix !== undefined) uri = { type: 'prefix', value: m.uri.prefix, ignoreCase };
    else if (m.uri.regex !== undefined) {
      const problem = regexProblem(m.uri.regex);
      if (problem !== null) return { ok: false, message: `matcher uri.regex "${m.uri.regex}" is not valid RE2: ${problem}` };
      uri = { type: 'regex', value: m.uri.regex, ignoreCase };
    } else if (m.uri.suffix !== undefined) {
      return { ok: false, message: 'matcher uri.suffix is not supported (as in Gloo)' };
    }
  }
  const headers: HeaderMatcherConfig[] = [];
  for (const h of m.headers ?? []) {
    if (h.regex === true && h.value !== undefined && h.value !== '') {
      const problem = regexProblem(h.value);
      if (problem !== null) return { ok: false, message: `header matcher ${h.name}: regex "${h.value}" is not valid RE2: ${problem}` };
    }
    headers.push({ name: h.name.toLowerCase(), value: h.value ?? null, regex: h.regex ?? false, invertMatch: h.invertMatch ?? false });
  }
  const queryParameters: QueryParameterMatcherConfig[] = [];
  for (const q of m.queryParameters ?? []) {
    if (q.regex === true && q.value !== undefined && q.value !== '') {
      const problem = regexProblem(q.value);
      if (problem !== null) return { ok: false, message: `query matcher ${q.name}: regex "${q.value}" is not valid RE2: ${problem}` };
    }
    queryParameters.push({ name: q.name, value: q.value ?? null, regex: q.regex ?? false });
  }
  const method = m.method === undefined || m.method === '' ? null : m.method.toUpperCase();
  return { ok: true, value: { uri, headers, queryParameters, method } };
}

/** Joins two paths with exactly one '/' between them. */
export function joinPath(parent: string, child: string): string {
  if (parent === '') return child;
  if (child === '') return parent;
  if (parent.endsWith('/') && child.startsWith('/')) return parent + child.slice(1);
  if (!parent.endsWith('/') && !child.startsWith('/')) return `${parent}/${child}`;
  return parent + child;
}

function quoteRe2(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

function composeUri(p: UriMatchConfig | null, c: UriMatchConfig | null): Conversion<UriMatchConfig | null> {
  if (p === null) return { ok: true, value: c };
  if (c === null) return { ok: true, value: p };
  const ignoreCase = p.ignoreCase || c.ignoreCase;
  if (p.type === 'prefix') {
    if (c.type === 'regex') {
      const body = c.value.startsWith('^') ? c.value.slice(1) : c.value;
      const joined = p.value.endsWith('/') && body.startsWith('/') ? p.value.slice(0, -1) : p.value;
      return { ok: true, value: { type: 'regex', value: quoteRe2(joined) + body, ignoreCase } };
    }
    return { ok: true, value: { type: c.type, value: joinPath(p.value, c.value), ignoreCase } };
  }
  if (p.type === 'exact') {
    // Only a child that adds no path of its own fits under an exact parent path.
    if (c.type === 'prefix' && (c.value === '' || c.value === '/')) return { ok: true, value: p };
    return { ok: false, message: `child uri ${c.type} "${c.value}" conflicts with parent exact path "${p.value}"` };
  }
  // Parent regex: the child's path continues the pattern.
  const tail = c.type === 'regex' ? c.value : quoteRe2(c.value) + (c.type === 'prefix' ? '.*' : '');
  return { ok: true, value: { type: 'regex', value: p.value + tail, ignoreCase } };
}

export function composeMatcher(p: MatcherConfig, c: MatcherConfig): Conversion<MatcherConfig> {
  if (p.method !== null && c.method !== null && p.method !== c.method) {
    return { ok: false, message: `child method ${c.method} conflicts with parent method ${p.method}` };
  }
  const uri = composeUri(p.uri, c.uri);
  if (!uri.ok) return uri;
  for (const ch of c.headers) {
    const clash = p.headers.find(
      (ph) => ph.name === ch.name && !ph.regex && !ch.regex && ph.value !== null && ch.value !== null && ph.value !== ch.value && !ph.invertMatch && !ch.invertMatch,
    );
    if (clash) return { ok: false, message: `child header ${ch.name}=${ch.value} conflicts with parent header ${clash.name}=${clash.value}` };
  }
  for (const cq of c.queryParameters) {
    const clash = p.queryParameters.find((pq) => pq.name === cq.name && !pq.regex && !cq.regex && pq.value !== null && cq.value !== null && pq.value !== cq.value);
    if (clash) return { ok: false, message: `child query parameter ${cq.name}=${cq.value} conflicts with parent ${clash.name}=${clash.value}` };
  }
  return {
    ok: true,
    value: {
      uri: uri.value,
      headers: [...p.headers, ...c.headers],
      queryParameters: [...p.queryParameters, ...c.queryParameters],
      method: p.method ?? c.method,
    },
  };
}

/**
 * Cross product of parent × child matchers. An empty list means "match everything" on either side.
 * Pairs that conflict are dropped; if every pair conflicts the composition fails.
 */
export function composeMatchers(parent: MatcherConfig[], child: MatcherConfig[]): Conversion<MatcherConfig[]> {
  if (parent.length === 0) return { ok: true, value: child };
  if (child.length === 0) return { ok: true, value: parent };
  const out: MatcherConfig[] = [];
  let firstConflict = '';
  // Child-major order: /product-1/foo, /product-2/foo, /product-1/bar, /product-2/bar (P-MATCH).
  for (const c of child) {
    for (const p of parent) {
      const r = composeMatcher(p, c);
      if (r.ok) out.push(r.value);
      else if (firstConflict === '') firstConflict = r.message;
    }
  }
  return out.length > 0 ? { ok: true, value: out } : { ok: false, message: firstConflict };
}
