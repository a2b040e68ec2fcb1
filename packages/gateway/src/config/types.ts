// Contract 4 (docs/architecture.md): the gateway's configuration, produced by the control plane's
// translation stages and swapped into the data plane atomically. Everything here is plain JSON data
// (no functions, no RegExp) so a Snapshot can be deep-frozen, diffed and sent across a process boundary;
// the gateway compiles it once per update (src/router/compile.ts).
import type { RouteFiltersConfig } from './filters.ts';

export interface GatewayConfig {
  revision: number;
  virtualHosts: VirtualHostConfig[];
  /** Extra listening sockets (one per VirtualGateway listener); absent/empty = only the gateway's own listener. */
  listeners?: ListenerConfig[];
}

/** domains: exact host names or a left-most wildcard ("*.example.com"); matched port-insensitively. */
export interface VirtualHostConfig {
  name: string;
  domains: string[];
  routes: RouteConfig[];
  /** Names of the listeners serving this host. Absent = the gateway's own (default) listener only; [] = none. */
  listeners?: string[];
}

/** One VirtualGateway listener: a socket on `port` (same host as the default listener). */
export interface ListenerConfig {
  /** `<namespace>.<virtualGateway>.<listenerIndex>` */
  name: string;
  port: number;
  tls: ListenerTlsConfig | null;
  /** Answer every request with a 301 to https (to `port`, omitted when 443) instead of routing. */
  httpsRedirect: { port: number } | null;
}

export interface ListenerTlsConfig {
  certPem: string;
  /** Redacted by the admin API's snapshot view. */
  keyPem: string;
  minVersion: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  maxVersion: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  /** OpenSSL cipher list, or null for Node's default. */
  ciphers: string | null;
}

export interface RouteConfig {
  /** Envoy-style name, e.g. `tracks-api-tracks-rt.ns.cluster--api-example-com-rt.ns.cluster`. */
  name: string;
  routeTable: { name: string; namespace: string };
  routeIndex: number;
  /** Effective (inherited) labels; policies select routes by these. */
  labels: Record<string, string>;
  /** any-of; [] matches every request. */
  matchers: MatcherConfig[];
  action: RouteActionConfig;
  /** e.g. `io.solo.gloo.apimanagement` → {api_product_id, api_product_name, api_id, custom_metadata}. */
  filterMetadata: Record<string, Record<string, unknown>>;
  extAuth: RouteExtAuthConfig | null;
  rateLimit: RouteRateLimitConfig | null;
  /** Route policies (CORS, JWT, WAF, DLP, transformation, header manipulation, retry/timeout); see filters.ts. */
  filters?: RouteFiltersConfig | null;
}

/** One matcher: every condition present must hold (AND). */
export interface MatcherConfig {
  uri: UriMatchConfig | null;
  headers: HeaderMatcherConfig[];
  queryParameters: QueryParameterMatcherConfig[];
  /** Upper-case HTTP method, or null for any. */
  method: string | null;
}

/** regex uses RE2 syntax and must match the whole path (query string excluded); ignoreCase applies to all three. */
export interface UriMatchConfig {
  type: 'exact' | 'prefix' | 'regex';
  value: string;
  ignoreCase: boolean;
}

/** value null (or "") = presence match; regex: value is an RE2 pattern matched against the whole header value. */
export interface HeaderMatcherConfig {
  name: string;
  value: string | null;
  regex: boolean;
  invertMatch: boolean;
}

/** value null (or "") = presence match. */
export interface QueryParameterMatcherConfig {
  name: string;
  value: string | null;
  regex: boolean;
}

export type RouteActionConfig = ForwardActionConfig | RedirectActionConfig | DirectResponseActionConfig;

export interface ForwardActionConfig {
  type: 'forward';
  /** At least one. Weights are relative (Gloo normalises unweighted ones before translation). */
  destinations: DestinationConfig[];
  /** Replaces the matched prefix (prefix matcher) or the whole path (exact matcher). */
  pathRewrite: string | null;
  /** RE2 pattern applied to the path (query kept); substitution uses `\1` for groups, as Envoy does. */
  regexRewrite: { pattern: string; substitution: string } | null;
  hostRewrite: string | null;
  /** Send the destination's host name as Host instead of the client's. */
  autoHostRewrite: boolean;
  /** Upstream response timeout; null = the gateway default. */
  timeoutMs: number | null;
}

export interface DestinationConfig {
  /** For logs and errors, e.g. `petstore.default` or `ExternalService/petstore.default:8081`. */
  name: string;
  /** Where to connect: `http://127.0.0.1:8081` or `https://api.example.org:443`. */
  origin: string;
  /** Host name used by autoHostRewrite (and TLS SNI). */
  host: string;
  weight: number;
  /** The object the route names (policies' `applyToRoutes[].withDestinations` select by it); absent in hand-made configs. */
  source?: { kind: 'SERVICE' | 'EXTERNAL_SERVICE'; namespace: string; name: string; port: number; portName: string | null };
}

export interface RedirectActionConfig {
  type: 'redirect';
  hostRedirect: string | null;
  pathRedirect: string | null;
  responseCode: 301 | 302 | 303 | 307 | 308;
}

export interface DirectResponseActionConfig {
  type: 'directResponse';
  status: number;
  body: string;
}

export interface RouteExtAuthConfig {
  /** `<namespace>.<name>` of the AuthConfig; sent as context_extensions.config_id. */
  configId: string;
  server: ExtAuthServerSettings;
}

export interface ExtAuthServerSettings {
  /** Default 2000. */
  requestTimeoutMs: number;
  failureModeAllow: boolean;
  /** Default 403. */
  statusOnError: number;
  /** When set, the request body is buffered up to this size and sent to auth; larger → 413. */
  maxRequestBytes: number | null;
  /** When true, a body larger than maxRequestBytes is truncated instead of rejected. */
  allowPartialMessage: boolean;
}

export interface RouteRateLimitConfig {
  domain: string;
  /** Each inner list builds one descriptor (a list of entries); Envoy's RateLimit.actions. */
  rateLimits: RateLimitActionConfig[][];
  denyOnFail: boolean;
  timeoutMs: number;
}

/** Envoy/Gloo rate-limit actions. An action that yields no entry drops its whole descriptor. */
export type RateLimitActionConfig =
  | { type: 'requestHeaders'; headerName: string; descriptorKey: string; skipIfAbsent: boolean }
  | { type: 'remoteAddress' }
  | { type: 'genericKey'; descriptorValue: string; descriptorKey: string | null }
  | {
      type: 'headerValueMatch';
      descriptorValue: string;
      descriptorKey: string | null;
      expectMatch: boolean;
      headers: HeaderMatcherConfig[];
    }
  | {
      /**
       * Envoy's RateLimit.limit.dynamicMetadata: a `{requests_per_unit, unit}` struct in dynamic metadata becomes
       * the descriptor's first entry `descriptorKey = "<n>/<unit>"`, which the rate-limit service applies instead
       * of a configured limit. Absent metadata adds no entry (the configured rules apply).
       */
      type: 'limitOverride';
      descriptorKey: string;
      metadataKey: { key: string; path: { key: string }[] };
    }
  | {
      type: 'metadata';
      descriptorKey: string;
      /** key = metadata namespace (e.g. envoy.filters.http.ext_authz); path walks into it. */
      metadataKey: { key: string; path: { key: string }[] };
      defaultValue: string | null;
      source: 'DYNAMIC' | 'ROUTE_ENTRY';
    };
