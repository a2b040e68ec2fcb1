// @portico/ext-auth/service — ext-auth in-process, as a gateway data plane embeds it: the AuthService and the
// default Rego engine. Loads no transport: the gRPC (@grpc/grpc-js, proto-loader) and HTTP ext_authz servers
// are the package index's, for processes that serve ext_authz to other proxies.
export { PorticoAuthService } from './service/auth-service.ts';
export type { AuthServiceOptions, ConfigState } from './service/auth-service.ts';
export { defaultRego } from './service/default-rego.ts';
export { silentLogger } from './pipeline/deps.ts';
export type { AuthLogger } from './pipeline/deps.ts';
export type { PortalCredential, PortalCredentialLookup, PortalGrant } from './steps/portal/lookup.ts';
