// Who is calling. Callers present (in this order) an `Authorization: Bearer` access token (the portal UI's PKCE
// token, or a machine client-credentials token such as Backstage's), or an ID token in the `id_token` header —
// what the ext-auth oidcAuthorizationCode step forwards upstream (headers.idTokenHeader) for a browser session —
// or in an `id_token` cookie holding a raw JWT. Every token is verified here (signature against the IdP's JWKS,
// issuer, expiry, audience when configured): the portal's routes may also be reachable without ext-auth in front.
// Keys come from ext-auth's remote JWKS cache (refreshed off the request path, last good keys kept while the IdP
// is down) and the JWKS URL from openid-client's discovery: one JWKS strategy in Portico (docs/decisions.md).
import { JwksKeyError, RemoteJwks, REMOTE_JWKS_DEFAULTS, remoteJwksKeyResolver } from '@portico/ext-auth/jwks';
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import * as oidc from 'openid-client';
import { jwtRepeatedMember } from '@portico/ext-auth/jwks';
import { PortalHttpError } from '../errors.ts';

export interface PortalAuthOptions {
  /** The IdP's issuer URL (its discovery document names the JWKS). */
  issuer: string;
  /** Skip discovery. */
  jwksUri?: string;
  /** Accepted `aud` values of bearer access tokens; empty = not checked. */
  accessTokenAudiences?: string[];
  /** Accepted `aud` values of ID tokens (the portal's OIDC client ids); empty = not checked. */
  idTokenAudiences?: string[];
}

export interface Identity {
  /** `user`: a person; `machine`: a client-credentials client. */
  kind: 'user' | 'machine';
  subject: string;
  email: string | null;
  name: string | null;
  username: string | null;
  claims: Record<string, unknown>;
  /** The token's space-separated `scope` claim. */
  scopes: Set<string>;
}

export interface Authenticator {
  /** null = anonymous. Throws PortalHttpError 401 when a presented token is invalid. */
  identify(headers: Record<string, string | string[] | undefined>): Promise<Identity | null>;
  /** Stops the JWKS refresh. */
  close(): void;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function createAuthenticator(opts: PortalAuthOptions | null): Authenticator {
  if (opts === null) return { identify: async () => null, close() {} };
  let jwks: RemoteJwks | null = null;
  let resolver: JWTVerifyGetKey | null = null;
  let closed = false;
  const open = (url: string): JWTVerifyGetKey => {
    // A token signed with a rotated key reloads the keys, at most once per cooldown.
    jwks = new RemoteJwks({ ...REMOTE_JWKS_DEFAULTS, url, unknownKid: 'rateLimited' }, { fetch, now: Date.now, logger: SILENT });
    if (!closed) jwks.start();
    return remoteJwksKeyResolver(jwks);
  };
  if (opts.jwksUri) resolver = open(opts.jwksUri);
  let discovering: Promise<JWTVerifyGetKey> | null = null;
  const keys = async () => {
    if (resolver) return resolver;
    // One discovery in flight; a failure is retried on the next request.
    discovering ??= jwksUriOf(opts.issuer).then(open).finally(() => (discovering = null));
    resolver = await discovering;
    return resolver;
  };

  async function verify(token: string, audiences: string[] | undefined, what: string): Promise<JWTPayload> {
    const unavailable = (message: string) =>
      new PortalHttpError(503, 'PORTAL_STORE_UNAVAILABLE', `cannot verify the ${what}: identity provider unavailable (${message})`);
    let key: JWTVerifyGetKey;
    try {
      key = await keys();
    } catch (err) {
      throw unavailable((err as Error).message);
    }
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: opts!.issuer,
        ...(audiences?.length ? { audience: audiences } : {}),
        clockTolerance: 30,
      });
      // RFC 8725 §3.9: jose keeps the last copy of a repeated claim; another reader may keep the first.
      const repeated = jwtRepeatedMember(token);
      if (repeated !== null) throw new Error(`the token repeats the member ${JSON.stringify(repeated)}`);
      return payload;
    } catch (err) {
      if (err instanceof JwksKeyError && err.code === 'AUTH_JWKS_UNAVAILABLE') throw unavailable(err.message);
      throw new PortalHttpError(401, 'PORTAL_UNAUTHENTICATED', `invalid ${what}: ${(err as Error).message}`);
    }
  }

  return {
    async identify(headers) {
      const authz = one(headers.authorization);
      if (authz) {
        const m = /^Bearer\s+(\S+)$/i.exec(authz);
        if (!m) throw new PortalHttpError(401, 'PORTAL_UNAUTHENTICATED', 'authorization: expected "Bearer <access token>"');
        return toIdentity(await verify(m[1]!, opts.accessTokenAudiences, 'access token'));
      }
      const idHeader = one(headers.id_token) ?? one(headers['id-token']);
      if (idHeader) return toIdentity(await verify(idHeader.replace(/^Bearer\s+/i, ''), opts.idTokenAudiences, 'ID token'));
      const cookie = readCookie(one(headers.cookie), 'id_token');
      // ext-auth's own session cookies are sealed (not JWTs); only a raw ID token is read here.
      if (cookie && JWT.test(cookie)) return toIdentity(await verify(cookie, opts.idTokenAudiences, 'ID token'));
      return null;
    },
    close() {
      closed = true;
      jwks?.close();
    },
  };
}

// Failures reach the caller as 401/503 answers that name them; the cache itself stays quiet.
const SILENT = { info() {}, warn() {}, error() {} };
const DISCOVERY_TIMEOUT_SECONDS = 5;
// openid-client's discovery is a client's: it wants a client id, which a resource server does not have.
const RESOURCE_SERVER = 'portico-portal-server';

/** The IdP's jwks_uri, from its discovery document (openid-client checks that the document's issuer matches). */
async function jwksUriOf(issuer: string): Promise<string> {
  const url = new URL(issuer);
  const config = await oidc.discovery(url, RESOURCE_SERVER, undefined, undefined, {
    timeout: DISCOVERY_TIMEOUT_SECONDS,
    ...(url.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  const uri = config.serverMetadata().jwks_uri;
  if (!uri) throw new Error(`discovery of ${issuer} has no jwks_uri`);
  return uri;
}

function toIdentity(p: JWTPayload): Identity {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const email = str(p.email);
  const scope = typeof p.scope === 'string' ? p.scope : Array.isArray(p.scp) ? p.scp.join(' ') : '';
  return {
    // Client-credentials tokens carry no subject of their own (or the client id as subject).
    kind: email || (str(p.sub) !== null && p.sub !== p.client_id) ? 'user' : 'machine',
    subject: str(p.sub) ?? str(p.client_id) ?? 'unknown',
    email,
    name: str(p.name),
    username: str(p.preferred_username) ?? email ?? str(p.sub),
    claims: p as Record<string, unknown>,
    scopes: new Set(scope.split(' ').filter(Boolean)),
  };
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
