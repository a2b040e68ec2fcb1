// Registry fragments for the types several kinds share (references, selectors, rate-limit actions).
import type { FieldSupport, FieldSupportMap } from '../types.ts';

export const ROUTES = 'control-plane/src/routes';
export const SELECTION = 'control-plane/src/selection';
export const EXTAUTH = 'control-plane/src/extauth';
export const RATELIMIT = 'control-plane/src/ratelimit';
export const PORTAL = 'control-plane/src/portal';
export const WORKSPACES = 'control-plane/src/workspaces';

export const enforced = (by: string, note?: string): FieldSupport => ({ level: 'enforced', by, ...(note ? { note } : {}) });
export const unsupported = (note: string, subtree = false): FieldSupport => ({ level: 'unsupported', note, ...(subtree ? { subtree } : {}) });
export const ignored = (note: string, subtree = false): FieldSupport => ({ level: 'ignored', note, ...(subtree ? { subtree } : {}) });

export const ONE_CLUSTER = 'Portico runs one cluster; every cluster name means it';

/** Prefixes every key of `map` with `prefix` (`a[]` + `b` → `a[].b`). */
export function under(prefix: string, map: FieldSupportMap): FieldSupportMap {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [`${prefix}.${k}`, v]));
}

/** `{name, namespace, cluster}` read by `by`. */
export const objectRef = (by: string): FieldSupportMap => ({ name: enforced(by), namespace: enforced(by), cluster: ignored(ONE_CLUSTER) });

/** A DestinationReference a route forwards to (routes/destinations.ts). */
export const routeDestination: FieldSupportMap = {
  'ref.name': enforced(ROUTES),
  'ref.namespace': enforced(ROUTES),
  'ref.cluster': ignored(ONE_CLUSTER),
  awsLambda: unsupported('AWS Lambda destinations are not supported; the route answers 500', true),
  kind: enforced(ROUTES),
  'port.number': enforced(ROUTES),
  'port.name': enforced(ROUTES),
  subset: unsupported('subsets are not supported; every endpoint of the destination is used'),
  weight: enforced(ROUTES),
};

/** A DestinationReference to a server Portico runs in-process (ext-auth, rate limiter). */
export const inProcessServer = (what: string): FieldSupport => ignored(`Portico runs the ${what} in-process; the reference is recorded, not dialled`, true);

/** `applyToRoutes[]` of every route policy (selection/routes.ts). */
export const applyToRoutes: FieldSupportMap = {
  'route.labels': enforced(SELECTION),
  'route.name': unsupported('removed from Gloo in 2.3; ignored, never filters — select by labels'),
  'route.namespace': enforced(SELECTION),
  'route.cluster': ignored(ONE_CLUSTER),
  'route.workspace': enforced(SELECTION),
  'withDestinations.kind': enforced(SELECTION, 'SERVICE and EXTERNAL_SERVICE; VIRTUAL_DESTINATION is reported and selects nothing'),
  'withDestinations.selector.labels': enforced(SELECTION),
  'withDestinations.selector.name': enforced(SELECTION),
  'withDestinations.selector.namespace': enforced(SELECTION),
  'withDestinations.selector.cluster': ignored(ONE_CLUSTER),
  'withDestinations.selector.workspace': enforced(SELECTION),
  'withDestinations.port.number': enforced(SELECTION),
  'withDestinations.port.name': enforced(SELECTION),
};

export const applyToDestinations: FieldSupport = unsupported('destination (waypoint/sidecar) policies are not supported; only applyToRoutes selects', true);

/** Rate-limit actions (ratelimit/actions.ts), at `<prefix>`. */
export function rateLimitActions(prefix: string): FieldSupportMap {
  const action: FieldSupportMap = {
    sourceCluster: enforced(RATELIMIT),
    destinationCluster: enforced(RATELIMIT),
    'requestHeaders.headerName': enforced(RATELIMIT),
    'requestHeaders.descriptorKey': enforced(RATELIMIT),
    'requestHeaders.skipIfAbsent': enforced(RATELIMIT),
    remoteAddress: enforced(RATELIMIT),
    'genericKey.descriptorValue': enforced(RATELIMIT),
    'genericKey.descriptorKey': enforced(RATELIMIT),
    'headerValueMatch.descriptorValue': enforced(RATELIMIT),
    'headerValueMatch.descriptorKey': enforced(RATELIMIT),
    'headerValueMatch.expectMatch': enforced(RATELIMIT),
    'headerValueMatch.headers[].name': enforced(RATELIMIT),
    'headerValueMatch.headers[].value': enforced(RATELIMIT),
    'headerValueMatch.headers[].regex': enforced(RATELIMIT),
    'headerValueMatch.headers[].invertMatch': enforced(RATELIMIT),
    'metadata.descriptorKey': enforced(RATELIMIT),
    'metadata.metadataKey.key': enforced(RATELIMIT),
    'metadata.metadataKey.path[].key': enforced(RATELIMIT),
    'metadata.defaultValue': enforced(RATELIMIT),
    'metadata.source': enforced(RATELIMIT),
  };
  return {
    ...under(`${prefix}.actions[]`, action),
    ...under(`${prefix}.setActions[]`, action),
    // Envoy's RateLimit.Override.DynamicMetadata: e.g. a teams-and-apps portal subscription's limit (portalAuth).
    [`${prefix}.limit.dynamicMetadata.metadataKey.key`]: enforced(RATELIMIT),
    [`${prefix}.limit.dynamicMetadata.metadataKey.path[].key`]: enforced(RATELIMIT),
  };
}
