// The closed set of codes @portico/ext-auth reports. Expected failures of untrusted input (a bad token, an
// unknown kid, a policy deny) come back as values `{ ok: false, code, message }`; only misuse by calling code throws.
export type AuthErrorCode =
  // configuration (found once, when a config is compiled)
  | 'AUTH_CONFIG_INVALID' // a step's config breaks a rule (message names the field)
  | 'AUTH_CONFIG_UNKNOWN_STEP' // no factory for a step kind
  | 'AUTH_CONFIG_BOOLEAN_EXPR' // booleanExpr does not parse or names an unknown step
  | 'AUTH_CONFIG_REJECTED' // the control plane rejected the AuthConfig; its routes deny
  | 'AUTH_CONFIG_NOT_FOUND' // no AuthConfig with the request's config_id
  // tokens
  | 'AUTH_TOKEN_MISSING'
  | 'AUTH_TOKEN_TOO_LARGE'
  | 'AUTH_TOKEN_MALFORMED'
  | 'AUTH_JWT_ALG_NOT_ALLOWED'
  | 'AUTH_JWT_KID_MISSING'
  | 'AUTH_JWT_KEY_NOT_FOUND'
  | 'AUTH_JWT_CRIT_UNSUPPORTED'
  | 'AUTH_JWT_TYPE_NOT_ALLOWED'
  | 'AUTH_JWT_SIGNATURE_INVALID'
  | 'AUTH_JWT_EXPIRED'
  | 'AUTH_JWT_NOT_YET_VALID'
  | 'AUTH_JWT_ISSUED_IN_FUTURE'
  | 'AUTH_JWT_CLAIM_INVALID'
  | 'AUTH_JWT_ISSUER_MISMATCH'
  | 'AUTH_JWKS_UNAVAILABLE' // no keys loaded yet (IdP down since start)
  | 'AUTH_JWKS_INVALID' // a JWKS document is not usable
  | 'AUTH_SCOPE_MISSING'
  | 'AUTH_INTROSPECTION_INACTIVE'
  | 'AUTH_INTROSPECTION_FAILED'
  | 'AUTH_USERINFO_FAILED'
  // policies
  | 'AUTH_OPA_DENIED'
  | 'AUTH_OPA_ERROR'
  // API keys
  | 'AUTH_APIKEY_INVALID' // missing, unknown or revoked key, or required metadata absent
  | 'AUTH_APIKEY_STORE_UNAVAILABLE' // the shared key store (Redis, sqlite) did not answer: fail closed
  | 'AUTH_APIKEY_THROTTLED' // too many unknown keys from this client address in the window: 429 until it ends
  // portalAuth (teams-and-apps portals)
  | 'AUTH_PORTAL_CREDENTIAL_INVALID' // no app API key / app OAuth client, or an unknown one
  | 'AUTH_PORTAL_NOT_SUBSCRIBED' // the app has no approved subscription to the route's API product
  | 'AUTH_PORTAL_UNAVAILABLE' // the portal database did not answer: fail closed
  // OIDC authorization code (browser login)
  | 'AUTH_OIDC_LOGIN_REQUIRED' // no valid session: the browser is sent to the IdP
  | 'AUTH_OIDC_LOGGED_IN' // callback done: the browser goes back to the page it asked for
  | 'AUTH_OIDC_LOGGED_OUT' // logout path: session cleared, browser sent to the IdP / afterLogoutUrl
  | 'AUTH_OIDC_LOGOUT_TOKEN_INVALID' // back-channel logout: the logout token failed validation (400)
  | 'AUTH_OIDC_CALLBACK_INVALID' // callback without a matching login (state, cookie, IdP error)
  | 'AUTH_OIDC_TOKEN_FAILED' // code exchange or ID token validation failed
  | 'AUTH_OIDC_DISCOVERY_FAILED' // the IdP's discovery document is unavailable
  | 'AUTH_SESSION_STORE_UNAVAILABLE' // the server-side session store (sqlite, Redis) failed
  // pipeline / transports
  | 'AUTH_STEP_ERROR' // a step threw (a bug); the request is denied, never crashed
  | 'AUTH_TIMEOUT'
  | 'AUTH_REQUEST_INVALID';

export const AUTH_ERROR_CODES: readonly AuthErrorCode[] = [
  'AUTH_CONFIG_INVALID',
  'AUTH_CONFIG_UNKNOWN_STEP',
  'AUTH_CONFIG_BOOLEAN_EXPR',
  'AUTH_CONFIG_REJECTED',
  'AUTH_CONFIG_NOT_FOUND',
  'AUTH_TOKEN_MISSING',
  'AUTH_TOKEN_TOO_LARGE',
  'AUTH_TOKEN_MALFORMED',
  'AUTH_JWT_ALG_NOT_ALLOWED',
  'AUTH_JWT_KID_MISSING',
  'AUTH_JWT_KEY_NOT_FOUND',
  'AUTH_JWT_CRIT_UNSUPPORTED',
  'AUTH_JWT_TYPE_NOT_ALLOWED',
  'AUTH_JWT_SIGNATURE_INVALID',
  'AUTH_JWT_EXPIRED',
  'AUTH_JWT_NOT_YET_VALID',
  'AUTH_JWT_ISSUED_IN_FUTURE',
  'AUTH_JWT_CLAIM_INVALID',
  'AUTH_JWT_ISSUER_MISMATCH',
  'AUTH_JWKS_UNAVAILABLE',
  'AUTH_JWKS_INVALID',
  'AUTH_SCOPE_MISSING',
  'AUTH_INTROSPECTION_INACTIVE',
  'AUTH_INTROSPECTION_FAILED',
  'AUTH_USERINFO_FAILED',
  'AUTH_OPA_DENIED',
  'AUTH_OPA_ERROR',
  'AUTH_APIKEY_INVALID',
  'AUTH_APIKEY_STORE_UNAVAILABLE',
  'AUTH_APIKEY_THROTTLED',
  'AUTH_PORTAL_CREDENTIAL_INVALID',
  'AUTH_PORTAL_NOT_SUBSCRIBED',
  'AUTH_PORTAL_UNAVAILABLE',
  'AUTH_OIDC_LOGIN_REQUIRED',
  'AUTH_OIDC_LOGGED_IN',
  'AUTH_OIDC_LOGGED_OUT',
  'AUTH_OIDC_LOGOUT_TOKEN_INVALID',
  'AUTH_OIDC_CALLBACK_INVALID',
  'AUTH_OIDC_TOKEN_FAILED',
  'AUTH_OIDC_DISCOVERY_FAILED',
  'AUTH_SESSION_STORE_UNAVAILABLE',
  'AUTH_STEP_ERROR',
  'AUTH_TIMEOUT',
  'AUTH_REQUEST_INVALID',
];

export interface AuthFailure {
  ok: false;
  code: AuthErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | AuthFailure;

export function fail(code: AuthErrorCode, message: string): AuthFailure {
  return { ok: false, code, message };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
