// @portico/api — resource schemas, types, validation, manifest parsing and the kinds registry.
export { API_ERROR_CODES } from './errors.ts';
export type { ApiError, ApiErrorCode } from './errors.ts';
export { DEFAULT_NAMESPACE, objectMetaInput, refKey, refOf } from './meta.ts';
export type { ObjectMeta, ObjectRef, Resource, ResourceInput } from './meta.ts';
export {
  approvalState,
  authConfigStatus,
  commonStatus,
  condition,
  conditionReason,
  glooStatus,
  makeGlooStatus,
  policyStatus,
  routeTableStatus,
} from './status.ts';
export type {
  ApprovalState,
  AuthConfigStatus,
  CommonStatus,
  Condition,
  ConditionReason,
  GlooStatus,
  PolicyStatus,
  RouteTableStatus,
} from './status.ts';
export { formatPath, normalizeToSchema, snakeToCamel } from './normalize.ts';
export type { FieldWarning } from './normalize.ts';
export { groupOf, kindDefinition, KINDS, resolveKind } from './registry.ts';
export type { KindDefinition } from './kinds/definition.ts';
export { validateResource } from './validate.ts';
export type { ValidateOptions, ValidationIssue, ValidationResult } from './validate.ts';
export { hostProblem } from './common/hosts.ts';
export { labelKeyProblem, labelValueProblem } from './common/labels.ts';
export { has } from './common/cel.ts';
export type { CelRule } from './common/cel.ts';
export {
  destinationReference,
  destinationSelector,
  duration,
  durationMs,
  objectReference,
  objectSelector,
  resourceRef,
  routeSelector,
  workloadSelector,
} from './common/refs.ts';
export type {
  DestinationReference,
  DestinationSelector,
  ObjectReference,
  ObjectSelector,
  ResourceRef,
  RouteSelector,
  WorkloadSelector,
} from './common/refs.ts';
export { headerMatcher, httpRequestMatcher, queryParameterMatcher, stringMatch } from './common/matchers.ts';
export type { HeaderMatcher, HTTPRequestMatcher, QueryParameterMatcher, StringMatch } from './common/matchers.ts';
export { portalMetadata } from './common/portal-metadata.ts';
export type { PortalMetadata } from './common/portal-metadata.ts';
export {
  delegateAction,
  directResponseAction,
  forwardToAction,
  httpRoute,
  redirectAction,
  ROUTE_TABLE_API_VERSION,
  ROUTE_TABLE_RULES,
  routeTable,
  routeTableSpec,
  weightsProblem,
} from './kinds/routetable.ts';
export type {
  DelegateAction,
  DirectResponseAction,
  ForwardToAction,
  HTTPRoute,
  RedirectAction,
  RouteTable,
  RouteTableSpec,
} from './kinds/routetable.ts';
export { configMap, configMapBody } from './kinds/configmap.ts';
export type { ConfigMapBody } from './kinds/configmap.ts';
export { mergeStringData, secret, secretBody } from './kinds/secret.ts';
export type { SecretBody } from './kinds/secret.ts';
export { externalService, externalServicePort, externalServiceSpec } from './kinds/externalservice.ts';
export type { ExternalServicePort, ExternalServiceSpec } from './kinds/externalservice.ts';
export { externalEndpoint, externalEndpointSpec } from './kinds/externalendpoint.ts';
export type { ExternalEndpointSpec } from './kinds/externalendpoint.ts';
export { service, serviceSpec } from './kinds/service.ts';
export type { ServiceSpec } from './kinds/service.ts';
export { extAuthPolicy, extAuthPolicySpec } from './kinds/extauthpolicy.ts';
export type { ExtAuthPolicy, ExtAuthPolicySpec } from './kinds/extauthpolicy.ts';
export { extAuthServer, extAuthServerSpec } from './kinds/extauthserver.ts';
export type { ExtAuthServer, ExtAuthServerSpec } from './kinds/extauthserver.ts';
export { authConfig } from './kinds/authconfig.ts';
export type { AuthConfig } from './kinds/authconfig.ts';
export { AUTH_STEP_TYPES, authConfigSpec, authConfigStep } from './auth/spec.ts';
export type { AuthConfigSpec, AuthConfigStep, AuthStepType } from './auth/spec.ts';
export { accessTokenValidation, jwtValidation, oauth2Config, oidcAuthorizationCode, plainOAuth2, userSession } from './auth/oauth2.ts';
export type { OAuth2Config } from './auth/oauth2.ts';
export { apiKeyAuth } from './auth/apikey.ts';
export type { ApiKeyAuth } from './auth/apikey.ts';
export { opaAuth, opaServerAuth } from './auth/opa.ts';
export type { OpaAuth, OpaServerAuth } from './auth/opa.ts';
export { basicAuth, hmacAuth, ldap, passThroughAuth, pluginAuth } from './auth/other.ts';
export { descriptor, phase, rateLimit, rateLimitAction, rateLimitActions, rateLimitUnit, setDescriptor } from './common/ratelimit.ts';
export type { Descriptor, RateLimit, RateLimitAction, RateLimitActions, SetDescriptor } from './common/ratelimit.ts';
export { rateLimitPolicy, rateLimitPolicySpec } from './kinds/ratelimitpolicy.ts';
export type { RateLimitPolicy, RateLimitPolicySpec } from './kinds/ratelimitpolicy.ts';
export { rateLimitClientConfig, rateLimitClientConfigSpec } from './kinds/ratelimitclientconfig.ts';
export type { RateLimitClientConfigSpec } from './kinds/ratelimitclientconfig.ts';
export { rateLimitServerConfig, rateLimitServerConfigSpec } from './kinds/ratelimitserverconfig.ts';
export type { RateLimitServerConfigSpec } from './kinds/ratelimitserverconfig.ts';
export { rateLimitServerSettings, rateLimitServerSettingsSpec } from './kinds/ratelimitserversettings.ts';
export type { RateLimitServerSettingsSpec } from './kinds/ratelimitserversettings.ts';
export { apiDoc, apiDocSpec } from './kinds/apidoc.ts';
export type { ApiDocSpec } from './kinds/apidoc.ts';
export { portal, portalSpec } from './kinds/portal.ts';
export type { PortalSpec } from './kinds/portal.ts';
export { portalGroup, portalGroupSpec } from './kinds/portalgroup.ts';
export type { PortalGroupSpec } from './kinds/portalgroup.ts';
export { workspace, workspaceSpec } from './kinds/workspace.ts';
export type { Workspace, WorkspaceSpec } from './kinds/workspace.ts';
export { SHAREABLE_KINDS, workspaceSettings, workspaceSettingsSpec } from './kinds/workspacesettings.ts';
export type { ShareableResource, WorkspaceSettings, WorkspaceSettingsSpec, WorkspaceSharing } from './kinds/workspacesettings.ts';
export { TLS_MODES, TLS_VERSIONS, virtualGateway, virtualGatewaySpec } from './kinds/virtualgateway.ts';
export type { AllowedRouteTable, GatewayTls, VirtualGateway, VirtualGatewayListener, VirtualGatewaySpec } from './kinds/virtualgateway.ts';
export { formatManifestErrors, parseManifests } from './manifest.ts';
export type { FieldSupport, FieldSupportMap } from './support/types.ts';
export { supportOf, unhonouredFields } from './support/lookup.ts';
export type { FieldNote } from './support/lookup.ts';
export { schemaFieldPaths, valueFieldPaths } from './support/schema-paths.ts';
export type { ManifestDocument, ManifestLocation } from './manifest.ts';
export { crd, crdFor, crds, objectSchemaFor } from './crd.ts';
export { corsPolicy, corsPolicySpec } from './kinds/corspolicy.ts';
export type { CorsPolicy, CorsPolicySpec } from './kinds/corspolicy.ts';
export { jwtPolicy, jwtPolicySpec, jwtProvider } from './kinds/jwtpolicy.ts';
export type { JwtPolicy, JwtPolicySpec, JwtProvider } from './kinds/jwtpolicy.ts';
export { wafPolicy, wafPolicySpec } from './kinds/wafpolicy.ts';
export type { WafPolicy, WafPolicySpec } from './kinds/wafpolicy.ts';
export { DLP_PREDEFINED_ACTIONS, dlpAction, dlpPolicy, dlpPolicySpec } from './kinds/dlppolicy.ts';
export type { DlpAction, DlpPolicy, DlpPolicySpec } from './kinds/dlppolicy.ts';
export { transformationPolicy, transformationPolicySpec, transformationTemplate } from './kinds/transformationpolicy.ts';
export type { TransformationPolicy, TransformationPolicySpec, TransformationTemplate } from './kinds/transformationpolicy.ts';
export { headerManipulationPolicy, headerManipulationPolicySpec } from './kinds/headermanipulationpolicy.ts';
export type { HeaderManipulationPolicy, HeaderManipulationPolicySpec } from './kinds/headermanipulationpolicy.ts';
export { retryTimeoutPolicy, retryTimeoutPolicySpec } from './kinds/retrytimeoutpolicy.ts';
export { faultInjectionPolicy, faultInjectionPolicySpec } from './kinds/faultinjectionpolicy.ts';
export type { FaultInjectionPolicy, FaultInjectionPolicySpec } from './kinds/faultinjectionpolicy.ts';
export type { RetryTimeoutPolicy, RetryTimeoutPolicySpec } from './kinds/retrytimeoutpolicy.ts';
export { apiSchemaDiscovery, apiSchemaDiscoverySpec, apiSchemaDiscoveryStatus } from './kinds/apischemadiscovery.ts';
export type { ApiSchemaDiscovery, ApiSchemaDiscoverySpec, ApiSchemaDiscoveryStatus } from './kinds/apischemadiscovery.ts';
