// Support registries of the portal kinds (ApiDoc, Portal, PortalGroup) and the core kinds (ConfigMap, Secret).
import type { FieldSupportMap } from '../types.ts';
import { enforced, ignored, ONE_CLUSTER, PORTAL, unsupported } from './common.ts';

const tableSelector = (prefix: string): FieldSupportMap => ({
  [`${prefix}.labels`]: enforced(PORTAL),
  [`${prefix}.name`]: enforced(PORTAL),
  [`${prefix}.namespace`]: enforced(PORTAL),
  [`${prefix}.cluster`]: ignored(ONE_CLUSTER),
  [`${prefix}.workspace`]: unsupported('workspace narrowing of portal API selectors is not supported'),
});

export const API_DOC_FIELDS: FieldSupportMap = {
  'openapi.inlineString': enforced(PORTAL),
  grpc: unsupported('gRPC API docs are not served by the portal', true),
  graphql: unsupported('GraphQL API docs are not served by the portal', true),
  'servedBy[].destinationSelector.kind': enforced(PORTAL),
  'servedBy[].destinationSelector.selector.labels': enforced(PORTAL),
  'servedBy[].destinationSelector.selector.name': enforced(PORTAL),
  'servedBy[].destinationSelector.selector.namespace': enforced(PORTAL),
  'servedBy[].destinationSelector.selector.cluster': ignored(ONE_CLUSTER),
  'servedBy[].destinationSelector.selector.workspace': unsupported('workspace narrowing of servedBy is not supported'),
  'servedBy[].destinationSelector.port.number': enforced(PORTAL),
  'servedBy[].destinationSelector.port.name': enforced(PORTAL),
};

export const PORTAL_FIELDS: FieldSupportMap = {
  portalBackendSelectors: ignored('Portico runs one portal server; every selector selects it', true),
  ...tableSelector('apis[]'),
  apiProducts: unsupported('hidden in Gloo 2.6; products come from RouteTable portalMetadata', true),
  'usagePlans[].name': enforced(PORTAL),
  'usagePlans[].displayName': enforced(PORTAL),
  'usagePlans[].description': enforced(PORTAL),
  domains: enforced(PORTAL),
  'visibility.public': enforced(PORTAL),
  'visibility.privateAPILabels': enforced(PORTAL),
  portalModel: enforced(PORTAL, 'Portico extension: usage-plans (default) or teams-and-apps (docs/portal.md)'),
  'cors.allowOrigins': enforced(PORTAL, 'Portico extension: browser origins allowed to call the portal API'),
};

export const PORTAL_GROUP_FIELDS: FieldSupportMap = {
  name: enforced(PORTAL),
  description: enforced(PORTAL),
  'membership[].claims[].key': enforced(PORTAL),
  'membership[].claims[].value': enforced(PORTAL),
  ...tableSelector('accessLevel.apis[]'),
  'accessLevel.usagePlans': enforced(PORTAL),
};

export const CONFIG_MAP_FIELDS: FieldSupportMap = {
  data: enforced('control-plane/src/extauth', 'Rego modules for opaAuth'),
  binaryData: ignored('no Portico feature reads binary ConfigMap data'),
  immutable: ignored('Portico does not enforce immutability'),
};

export const SECRET_FIELDS: FieldSupportMap = {
  data: enforced('control-plane/src/extauth'),
  stringData: enforced('api/src/kinds/secret.ts', 'folded into data on write, as Kubernetes does'),
  type: enforced('control-plane/src/gateways', 'kubernetes.io/tls for listener certificates'),
  immutable: ignored('Portico does not enforce immutability'),
};
