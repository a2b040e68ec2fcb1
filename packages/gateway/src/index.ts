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
export { AccessLogFile } from './log/access-log-file.ts';
export type { AccessLogWriter, AccessLogFileOptions } from './log/access-log-file.ts';
export type { GatewayErrorCode, GatewayIssue } from './errors.ts';
export { GATEWAY_ERROR_CODES, GatewayError } from './errors.ts';
export { APIMANAGEMENT_NS } from './router/compile.ts';
export { EXT_AUTHZ_NS } from './server/context.ts';
export { regexProblem } from './router/matchers.ts';
