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
