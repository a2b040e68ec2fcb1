export type {
  GatewayConfig,
  VirtualHostConfig,
  ListenerConfig,
  ListenerTlsConfig,
  RouteConfig,
  MatcherConfig,
  UriMatchConfig,
  HeaderMatcherConfig,
  QueryParameterMatcherConfig,
  RouteActionConfig,
  ForwardActionConfig,
  DestinationConfig,
  RedirectActionConfig,
  DirectResponseActionConfig,
  RouteExtAuthConfig,
  ExtAuthServerSettings,
  RouteRateLimitConfig,
  RateLimitActionConfig,
} from './config/types.ts';
export { uniqueHostNames } from './config/host-names.ts';
export { changedSpan, type ChangedSpan } from './config/changed-span.ts';
export type {
  CheckRequest,
  CheckResult,
  AuthService,
  SocketAddressJson,
  RateLimitService,
  RateLimitDecision,
  RateLimitDescriptorEntry,
} from './hooks/service-types.ts';
export { createGateway } from './server/gateway.ts';
export type { Gateway, GatewayOptions, UpdateResult } from './server/gateway.ts';
export type { GatewayLogger, AccessLogRecord } from './log/access-log.ts';
export { GatewayMetrics } from './metrics/gateway-metrics.ts';
export type { AccessLogWriter } from './log/access-log-writer.ts';
export { bytesWriter } from './log/access-log-writer.ts';
export type { GatewayErrorCode, GatewayIssue } from './errors.ts';
export { GATEWAY_ERROR_CODES, GatewayError } from './errors.ts';
export { APIMANAGEMENT_NS } from './router/compile.ts';
export { EXT_AUTHZ_NS } from './server/context.ts';
export { regexProblem } from './router/matchers.ts';
export type {
  RouteFiltersConfig,
  CorsFilterConfig,
  OriginMatchConfig,
  JwtFilterConfig,
  WafFilterConfig,
  HeaderManipulationConfig,
  TransformationFilterConfig,
  TransformationTemplateConfig,
  RetryFilterConfig,
  DlpFilterConfig,
  FaultFilterConfig,
} from './config/filters.ts';
export { parseRuleSets } from './filters/waf/seclang/parse.ts';
export type { RuleSet } from './filters/waf/seclang/parse.ts';
export { compileTemplate } from './filters/transformation/template.ts';
