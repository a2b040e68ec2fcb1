// Support registries of ExtAuthPolicy, AuthConfig, RateLimitPolicy and RateLimitClientConfig.
import type { FieldSupport, FieldSupportMap } from '../types.ts';
import { applyToDestinations, applyToRoutes, EXTAUTH, enforced, ignored, objectRef, RATELIMIT, rateLimitActions, under, unsupported } from './common.ts';

/** glooAuth: each auth type is compiled by an ext-auth step; unsupported types are REJECTED by name. */
const AUTH_STEP_NOTE = 'compiled by the ext-auth step; its fields are not audited one by one yet';
function glooAuth(prefix: string): Record<string, FieldSupport> {
  const p = prefix === '' ? '' : `${prefix}.`;
  const rejected = (what: string) => unsupported(`${what} is not supported by Portico ext-auth: the AuthConfig is REJECTED`, true);
  return {
    [`${p}configs[].name`]: enforced(EXTAUTH),
    [`${p}configs[].oauth2.oidcAuthorizationCode`]: { level: 'unaudited', note: AUTH_STEP_NOTE, subtree: true },
    [`${p}configs[].oauth2.accessTokenValidation`]: { level: 'unaudited', note: AUTH_STEP_NOTE, subtree: true },
    [`${p}configs[].oauth2.oauth2`]: rejected('plain OAuth2'),
    [`${p}configs[].apiKeyAuth`]: { level: 'unaudited', note: AUTH_STEP_NOTE, subtree: true },
    [`${p}configs[].opaAuth`]: { level: 'unaudited', note: AUTH_STEP_NOTE, subtree: true },
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
