// Support registries of the issue-12 route policies (CORS, JWT, WAF, DLP, Transformation, HeaderManipulation,
// RetryTimeout) and ApiSchemaDiscovery — docs/gloo-policies.md explains each level.
import type { FieldSupportMap } from '../types.ts';
import { applyToDestinations, applyToRoutes, enforced, ignored, ONE_CLUSTER, under, unsupported } from './common.ts';

const SECURITY = 'control-plane/src/security';
const TRAFFIC = 'control-plane/src/trafficcontrol';
const RESILIENCE = 'control-plane/src/resilience';
const DISCOVERY = 'control-plane/src/discovery';
const JWT_STEP = 'ext-auth/src/steps/jwt-policy';

const selection: FieldSupportMap = under('applyToRoutes[]', applyToRoutes);

export const CORS_POLICY_FIELDS: FieldSupportMap = {
  ...selection,
  'config.allowOrigins[].exact': enforced(SECURITY),
  'config.allowOrigins[].prefix': enforced(SECURITY),
  'config.allowOrigins[].regex': enforced(SECURITY),
  'config.allowOrigins[].ignoreCase': enforced(SECURITY),
  'config.allowOrigins[].suffix': unsupported('Gloo documents suffix as unsupported; the entry allows no origin'),
  'config.allowMethods': enforced(SECURITY),
  'config.allowHeaders': enforced(SECURITY),
  'config.exposeHeaders': enforced(SECURITY),
  'config.maxAge': enforced(SECURITY),
  'config.allowCredentials': enforced(SECURITY),
};

const provider: FieldSupportMap = {
  issuer: enforced(SECURITY),
  audiences: enforced(SECURITY),
  'tokenSource.headers[].name': enforced(SECURITY),
  'tokenSource.headers[].prefix': enforced(SECURITY),
  'tokenSource.queryParams': enforced(SECURITY),
  'local.inline': enforced(SECURITY),
  'local.secretRef.name': enforced(SECURITY),
  'local.secretRef.namespace': enforced(SECURITY),
  'local.secretRef.cluster': ignored(ONE_CLUSTER),
  'local.secretRef.key': enforced(SECURITY),
  'remote.url': enforced(SECURITY),
  'remote.destinationRef': unsupported('the JWKS URL is fetched directly; destinationRef is not used', true),
  'remote.cacheDuration': enforced(SECURITY),
  'remote.timeout': enforced(SECURITY),
  'remote.enableAsyncFetch': ignored('ext-auth always fetches JWKS off the request path'),
  'claimsToHeaders[].claim': enforced(SECURITY),
  'claimsToHeaders[].header': enforced(SECURITY),
  'claimsToHeaders[].append': enforced(SECURITY),
  keepToken: enforced(SECURITY),
  clockSkewSeconds: enforced(SECURITY),
  outputPayloadToHeader: enforced(SECURITY),
};

export const JWT_POLICY_FIELDS: FieldSupportMap = {
  ...selection,
  applyToDestinations,
  'config.phase.preAuthz': enforced(SECURITY),
  'config.phase.postAuthz': enforced(SECURITY),
  'config.phase.preAuthz.priority': unsupported('JWTPolicy runs once per phase; priority is not used'),
  'config.phase.postAuthz.priority': unsupported('JWTPolicy runs once per phase; priority is not used'),
  ...under('config.providers.*', provider),
  'config.claims[].key': enforced(JWT_STEP),
  'config.claims[].values': enforced(JWT_STEP),
  'config.claims[].notValues': enforced(JWT_STEP),
  'config.claims[].nestedClaimDelimiter': enforced(SECURITY),
  'config.requiredScopes': enforced(SECURITY),
  'config.validationPolicy': enforced(SECURITY),
  'config.allowMissingOrFailed': enforced(SECURITY),
  'config.clearRouteCache': enforced(SECURITY, 'TRUE is reported WARNING: routes are not re-selected after JWT validation'),
};

export const WAF_POLICY_FIELDS: FieldSupportMap = {
  ...selection,
  'config.disableCoreRuleSet': enforced(SECURITY),
  'config.coreRuleSetSettingsString': unsupported('the OWASP core rule set is not shipped'),
  'config.coreRuleSetSettingsPath': unsupported('the OWASP core rule set is not shipped'),
  'config.customRuleSets[].ruleStr': enforced(SECURITY, 'the SecLang subset of docs/gloo-policies.md, run by gateway/src/filters/waf'),
  'config.customRuleSets[].files': unsupported('rule files on the gateway host are not read; use ruleStr'),
  'config.customRuleSets[].directory': unsupported('rule directories on the gateway host are not read; use ruleStr'),
  'config.customInterventionMessage': enforced(SECURITY),
  'config.auditLogging': unsupported('denials are logged by the gateway; no audit log', true),
  'config.requestHeadersOnly': enforced(SECURITY),
  'config.responseHeadersOnly': enforced(SECURITY, 'response bodies are not inspected'),
  'config.priority': enforced(SECURITY),
};

export const DLP_POLICY_FIELDS: FieldSupportMap = {
  ...selection,
  'config.sanitize': enforced(SECURITY),
  'config.actions[].predefinedAction': enforced(SECURITY),
  'config.actions[].customAction.name': enforced(SECURITY),
  'config.actions[].customAction.maskChar': enforced(SECURITY),
  'config.actions[].customAction.percent': enforced(SECURITY),
  'config.actions[].customAction.percent.value': enforced(SECURITY),
  'config.actions[].customAction.regexActions[].regex': enforced(SECURITY),
  'config.actions[].customAction.regexActions[].subgroup': enforced(SECURITY),
  'config.actions[].keyValueAction.name': enforced(SECURITY),
  'config.actions[].keyValueAction.maskChar': enforced(SECURITY),
  'config.actions[].keyValueAction.percent': enforced(SECURITY),
  'config.actions[].keyValueAction.percent.value': enforced(SECURITY),
  'config.actions[].keyValueAction.keysToMask': enforced(SECURITY),
  'config.actions[].shadow': enforced(SECURITY),
};

const template = (at: string): FieldSupportMap => ({
  [`${at}.advancedTemplates`]: enforced(TRAFFIC, 'true is reported WARNING: extractors use the header form only'),
  [`${at}.extractors.*.header`]: enforced(TRAFFIC),
  [`${at}.extractors.*.body`]: unsupported('body extractors are not supported'),
  [`${at}.extractors.*.regex`]: enforced(TRAFFIC),
  [`${at}.extractors.*.subgroup`]: enforced(TRAFFIC),
  [`${at}.headers.*.text`]: enforced(TRAFFIC, 'the Inja subset of docs/gloo-policies.md'),
  [`${at}.headersToAppend[].key`]: enforced(TRAFFIC),
  [`${at}.headersToAppend[].value.text`]: enforced(TRAFFIC),
  [`${at}.headersToRemove`]: enforced(TRAFFIC),
  [`${at}.body.text`]: enforced(TRAFFIC),
  [`${at}.passthrough`]: ignored('the body is passed through unless a body template is set'),
  [`${at}.mergeExtractorsToBody`]: unsupported('not supported'),
  [`${at}.parseBodyBehavior`]: enforced(TRAFFIC, 'ParseAsJson (default): JSON body fields are template variables'),
  [`${at}.ignoreErrorOnParse`]: ignored('a body that is not JSON renders its fields empty; it is never refused'),
  [`${at}.dynamicMetadataValues[].metadataNamespace`]: enforced(TRAFFIC, 'default io.solo.transformation'),
  [`${at}.dynamicMetadataValues[].key`]: enforced(TRAFFIC),
  [`${at}.dynamicMetadataValues[].value.text`]: enforced(TRAFFIC, 'request templates; rate-limit metadata actions read it'),
  [`${at}.escapeCharacters`]: enforced(TRAFFIC, 'true is reported WARNING'),
});

export const TRANSFORMATION_POLICY_FIELDS: FieldSupportMap = {
  ...selection,
  'config.phase.preAuthz': enforced(TRAFFIC),
  'config.phase.postAuthz': enforced(TRAFFIC),
  'config.phase.preAuthz.priority': unsupported('one transformation per route; priority is not used'),
  'config.phase.postAuthz.priority': unsupported('one transformation per route; priority is not used'),
  ...template('config.request.injaTemplate'),
  'config.request.recalculateRoutingDestination': enforced(TRAFFIC, 'true is reported WARNING: the route is chosen before the transformation'),
  ...template('config.response.injaTemplate'),
};

export const HEADER_MANIPULATION_POLICY_FIELDS: FieldSupportMap = {
  ...selection,
  applyToRouteDestinations: unsupported('only applyToRoutes selects', true),
  'config.appendRequestHeaders': enforced(TRAFFIC),
  'config.appendResponseHeaders': enforced(TRAFFIC),
  'config.removeRequestHeaders': enforced(TRAFFIC),
  'config.removeResponseHeaders': enforced(TRAFFIC),
};

export const RETRY_TIMEOUT_POLICY_FIELDS: FieldSupportMap = {
  ...selection,
  applyToDestinations,
  'config.retries.attempts': enforced(RESILIENCE),
  'config.retries.perTryTimeout': enforced(RESILIENCE),
  'config.retries.retryOn': enforced(RESILIENCE),
  'config.retries.retryRemoteLocalities': enforced(RESILIENCE, 'true is reported WARNING: one locality'),
  'config.requestTimeout': enforced(RESILIENCE),
};

export const FAULT_INJECTION_POLICY_FIELDS: FieldSupportMap = {
  ...selection,
  'config.delay.fixedDelay': enforced(RESILIENCE),
  'config.delay.percentage': enforced(RESILIENCE),
  'config.abort.httpStatus': enforced(RESILIENCE),
  'config.abort.percentage': enforced(RESILIENCE),
};

export const API_SCHEMA_DISCOVERY_FIELDS: FieldSupportMap = {
  'openapi.fetchEndpoint.url': enforced(DISCOVERY),
  'openapi.fetchEndpoint.retryDelay': enforced(DISCOVERY),
  'openapi.fetchEndpoint.pullAttempts': enforced(DISCOVERY),
  'openapi.fetchEndpoint.useBackoff': enforced(DISCOVERY),
  servedBy: { level: 'enforced', by: DISCOVERY, subtree: true, note: 'copied to the ApiDoc, read by the portal stage' },
};
