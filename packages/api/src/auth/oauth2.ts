// AuthConfig `oauth2` (gloo-api.md §2.5): OIDC authorization code, access-token validation, plain OAuth2.
import { z } from 'zod';
import { duration, resourceRef } from '../common/refs.ts';

const required = () => z.string({ error: 'Required' }).min(1, 'Required');
const claimsToHeaders = z.array(z.object({ claim: z.string(), header: z.string(), append: z.boolean().optional() }));

export const cookieOptions = z.object({
  maxAge: z.number().int().min(0).optional(),
  notSecure: z.boolean().optional(),
  httpOnly: z.boolean().optional(),
  path: z.string().optional(),
  sameSite: z.enum(['DefaultMode', 'LaxMode', 'StrictMode', 'NoneMode']).optional(),
  domain: z.string().optional(),
});

export const userSession = z.object({
  failOnFetchFailure: z.boolean().optional(),
  cookieOptions: cookieOptions.optional(),
  cookie: z.object({ allowRefreshing: z.boolean().optional(), keyPrefix: z.string().optional(), targetDomain: z.string().optional() }).optional(),
  redis: z
    .object({
      options: z.object({ host: z.string().optional(), db: z.number().int().optional(), poolSize: z.number().int().optional(), tlsCertMountPath: z.string().optional(), socketType: z.enum(['TCP', 'TLS']).optional() }).optional(),
      keyPrefix: z.string().optional(),
      cookieName: z.string().optional(),
      allowRefreshing: z.boolean().optional(),
      preExpiryBuffer: duration.optional(),
      targetDomain: z.string().optional(),
      headerName: z.string().optional(),
    })
    .optional(),
  cipherConfig: z.object({ keyRef: resourceRef.optional() }).optional(),
});

export const oidcAuthorizationCode = z
  .object({
    clientId: required(),
    clientSecretRef: resourceRef.optional(),
    disableClientSecret: z.boolean().optional(),
    issuerUrl: required(),
    authEndpointQueryParams: z.record(z.string(), z.string()).optional(),
    tokenEndpointQueryParams: z.record(z.string(), z.string()).optional(),
    appUrl: required(),
    callbackPath: required(),
    parseCallbackPathAsRegex: z.boolean().optional(),
    logoutPath: z.string().optional(),
    afterLogoutUrl: z.string().optional(),
    endSessionProperties: z.object({ methodType: z.enum(['GetMethod', 'PostMethod']).optional() }).optional(),
    scopes: z.array(z.string()).optional(),
    session: userSession.optional(),
    headers: z.object({ idTokenHeader: z.string().optional(), accessTokenHeader: z.string().optional(), useBearerSchemaForAuthorization: z.boolean().optional() }).optional(),
    discoveryOverride: z.record(z.string(), z.unknown()).optional(),
    discoveryPollInterval: duration.optional(),
    jwksCacheRefreshPolicy: z.object({ never: z.object({}).optional(), always: z.object({}).optional(), maxIdpReqPerPollingInterval: z.number().int().optional() }).optional(),
    autoMapFromMetadata: z.object({ namespace: z.string().optional() }).optional(),
    dynamicMetadataFromClaims: z.record(z.string(), z.string()).optional(),
    accessToken: z.object({ claimsToHeaders: claimsToHeaders.optional() }).optional(),
    identityToken: z.object({ claimsToHeaders: claimsToHeaders.optional() }).optional(),
    clientAuthentication: z
      .object({
        clientSecret: z.object({ clientSecretRef: resourceRef.optional(), disableClientSecret: z.boolean().optional() }).optional(),
        privateKeyJwt: z.object({ signingKeyRef: resourceRef, validFor: duration.optional() }).optional(),
      })
      .refine((c) => c.clientSecret !== undefined || c.privateKeyJwt !== undefined, { message: 'Must specify clientSecret or privateKeyJwt', params: { rule: 'has(self.clientSecret) || has(self.privateKeyJwt)' } })
      .optional(),
    sessionIdHeaderName: z.string().optional(),
    frontChannelLogout: z.object({ path: z.string().optional() }).optional(),
  })
  .refine(
    (o) =>
      o.clientAuthentication !== undefined
        ? o.clientSecretRef === undefined && o.disableClientSecret === undefined
        : o.clientSecretRef !== undefined || o.disableClientSecret === true,
    {
      message: 'set clientAuthentication, or (deprecated) clientSecretRef or disableClientSecret: true — not both',
      params: { rule: 'has(self.clientAuthentication) ? (!has(self.clientSecretRef) && !has(self.disableClientSecret)) : (has(self.clientSecretRef) || self.disableClientSecret)' },
    },
  );

export const jwtValidation = z
  .object({
    remoteJwks: z.object({ url: required(), refreshInterval: duration.optional() }).optional(),
    localJwks: z.object({ inlineString: required() }).optional(),
    issuer: z.string().optional(),
  })
  .refine((j) => (j.remoteJwks === undefined) !== (j.localJwks === undefined), { message: 'exactly one of remoteJwks or localJwks must be set', params: { rule: 'oneof jwks_source_specifier' } });

export const accessTokenValidation = z.object({
  jwt: jwtValidation.optional(),
  introspection: z
    .object({ introspectionUrl: required(), clientId: z.string().optional(), clientSecretRef: resourceRef.optional(), userIdAttributeName: z.string().optional(), disableClientSecret: z.boolean().optional() })
    .optional(),
  introspectionUrl: z.string().optional(),
  userinfoUrl: z.string().optional(),
  cacheTimeout: duration.optional(),
  requiredScopes: z.object({ scope: z.array(z.string()).optional() }).optional(),
  dynamicMetadataFromClaims: z.record(z.string(), z.string()).optional(),
});

export const plainOAuth2 = z.object({
  clientId: required(),
  clientSecretRef: resourceRef.optional(),
  authEndpointQueryParams: z.record(z.string(), z.string()).optional(),
  appUrl: required(),
  callbackPath: required(),
  scopes: z.array(z.string()).optional(),
  session: userSession.optional(),
  logoutPath: z.string().optional(),
  tokenEndpointQueryParams: z.record(z.string(), z.string()).optional(),
  afterLogoutUrl: z.string().optional(),
  authEndpoint: required(),
  tokenEndpoint: required(),
  revocationEndpoint: z.string().optional(),
  disableClientSecret: z.boolean().optional(),
});

export const oauth2Config = z
  .object({ oidcAuthorizationCode: oidcAuthorizationCode.optional(), accessTokenValidation: accessTokenValidation.optional(), oauth2: plainOAuth2.optional() })
  .refine((o) => [o.oidcAuthorizationCode, o.accessTokenValidation, o.oauth2].filter((x) => x !== undefined).length === 1, {
    message: 'exactly one of oidcAuthorizationCode, accessTokenValidation or oauth2 must be set',
    params: { rule: 'oneof oauth_type' },
  });
export type OAuth2Config = z.infer<typeof oauth2Config>;
