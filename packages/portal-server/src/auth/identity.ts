// Who is calling. Callers present (in this order) an `Authorization: Bearer` access token (the portal UI's PKCE
// token, or a machine client-credentials token such as Backstage's), or an ID token in the `id_token` header —
// what the ext-auth oidcAuthorizationCode step forwards upstream (headers.idTokenHeader) for a browser session —
// or in an `id_token` cookie holding a raw JWT. Every token is verified here (signature against the IdP's JWKS,
// issuer, expiry, audience when configured): the portal's routes may also be reachable without ext-auth in front.
import { jwtRepeatedMember } from '@portico/ext-auth';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
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
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function createAuthenticator(opts: PortalAuthOptions | null): Authenticator {
  if (opts === null) return { identify: async () => null };
  let jwks: ReturnType<typeof createRemoteJWKSet> | null = opts.jwksUri ? createRemoteJWKSet(new URL(opts.jwksUri)) : null;
  let discovering: Promise<ReturnType<typeof createRemoteJWKSet>> | null = null;
  const keys = async () => {
    if (jwks) return jwks;
    // One discovery in flight; a failure is retried on the next request.
    discovering ??= discover(opts.issuer).finally(() => (discovering = null));
    jwks = await discovering;
    return jwks;
  };

  async function verify(token: string, audiences: string[] | undefined, what: string): Promise<JWTPayload> {
    let set: ReturnType<typeof createRemoteJWKSet>;
    try {
      set = await keys();
    } catch (err) {
      throw new PortalHttpError(503, 'PORTAL_STORE_UNAVAILABLE', `cannot verify the ${what}: identity provider unavailable (${(err as Error).message})`);
    }
    try {
      const { payload } = await jwtVerify(token, set, {
        issuer: opts!.issuer,
        ...(audiences?.length ? { audience: audiences } : {}),
        clockTolerance: 30,
      });
      // RFC 8725 §3.9: jose keeps the last copy of a repeated claim; another reader may keep the first.
      const repeated = jwtRepeatedMember(token);
      if (repeated !== null) throw new Error(`the token repeats the member ${JSON.stringify(repeated)}`);
      return payload;
    } catch (err) {
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
  };
}

async function discover(issuer: string): Promise<ReturnType<typeof createRemoteJWKSet>> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`discovery ${url} answered ${res.status}`);
  const doc = (await res.json()) as { jwks_uri?: unknown };
  if (typeof doc.jwks_uri !== 'string') throw new Error(`discovery ${url} has no jwks_uri`);
  return createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
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
