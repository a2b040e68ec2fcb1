// Stitches an API's OpenAPI document to the routes that actually expose it (gloo-api.md §5.3, the portal's
// "stitched schema"): each upstream path is re-based onto the route matcher that reaches it — the inverse of
// the route's prefix/exact rewrite — operations are kept only for the methods a matcher allows, and paths no
// route reaches are dropped. `servers` is left out: the portal server fills it per request.
import type { RouteConfig } from '@portico/gateway';

type Doc = Record<string, unknown>;
type PathItem = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function stitchSchema(doc: Doc, routes: readonly RouteConfig[]): Doc {
  const paths = (doc.paths ?? {}) as Record<string, PathItem>;
  const out: Record<string, PathItem> = {};
  for (const route of routes) {
    if (route.action.type !== 'forward') continue;
    for (const [upstreamPath, item] of Object.entries(paths)) {
      for (const { path, method } of exposures(route, upstreamPath)) {
        const target = (out[path] ??= pathLevelFields(item));
        for (const m of METHODS) {
          if (item[m] === undefined || (method !== null && method !== m.toUpperCase())) continue;
          if (target[m] === undefined) target[m] = item[m];
        }
      }
    }
  }
  for (const [p, item] of Object.entries(out)) if (!METHODS.some((m) => item[m] !== undefined)) delete out[p];
  const { servers: _servers, ...rest } = doc;
  return { ...rest, paths: out };
}

function pathLevelFields(item: PathItem): PathItem {
  const copy: PathItem = {};
  for (const [k, v] of Object.entries(item)) if (!METHODS.includes(k)) copy[k] = v;
  return copy;
}

/** The client-facing paths (and allowed method) under which the route serves `upstreamPath`. */
function exposures(route: RouteConfig, upstreamPath: string): { path: string; method: string | null }[] {
  if (route.action.type !== 'forward') return [];
  const { pathRewrite, regexRewrite } = route.action;
  if (route.matchers.length === 0) return pathRewrite === null && regexRewrite === null ? [{ path: upstreamPath, method: null }] : [];
  const out: { path: string; method: string | null }[] = [];
  for (const m of route.matchers) {
    const path = exposedPath(m.uri, pathRewrite, regexRewrite !== null, upstreamPath);
    if (path !== null) out.push({ path, method: m.method });
  }
  return out;
}

function exposedPath(
  uri: RouteConfig['matchers'][number]['uri'],
  pathRewrite: string | null,
  hasRegexRewrite: boolean,
  p: string,
): string | null {
  // A regex rewrite cannot be inverted: such routes expose no documented path.
  if (hasRegexRewrite) return null;
  if (uri === null) return pathRewrite === null ? p : null;
  if (uri.type === 'exact') return (pathRewrite ?? uri.value) === p ? uri.value : null;
  if (uri.type === 'prefix') {
    if (pathRewrite === null) return p.startsWith(uri.value) ? p : null;
    if (!p.startsWith(pathRewrite)) return null;
    const rest = p.slice(pathRewrite.length);
    // `/trackapi/v1` rewritten to `/` serves `/tracks` at `/trackapi/v1/tracks`.
    if (pathRewrite.endsWith('/') && !uri.value.endsWith('/')) return `${uri.value}/${rest}`;
    return uri.value + rest;
  }
  // regex without rewrite: the upstream path is exposed as is when the pattern accepts it (templated
  // segments such as {id} are tried with a sample value).
  try {
    const re = new RegExp(`^(?:${uri.value})$`, uri.ignoreCase ? 'i' : '');
    return re.test(p.replace(/\{[^}]+\}/g, 'x')) ? p : null;
  } catch {
    return null;
  }
}
