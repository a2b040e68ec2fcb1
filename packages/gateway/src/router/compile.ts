import type {
  DestinationConfig,
  ExtAuthServerSettings,
  GatewayConfig,
  RouteConfig,
  VirtualHostConfig,
} from '../config/types.ts';
import { GatewayError, type GatewayIssue } from '../errors.ts';
import { compileDescriptors, type DescriptorBuilder } from '../hooks/descriptors.ts';
import { compileFilters, type CompiledFilters } from '../filters/compile.ts';
import { HostTable } from './hosts.ts';
import { compileMatcher, NEVER, type CompiledMatcher } from './matchers.ts';
import type { RequestView } from './request-view.ts';
import { RouteIndex, type IndexedMatch } from './route-index.ts';
import { compilePathRewrite, type PathRewriter } from './rewrite.ts';

// GatewayConfig (plain data) → CompiledConfig (closures, precomputed strings). Runs once per update;
// a route that cannot be compiled (bad regex, no destinations) is replaced by a 500 direct response and
// reported as an issue, so one broken route never takes the others down (Gloo's ROUTE_REPLACEMENT).

export const APIMANAGEMENT_NS = 'io.solo.gloo.apimanagement';

export interface CompiledDestination {
  name: string;
  origin: string;
  host: string;
  /** TLS server name for https origins whose host name differs from the origin's; else null. */
  servername: string | null;
  /** The PoolRegistry key (origin, or origin|servername). */
  poolKey: string;
}

export type CompiledAction =
  | {
      type: 'forward';
      destinations: CompiledDestination[];
      /** Cumulative weights, same order as destinations. */
      cumulative: number[];
      total: number;
      rewritePath: PathRewriter | null;
      hostRewrite: string | null;
      autoHostRewrite: boolean;
      timeoutMs: number | null;
    }
  | { type: 'redirect'; host: string | null; path: string | null; status: number }
  | { type: 'directResponse'; status: number; body: Buffer };

/** Fields of the access-log line that come from the route, computed once. */
export interface RouteLogFields {
  route_name: string;
  api_id: string | null;
  api_product_id: string | null;
  api_product_name: string | null;
  custom_metadata: string | null;
}

export interface CompiledRoute {
  name: string;
  matchers: CompiledMatcher[];
  action: CompiledAction;
  filterMetadata: Record<string, Record<string, unknown>>;
  extAuth: { configId: string; server: ExtAuthServerSettings } | null;
  rateLimit: { domain: string; build: DescriptorBuilder; denyOnFail: boolean; timeoutMs: number } | null;
  /** Route policies (src/filters/); null when none applies. */
  filters: CompiledFilters | null;
  log: RouteLogFields;
  /** A matcher names the TRACE method explicitly (TRACE is refused on every other route). */
  allowsTrace: boolean;
}

export interface CompiledVirtualHost {
  name: string;
  routes: CompiledRoute[];
  /** The routes indexed by path (route-index.ts): selection costs the same with 10 routes or 10,000. */
  index: RouteIndex<CompiledRoute>;
}

export interface CompiledConfig {
  revision: number;
  hosts: HostTable<CompiledVirtualHost>;
  /** Every pool key the config forwards to (the pool registry keeps exactly these warm). */
  origins: Set<string>;
}

export type RouteMatch = IndexedMatch<CompiledRoute>;

/**
 * Compiled virtual hosts by the config object they came from. Snapshots are deep-frozen, and a process that
 * receives them keeps the same object for a virtual host that did not change (the control plane's snapshot
 * deltas), so an update recompiles only what changed: with 1,000 route tables, one changed table costs one table's
 * compile. Only frozen objects are cached (a mutable config may change under the same reference); a WeakMap, so a
 * virtual host that left the config takes its compiled routes with it.
 */
export type CompileCache = WeakMap<VirtualHostConfig, CompiledHostEntry>;

/** One virtual host compiled, with what a config's compile needs of it, computed once. */
export interface CompiledHostEntry {
  vh: CompiledVirtualHost;
  issues: GatewayIssue[];
  /** Its domains, lower-cased (the host table's keys). */
  keys: string[];
  /** The pool keys its routes forward to. */
  origins: string[];
}

/** A virtual host's compiled entry, from the cache when the (frozen) config object was compiled before. */
export function compileHost(vh: VirtualHostConfig, cache: CompileCache): CompiledHostEntry {
  let hit = cache.get(vh);
  if (hit === undefined) {
    const issues: GatewayIssue[] = [];
    const compiled = virtualHost(vh.name, vh.routes.map((r) => compileRouteSafely(r, issues)));
    const origins = new Set<string>();
    for (const r of compiled.routes) {
      if (r.action.type === 'forward') for (const d of r.action.destinations) origins.add(d.poolKey);
    }
    hit = { vh: compiled, issues, keys: [...new Set(vh.domains.map((d) => d.toLowerCase()))], origins: [...origins] };
    if (Object.isFrozen(vh)) cache.set(vh, hit);
  }
  return hit;
}

export function compileConfig(config: GatewayConfig, cache: CompileCache = new WeakMap()): { compiled: CompiledConfig; issues: GatewayIssue[] } {
  const issues: GatewayIssue[] = [];
  const hosts = new HostTable<CompiledVirtualHost>();
  const origins = new Set<string>();
  // Several virtual hosts (root route tables) may claim one domain: their routes are merged in config
  // order, as Istio merges VirtualServices for one host.
  const byDomain = new Map<string, CompiledVirtualHost>();
  for (const vh of config.virtualHosts) {
    const entry = compileHost(vh, cache);
    issues.push(...entry.issues);
    for (const o of entry.origins) origins.add(o);
    for (const key of entry.keys) {
      const existing = byDomain.get(key);
      byDomain.set(key, existing === undefined ? entry.vh : mergedHost([existing, entry.vh]));
    }
  }
  for (const [domain, vh] of byDomain) hosts.add(domain, vh);
  return { compiled: { revision: config.revision, hosts, origins }, issues };
}

/** The virtual hosts claiming one domain, as one: their routes in config order. */
export function mergedHost(claimants: readonly CompiledVirtualHost[]): CompiledVirtualHost {
  if (claimants.length === 1) return claimants[0]!;
  return virtualHost(claimants.map((c) => c.name).join('+'), claimants.flatMap((c) => c.routes));
}

function virtualHost(name: string, routes: CompiledRoute[]): CompiledVirtualHost {
  return { name, routes, index: new RouteIndex(routes) };
}

/** First matching route wins (Envoy evaluates the route list top-down); the index finds it without the walk. */
export function matchRoute(vh: CompiledVirtualHost, req: RequestView): RouteMatch | null {
  return vh.index.match(req);
}

function compileRouteSafely(r: RouteConfig, issues: GatewayIssue[]): CompiledRoute {
  try {
    return compileRoute(r);
  } catch (err) {
    const message = `route ${r.name}: ${(err as Error).message}`;
    issues.push({ code: codeFor(err), message, where: r.name });
    return {
      name: r.name,
      matchers: safeMatchers(r),
      action: { type: 'directResponse', status: 500, body: ownBytes(`misconfigured route ${r.name}\n`) },
      filterMetadata: r.filterMetadata,
      extAuth: null,
      rateLimit: null,
      filters: null,
      log: logFields(r),
      allowsTrace: false,
    };
  }
}

function codeFor(err: unknown): GatewayIssue['code'] {
  const name = (err as Error)?.constructor?.name ?? '';
  if (name.startsWith('RE2JS')) return 'GW_CONFIG_INVALID_REGEX';
  if (err instanceof GatewayError) return err.code;
  return 'GW_CONFIG_INVALID_ROUTE';
}

/** The replaced route must still match only its own traffic; if even its matchers fail, it matches nothing. */
function safeMatchers(r: RouteConfig): CompiledMatcher[] {
  try {
    return r.matchers.map(compileMatcher);
  } catch {
    return [NEVER];
  }
}

function compileRoute(r: RouteConfig): CompiledRoute {
  return {
    name: r.name,
    matchers: r.matchers.map(compileMatcher),
    action: compileAction(r),
    filterMetadata: r.filterMetadata,
    extAuth: r.extAuth,
    rateLimit:
      r.rateLimit === null
        ? null
        : {
            domain: r.rateLimit.domain,
            build: compileDescriptors(r.rateLimit.rateLimits),
            denyOnFail: r.rateLimit.denyOnFail,
            timeoutMs: r.rateLimit.timeoutMs,
          },
    filters: r.filters ? compileFilters(r.filters) : null,
    log: logFields(r),
    allowsTrace: r.matchers.some((m) => m.method?.toUpperCase() === 'TRACE'),
  };
}

function compileAction(r: RouteConfig): CompiledAction {
  const a = r.action;
  switch (a.type) {
    case 'directResponse':
      return { type: 'directResponse', status: a.status, body: ownBytes(a.body) };
    case 'redirect':
      return { type: 'redirect', host: a.hostRedirect, path: a.pathRedirect, status: a.responseCode };
    case 'forward': {
      if (a.destinations.length === 0) throw destinationError('forwardTo has no destinations');
      const destinations = a.destinations.map(compileDestination);
      const cumulative: number[] = [];
      let total = 0;
      for (const d of a.destinations) {
        total += Math.max(0, d.weight);
        cumulative.push(total);
      }
      if (total === 0) throw destinationError('destination weights sum to 0');
      return {
        type: 'forward',
        destinations,
        cumulative,
        total,
        rewritePath: compilePathRewrite(a),
        hostRewrite: a.hostRewrite,
        autoHostRewrite: a.autoHostRewrite,
        timeoutMs: a.timeoutMs,
      };
    }
  }
}

function compileDestination(d: DestinationConfig): CompiledDestination {
  let url: URL;
  try {
    url = new URL(d.origin);
  } catch {
    throw destinationError(`destination ${d.name}: origin "${d.origin}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw destinationError(`destination ${d.name}: origin must be http: or https:, got ${url.protocol}`);
  }
  const servername = url.protocol === 'https:' && d.host !== '' && d.host !== url.hostname ? d.host : null;
  return { name: d.name, origin: url.origin, host: d.host, servername, poolKey: servername === null ? url.origin : `${url.origin}|${servername}` };
}

function destinationError(message: string): GatewayError {
  return new GatewayError('GW_CONFIG_INVALID_DESTINATION', message);
}

export function pickDestination(a: Extract<CompiledAction, { type: 'forward' }>): CompiledDestination {
  if (a.destinations.length === 1) return a.destinations[0]!;
  const x = Math.random() * a.total;
  for (let i = 0; i < a.cumulative.length; i++) if (x < a.cumulative[i]!) return a.destinations[i]!;
  return a.destinations[a.destinations.length - 1]!;
}

function logFields(r: RouteConfig): RouteLogFields {
  const m = r.filterMetadata[APIMANAGEMENT_NS] ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    route_name: r.name,
    api_id: str(m.api_id),
    api_product_id: str(m.api_product_id),
    api_product_name: str(m.api_product_name),
    custom_metadata: str(m.custom_metadata),
  };
}

/**
 * A route's fixed body as a Buffer with its own memory. `Buffer.from` of a short string takes a slice of Node's
 * shared 8 KiB pool, which every other small Buffer of the process (each access-log line, for one) is cut from
 * too: a body that lives as long as its route then keeps a whole pool slab alive — per compiled route.
 */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}
