import type {
  DestinationConfig,
  ForwardActionConfig,
  GatewayConfig,
  MatcherConfig,
  RouteActionConfig,
  RouteConfig,
  UriMatchConfig,
} from '@portico/gateway';

// Small builders so each test states only what it is about.

export function matcher(m: Partial<MatcherConfig> = {}): MatcherConfig {
  return { uri: null, headers: [], queryParameters: [], method: null, ...m };
}

export function prefix(value: string, ignoreCase = false): MatcherConfig {
  return matcher({ uri: uri('prefix', value, ignoreCase) });
}

export function uri(type: UriMatchConfig['type'], value: string, ignoreCase = false): UriMatchConfig {
  return { type, value, ignoreCase };
}

export function dest(origin: string, weight = 1, name = origin): DestinationConfig {
  return { name, origin, host: new URL(origin).hostname, weight };
}

export function forward(destinations: DestinationConfig[], extra: Partial<ForwardActionConfig> = {}): ForwardActionConfig {
  return {
    type: 'forward',
    destinations,
    pathRewrite: null,
    regexRewrite: null,
    hostRewrite: null,
    autoHostRewrite: false,
    timeoutMs: null,
    ...extra,
  };
}

export function route(name: string, matchers: MatcherConfig[], action: RouteActionConfig, extra: Partial<RouteConfig> = {}): RouteConfig {
  return {
    name,
    routeTable: { name: 'rt', namespace: 'test' },
    routeIndex: 0,
    labels: {},
    matchers,
    action,
    filterMetadata: {},
    extAuth: null,
    rateLimit: null,
    ...extra,
  };
}

export function config(routes: RouteConfig[], domains: string[] = ['api.example.com'], revision = 1): GatewayConfig {
  return { revision, virtualHosts: [{ name: 'vh', domains, routes }] };
}
