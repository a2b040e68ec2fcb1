// Support registries of the admin kinds: Workspace, WorkspaceSettings, ExtAuthServer, RateLimitServerConfig,
// RateLimitServerSettings.
import type { FieldSupportMap } from '../types.ts';
import { EXTAUTH, enforced, ignored, inProcessServer, ONE_CLUSTER, RATELIMIT, unsupported, WORKSPACES } from './common.ts';

export const WORKSPACE_FIELDS: FieldSupportMap = {
  'workloadClusters[].name': ignored(ONE_CLUSTER),
  'workloadClusters[].selector': unsupported('KubernetesCluster label selectors are not supported (one cluster)'),
  'workloadClusters[].namespaces[].name': enforced(WORKSPACES),
  'workloadClusters[].namespaces[].labels': unsupported('Portico has no Namespace objects to read labels from; such an entry selects nothing'),
  'workloadClusters[].namespaces[].configEnabled': enforced(WORKSPACES),
  'workloadClusters[].configEnabled': enforced(WORKSPACES),
};

const sharing: FieldSupportMap = {
  'workspaces[].name': enforced(WORKSPACES),
  'workspaces[].selector': enforced(WORKSPACES),
  'resources[].kind': enforced(WORKSPACES),
  'resources[].labels': enforced(WORKSPACES),
  'resources[].name': enforced(WORKSPACES),
  'resources[].namespace': enforced(WORKSPACES),
  'resources[].cluster': ignored(ONE_CLUSTER),
};

export const WORKSPACE_SETTINGS_FIELDS: FieldSupportMap = {
  ...Object.fromEntries(Object.entries(sharing).map(([k, v]) => [`importFrom[].${k}`, v])),
  ...Object.fromEntries(Object.entries(sharing).map(([k, v]) => [`exportTo[].${k}`, v])),
  'options.serviceIsolation': unsupported('service isolation is a mesh feature', true),
  'options.federation': unsupported('federation is a mesh feature', true),
  'options.eastWestGateways': unsupported('east-west gateways are a mesh feature', true),
  'options.virtualDestClientMode': unsupported('virtual destinations are a mesh feature', true),
  'options.trimAllProxyConfig': unsupported('proxy config trimming is a mesh feature'),
};

export const EXT_AUTH_SERVER_FIELDS: FieldSupportMap = {
  destinationServer: inProcessServer('ext-auth service'),
  httpService: unsupported('the HTTP ext_authz variant towards an external server is not supported; Portico calls its ext-auth in-process', true),
  requestTimeout: enforced(EXTAUTH),
  failureModeAllow: enforced(EXTAUTH),
  'requestBody.maxRequestBytes': enforced(EXTAUTH),
  'requestBody.allowPartialMessage': enforced(EXTAUTH),
  'requestBody.packAsBytes': ignored('the in-process check receives the body as it arrived'),
  clearRouteCache: unsupported('routes are not re-selected after auth'),
  statusOnError: enforced(EXTAUTH),
  transportApiVersion: ignored('the in-process check has no transport version'),
  statPrefix: ignored('ext-auth metrics have fixed names'),
};

export const RATE_LIMIT_SERVER_CONFIG_FIELDS: FieldSupportMap = {
  'raw.descriptors[].key': enforced(RATELIMIT),
  'raw.descriptors[].value': enforced(RATELIMIT),
  'raw.descriptors[].rateLimit.unit': enforced(RATELIMIT),
  'raw.descriptors[].rateLimit.requestsPerUnit': enforced(RATELIMIT),
  'raw.descriptors[].descriptors[]': enforced(RATELIMIT),
  'raw.descriptors[].weight': enforced(RATELIMIT),
  'raw.descriptors[].alwaysApply': enforced(RATELIMIT),
  'raw.setDescriptors[].simpleDescriptors[].key': enforced(RATELIMIT),
  'raw.setDescriptors[].simpleDescriptors[].value': enforced(RATELIMIT),
  'raw.setDescriptors[].rateLimit.unit': enforced(RATELIMIT),
  'raw.setDescriptors[].rateLimit.requestsPerUnit': enforced(RATELIMIT),
  'raw.setDescriptors[].alwaysApply': enforced(RATELIMIT),
  destinationServers: inProcessServer('rate limiter'),
};

export const RATE_LIMIT_SERVER_SETTINGS_FIELDS: FieldSupportMap = {
  destinationServer: inProcessServer('rate limiter'),
  requestTimeout: enforced(RATELIMIT),
  denyOnFail: enforced(RATELIMIT),
  rateLimitBeforeAuth: unsupported('the rate limit always runs after auth'),
};
