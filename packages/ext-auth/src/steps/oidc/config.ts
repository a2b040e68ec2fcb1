// The oidcAuthorizationCode config (Gloo's OidcAuthorizationCode, gloo-api.md §2.5) as the control plane hands it
// over: lowerCamel fields, secret references already resolved (`clientSecret`, `session.cipherConfig.key`).
// Portico extension: `session.embedded` keeps server-side sessions in memory or node:sqlite when Redis is not used.
import { z } from 'zod';
import { fail, ok, type Result } from '../../errors.ts';
import type { CookieOptions } from './cookies.ts';

const DURATION = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/;
const UNIT_SECONDS = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 0.001, s: 1, m: 60, h: 3600 } as const;
/** Seconds, or a protobuf/Go-style duration string ("30m", "1800s", "500ms"). */
const duration = z.union([z.number().nonnegative(), z.string().regex(DURATION, 'must be a duration like 30s, 5m or 1h')])
  .transform((v) => {
    if (typeof v === 'number') return v;
    const [, n, unit] = DURATION.exec(v) as unknown as [string, string, keyof typeof UNIT_SECONDS];
    return Number(n) * UNIT_SECONDS[unit];
  });
const absoluteUrl = z.string().refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
  { message: 'must be an absolute http(s) URL' });
const path = z.string().startsWith('/', 'must start with /');
const stringMap = z.record(z.string(), z.string()).default({});

const claimToHeader = z.strictObject({
  claim: z.string().min(1),
  header: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name'),
  append: z.boolean().default(false),
});

const cookieOptions = z.strictObject({
  maxAge: duration.default(2592000),
  notSecure: z.boolean().default(false),
  httpOnly: z.boolean().default(true),
  path: z.string().default('/'),
  sameSite: z.enum(['DefaultMode', 'LaxMode', 'StrictMode', 'NoneMode']).default('LaxMode'),
  domain: z.string().min(1).nullable().default(null),
});

const session = z.strictObject({
  failOnFetchFailure: z.boolean().default(false),
  cookieOptions: cookieOptions.default(cookieOptions.parse({})),
  cookie: z.strictObject({
    allowRefreshing: z.boolean().default(false),
    keyPrefix: z.string().default(''),
    targetDomain: z.string().optional(),
  }).optional(),
  redis: z.strictObject({
    options: z.strictObject({ host: z.string().min(1).default('127.0.0.1:6379'), db: z.number().int().min(0).default(0),
      poolSize: z.number().int().optional(), socketType: z.enum(['TCP', 'TLS']).default('TCP'),
      tlsCertMountPath: z.never({ error: 'not supported: use socketType TLS with the system CA store' }).optional(),
    }).default({ host: '127.0.0.1:6379', db: 0, socketType: 'TCP' }),
    keyPrefix: z.string().default(''),
    cookieName: z.string().min(1).default('__session'),
    allowRefreshing: z.boolean().default(true),
    preExpiryBuffer: duration.default(2),
    targetDomain: z.string().optional(),
    headerName: z.string().optional(),
  }).optional(),
  embedded: z.strictObject({
    sqlitePath: z.string().min(1).optional(),
    cookieName: z.string().min(1).default('__session'),
    allowRefreshing: z.boolean().default(true),
    preExpiryBuffer: duration.default(2),
  }).optional(),
  cipherConfig: z.strictObject({ key: z.string().min(1) }).optional(),
}).refine((s) => [s.cookie, s.redis, s.embedded].filter(Boolean).length <= 1,
  { message: 'only one of cookie, redis or embedded may be set' });

export const oidcAuthorizationCodeSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  disableClientSecret: z.boolean().default(false),
  issuerUrl: absoluteUrl,
  authEndpointQueryParams: stringMap,
  tokenEndpointQueryParams: stringMap,
  appUrl: absoluteUrl,
  callbackPath: path,
  parseCallbackPathAsRegex: z.boolean().default(false),
  logoutPath: path.optional(),
  /**
   * Portico extension: OIDC Back-Channel Logout 1.0. The IdP POSTs a signed logout token here (register
   * appUrl + this path as the client's backchannel_logout_uri); the sessions it names end at once. The route must
   * pass the request body to ext-auth (ExtAuthServer requestBody).
   */
  backChannelLogoutPath: path.optional(),
  afterLogoutUrl: absoluteUrl.optional(),
  endSessionProperties: z.strictObject({ methodType: z.enum(['GetMethod', 'PostMethod']).default('GetMethod') })
    .default({ methodType: 'GetMethod' }),
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'must be a scope token')).default([]),
  session: session.default(session.parse({})),
  headers: z.strictObject({
    idTokenHeader: z.string().min(1).optional(),
    accessTokenHeader: z.string().min(1).optional(),
    useBearerSchemaForAuthorization: z.boolean().default(false),
  }).default({ useBearerSchemaForAuthorization: false }),
  discoveryPollInterval: duration.default(1800),
  identityToken: z.strictObject({ claimsToHeaders: z.array(claimToHeader).default([]) }).optional(),
  accessToken: z.strictObject({ claimsToHeaders: z.array(claimToHeader).default([]) }).optional(),
  /** metadata key → ID-token claim, emitted as dynamic metadata. */
  dynamicMetadataFromClaims: stringMap,
}).refine((c) => c.clientSecret !== undefined || c.disableClientSecret,
  { path: ['clientSecret'], message: 'required unless disableClientSecret is true' });

export type OidcAuthorizationCodeInput = z.input<typeof oidcAuthorizationCodeSchema>;

export interface CompiledOidcConfig {
  clientId: string;
  clientSecret: string | null;
  issuerUrl: URL;
  authParams: Record<string, string>;
  tokenParams: Record<string, string>;
  appUrl: string;
  redirectUri: string; // appUrl + callbackPath
  isCallback: (path: string) => boolean;
  logoutPath: string | null;
  backChannelLogoutPath: string | null;
  afterLogoutUrl: string;
  scope: string; // "openid" + scopes
  cookie: CookieOptions;
  sessionKind: 'cookie' | 'redis' | 'embedded';
  /** Cookie holding the session: `id_token` (cookie sessions, prefixed by keyPrefix) or the server session id. */
  cookieName: string;
  allowRefreshing: boolean;
  preExpiryBuffer: number;
  redis: { host: string; db: number; keyPrefix: string; tls: boolean } | null;
  /** Also accept the server-side session id from this request header (non-browser clients). */
  sessionHeader: string | null;
  endSessionMethod: 'GetMethod' | 'PostMethod';
  embedded: { sqlitePath: string | null } | null;
  cipherKey: Buffer | null;
  idTokenHeader: string | null;
  accessTokenHeader: string | null;
  bearer: boolean;
  discoveryPollSeconds: number;
  /** Store read failed: true → deny (error); false (Gloo's default) → treat as no session and log in again. */
  failOnFetchFailure: boolean;
  idClaimsToHeaders: ClaimToHeader[];
  accessClaimsToHeaders: ClaimToHeader[];
  metadataFromClaims: Record<string, string>;
}

export interface ClaimToHeader { claim: string; header: string; append: boolean }

export function compileOidcConfig(input: unknown): Result<CompiledOidcConfig> {
  const parsed = oidcAuthorizationCodeSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('AUTH_CONFIG_INVALID', `oidcAuthorizationCode.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const c = parsed.data;
  let isCallback = (p: string) => p === c.callbackPath;
  if (c.parseCallbackPathAsRegex) {
    try {
      const re = new RegExp(`^(?:${c.callbackPath})$`);
      isCallback = (p) => re.test(p);
    } catch (err) {
      return fail('AUTH_CONFIG_INVALID', `oidcAuthorizationCode.callbackPath: ${(err as Error).message}`);
    }
  }
  let cipherKey: Buffer | null = null;
  if (c.session.cipherConfig) {
    cipherKey = Buffer.from(c.session.cipherConfig.key, 'utf8');
    if (cipherKey.length !== 32) {
      return fail('AUTH_CONFIG_INVALID', 'oidcAuthorizationCode.session.cipherConfig.key: must be exactly 32 bytes');
    }
  }
  const s = c.session;
  const server = s.redis ?? s.embedded;
  const appUrl = c.appUrl.replace(/\/+$/, '');
  return ok({
    clientId: c.clientId,
    clientSecret: c.disableClientSecret ? null : (c.clientSecret ?? null),
    issuerUrl: new URL(c.issuerUrl),
    authParams: c.authEndpointQueryParams,
    tokenParams: c.tokenEndpointQueryParams,
    appUrl: c.appUrl,
    redirectUri: `${appUrl}${c.callbackPath}`,
    isCallback,
    logoutPath: c.logoutPath ?? null,
    backChannelLogoutPath: c.backChannelLogoutPath ?? null,
    afterLogoutUrl: c.afterLogoutUrl ?? c.appUrl,
    scope: ['openid', ...c.scopes.filter((x) => x !== 'openid')].join(' '),
    cookie: s.cookieOptions,
    sessionKind: s.redis ? 'redis' : s.embedded ? 'embedded' : 'cookie',
    cookieName: server ? server.cookieName : `${s.cookie?.keyPrefix ? `${s.cookie.keyPrefix}_` : ''}id_token`,
    allowRefreshing: server ? server.allowRefreshing : (s.cookie?.allowRefreshing ?? false),
    preExpiryBuffer: server ? server.preExpiryBuffer : 0,
    redis: s.redis ? { host: s.redis.options.host, db: s.redis.options.db, keyPrefix: s.redis.keyPrefix, tls: s.redis.options.socketType === 'TLS' } : null,
    sessionHeader: s.redis?.headerName?.toLowerCase() ?? null,
    endSessionMethod: c.endSessionProperties.methodType,
    embedded: s.embedded ? { sqlitePath: s.embedded.sqlitePath ?? null } : null,
    cipherKey,
    idTokenHeader: c.headers.idTokenHeader ?? null,
    accessTokenHeader: c.headers.accessTokenHeader ?? null,
    bearer: c.headers.useBearerSchemaForAuthorization,
    discoveryPollSeconds: c.discoveryPollInterval,
    failOnFetchFailure: s.failOnFetchFailure,
    idClaimsToHeaders: c.identityToken?.claimsToHeaders ?? [],
    accessClaimsToHeaders: c.accessToken?.claimsToHeaders ?? [],
    metadataFromClaims: c.dynamicMetadataFromClaims,
  });
}
