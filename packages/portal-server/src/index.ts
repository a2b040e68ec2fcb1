export { startPortalServer, DEFAULT_PORTAL_SERVER_PORT, ROUTES } from './server.ts';
export type { PortalServer, PortalServerOptions } from './server.ts';
export { buildOpenApi } from './http/openapi.ts';
export { createAuthenticator } from './auth/identity.ts';
export type { Authenticator, Identity, PortalAuthOptions } from './auth/identity.ts';
export { accessFor, isMember } from './access/visibility.ts';
export { portalForHost } from './access/portal-for-host.ts';
export { PORTAL_ERROR_CODES, PortalHttpError } from './errors.ts';
export type { PortalErrorCode } from './errors.ts';
export type {
  PortalServerConfig,
  PortalConfig,
  PortalApi,
  PortalUsagePlan,
  PortalGroupConfig,
  PlanUnit,
} from './config/types.ts';
