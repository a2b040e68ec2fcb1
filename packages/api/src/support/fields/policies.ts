// Support registries of ExtAuthPolicy, AuthConfig, RateLimitPolicy and RateLimitClientConfig.
import type { FieldSupport, FieldSupportMap } from '../types.ts';
import { applyToDestinations, applyToRoutes, EXTAUTH, enforced, ignored, objectRef, RATELIMIT, rateLimitActions, under, unsupported } from './common.ts';

const OIDC_STEP = 'ext-auth/src/steps/oidc';
const OIDC_DROPPED = 'dropped by the translation (control-plane/src/extauth/steps/oidc.ts): not supported';

/** oauth2.oidcAuthorizationCode: references resolved by the control plane, the rest compiled by the ext-auth step. */
const OIDC_FIELDS: FieldSupportMap = {
  clientId: enforced(OIDC_STEP),
  'clientSecretRef.name': enforced(EXTAUTH),
  'clientSecretRef.namespace': enforced(EXTAUTH),
  disableClientSecret: enforced(OIDC_STEP),
  issuerUrl: enforced(OIDC_STEP),
  authEndpointQueryParams: enforced(OIDC_STEP),
  tokenEndpointQueryParams: enforced(OIDC_STEP),
  appUrl: enforced(OIDC_STEP),
  callbackPath: enforced(OIDC_STEP),
  parseCallbackPathAsRegex: enforced(OIDC_STEP),
  logoutPath: enforced(OIDC_STEP),
  afterLogoutUrl: enforced(OIDC_STEP),
  'endSessionProperties.methodType': enforced(OIDC_STEP),
  scopes: enforced(OIDC_STEP),
  'session.failOnFetchFailure': enforced(OIDC_STEP),
  'session.cookieOptions': { level: 'enforced', by: OIDC_STEP, subtree: true },
  'session.cookie.allowRefreshing': enforced(OIDC_STEP),
  'session.cookie.keyPrefix': enforced(OIDC_STEP),
  'session.cookie.targetDomain': enforced(OIDC_STEP),
  'session.redis.options.host': enforced(OIDC_STEP),
  'session.redis.options.db': enforced(OIDC_STEP),
  'session.redis.options.poolSize': enforced(OIDC_STEP),
  'session.redis.options.tlsCertMountPath': unsupported('refused by the ext-auth step: use socketType TLS with the system CA store'),
  'session.redis.options.socketType': enforced(OIDC_STEP),
  'session.redis.keyPrefix': enforced(OIDC_STEP),
  'session.redis.cookieName': enforced(OIDC_STEP),
  'session.redis.allowRefreshing': enforced(OIDC_STEP),
  'session.redis.preExpiryBuffer': enforced(OIDC_STEP),
  'session.redis.targetDomain': enforced(OIDC_STEP),
  'session.redis.headerName': enforced(OIDC_STEP),
  'session.cipherConfig.keyRef.name': enforced(EXTAUTH),
  'session.cipherConfig.keyRef.namespace': enforced(EXTAUTH),
  'headers.idTokenHeader': enforced(OIDC_STEP),
  'headers.accessTokenHeader': enforced(OIDC_STEP),
  'headers.useBearerSchemaForAuthorization': enforced(OIDC_STEP),
  discoveryOverride: unsupported(OIDC_DROPPED, true),
  discoveryPollInterval: enforced(OIDC_STEP),
  jwksCacheRefreshPolicy: unsupported(OIDC_DROPPED, true),
  autoMapFromMetadata: unsupported(OIDC_DROPPED, true),
  dynamicMetadataFromClaims: enforced(OIDC_STEP),
  'accessToken.claimsToHeaders[].claim': enforced(OIDC_STEP),
  'accessToken.claimsToHeaders[].header': enforced(OIDC_STEP),
  'accessToken.claimsToHeaders[].append': enforced(OIDC_STEP),
  'identityToken.claimsToHeaders[].claim': enforced(OIDC_STEP),
  'identityToken.claimsToHeaders[].header': enforced(OIDC_STEP),
  'identityToken.claimsToHeaders[].append': enforced(OIDC_STEP),
  'clientAuthentication.clientSecret.clientSecretRef.name': enforced(EXTAUTH),
  'clientAuthentication.clientSecret.clientSecretRef.namespace': enforced(EXTAUTH),
  'clientAuthentication.clientSecret.disableClientSecret': enforced(EXTAUTH),
  'clientAuthentication.privateKeyJwt': unsupported('private_key_jwt client authentication is not supported', true),
  sessionIdHeaderName: unsupported(OIDC_DROPPED),
  frontChannelLogout: unsupported(OIDC_DROPPED, true),
};

/** oauth2.accessTokenValidation (control-plane/src/extauth/steps/access-token.ts → ext-auth's access-token step). */
const ACCESS_TOKEN_FIELDS: FieldSupportMap = Object.fromEntries(
  [
    'jwt.remoteJwks.url', 'jwt.remoteJwks.refreshInterval', 'jwt.localJwks.inlineString', 'jwt.issuer', 'introspection.introspectionUrl',
    'introspection.clientId', 'introspection.clientSecretRef.name', 'introspection.clientSecretRef.namespace', 'introspection.userIdAttributeName',
    'introspection.disableClientSecret', 'introspectionUrl', 'userinfoUrl', 'cacheTimeout', 'requiredScopes.scope', 'dynamicMetadataFromClaims',
  ].map((k) => [k, enforced(EXTAUTH)]),
);

/** apiKeyAuth: Secret storage resolved to key hashes by control-plane/src/extauth/steps/apikey.ts; the rest read by
 *  ext-auth's apiKeyAuth step (docs/gloo-policies.md, "API keys in Secrets"). */
const APIKEY_STEP = 'ext-auth/src/steps/apikey';
const APIKEY_FIELDS: FieldSupportMap = {
  headerName: enforced(APIKEY_STEP),
  'headersFromMetadataEntry.*.name': enforced(APIKEY_STEP),
  'headersFromMetadataEntry.*.required': enforced(APIKEY_STEP),
  'k8sSecretApikeyStorage.labelSelector': enforced(EXTAUTH),
  'k8sSecretApikeyStorage.apiKeySecretRefs[].name': enforced(EXTAUTH),
  'k8sSecretApikeyStorage.apiKeySecretRefs[].namespace': enforced(EXTAUTH),
  aerospikeApikeyStorage: unsupported('Aerospike key storage is not supported; keys come from Secrets or the portal store', true),
  labelSelector: enforced(EXTAUTH, 'deprecated; k8sSecretApikeyStorage wins'),
  'apiKeySecretRefs[].name': enforced(EXTAUTH, 'deprecated; k8sSecretApikeyStorage wins'),
  'apiKeySecretRefs[].namespace': enforced(EXTAUTH, 'deprecated; k8sSecretApikeyStorage wins'),
  headersFromMetadata: enforced(APIKEY_STEP, 'deprecated form of headersFromMetadataEntry'),
  skipMetadataValidation: ignored('Portico does not validate key metadata'),
};

/** glooAuth: each auth type is compiled by an ext-auth step; unsupported types are REJECTED by name. */
const PORTAL_AUTH_DIRECT = 'Portico\'s portalAuth reads the portal database itself, into memory kept current by change notifications (revocation within 1 s)';
function glooAuth(prefix: string): Record<string, FieldSupport> {
  const p = prefix === '' ? '' : `${prefix}.`;
  const rejected = (what: string) => unsupported(`${what} is not supported by Portico ext-auth: the AuthConfig is REJECTED`, true);
  return {
    [`${p}configs[].name`]: enforced(EXTAUTH),
    ...under(`${p}configs[].oauth2.oidcAuthorizationCode`, OIDC_FIELDS),
    ...under(`${p}configs[].oauth2.accessTokenValidation`, ACCESS_TOKEN_FIELDS),
    [`${p}configs[].oauth2.oauth2`]: rejected('plain OAuth2'),
    ...under(`${p}configs[].apiKeyAuth`, APIKEY_FIELDS),
    // Gloo Gateway's portal step (docs/portal.md): the portal server's URL, cache and Redis have no use in Portico,
    // which reads the portal database itself (an in-memory view following its change notifications).
    [`${p}configs[].portalAuth.apiKeyHeader`]: enforced('ext-auth/src/steps/portal'),
    [`${p}configs[].portalAuth.headersFromMetadataEntry.*.name`]: enforced('ext-auth/src/steps/portal'),
    [`${p}configs[].portalAuth.headersFromMetadataEntry.*.required`]: enforced('ext-auth/src/steps/portal'),
    [`${p}configs[].portalAuth.url`]: ignored(PORTAL_AUTH_DIRECT),
    [`${p}configs[].portalAuth.cacheDuration`]: ignored(PORTAL_AUTH_DIRECT),
    [`${p}configs[].portalAuth.redisOptions`]: ignored(PORTAL_AUTH_DIRECT, true),
    [`${p}configs[].opaAuth.modules[].name`]: enforced(EXTAUTH),
    [`${p}configs[].opaAuth.modules[].namespace`]: enforced(EXTAUTH),
    [`${p}configs[].opaAuth.query`]: enforced('ext-auth/src/steps/opa'),
    [`${p}configs[].opaAuth.options.returnDecisionReason`]: enforced('ext-auth/src/steps/opa'),
    [`${p}configs[].opaAuth.options.fastInputConversion`]: ignored('Portico\'s Rego engine converts the input one way'),
    [`${p}configs[].opaServerAuth`]: rejected('opaServerAuth'),
    [`${p}configs[].basicAuth`]: rejected('basicAuth'),
    [`${p}configs[].oauth`]: rejected('oauth (deprecated)'),
    [`${p}configs[].ldap`]: rejected('ldap'),
    [`${p}configs[].jwt`]: rejected('jwt'),
    [`${p}configs[].passThroughAuth`]: rejected('passThroughAuth'),
    [`${p}configs[].pluginAuth`]: rejected('pluginAuth'),
    [`${p}configs[].hmacAuth`]: rejected('hmacAuth'),
    [`${p}booleanExpr`]: enforced(EXTAUTH),
    [`${p}failOnRedirect`]: enforced(EXTAUTH),
  };
}

export const EXT_AUTH_POLICY_FIELDS: FieldSupportMap = {
  ...under('applyToRoutes[]', applyToRoutes),
  applyToDestinations,
  ...under('config.server', objectRef(EXTAUTH)),
  ...glooAuth('config.glooAuth'),
  'config.customAuth': unsupported('custom auth servers are not supported: the policy is INVALID', true),
  'config.disable': unsupported('refused at admission, as Gloo does'),
};

export const AUTH_CONFIG_FIELDS: FieldSupportMap = glooAuth('');

export const RATE_LIMIT_POLICY_FIELDS: FieldSupportMap = {
  ...under('applyToRoutes[]', applyToRoutes),
  applyToDestinations,
  'config.phase.preAuthz': unsupported('the rate limit always runs after auth; preAuthz is not supported', true),
  'config.phase.postAuthz': ignored('the rate limit always runs after auth, as postAuthz asks; one policy per route, so priority orders nothing', true),
  ...under('config.ratelimitServerConfig', objectRef(RATELIMIT)),
  ...under('config.serverSettings', objectRef(RATELIMIT)),
  ...under('config.ratelimitClientConfig', objectRef(RATELIMIT)),
  ...rateLimitActions('config.raw.rateLimits[]'),
};

export const RATE_LIMIT_CLIENT_CONFIG_FIELDS: FieldSupportMap = rateLimitActions('raw.rateLimits[]');
