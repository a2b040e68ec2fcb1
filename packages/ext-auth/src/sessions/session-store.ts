// Server-side OIDC sessions: the browser holds only a random session id in a cookie; the tokens live here.
// Implementations: memory (one process), node:sqlite (survives restarts), Redis (shared by replicas).
// Store failures come back as values so the step can fail closed with a clear code.
import type { Result } from '../errors.ts';

export interface OidcSession {
  idToken: string;
  accessToken: string | null;
  refreshToken: string | null;
  /** Seconds since the epoch when the ID token (and so the session's authentication) expires. */
  expiresAt: number;
  /** Portico's id of this session (revocation key); absent only in sessions written before it existed. */
  sid?: string;
  /** Seconds since the epoch of the login; with the cookie's max-age, the session's absolute end. */
  createdAt?: number;
  /** The ID token's `iss`, `sub` and `sid` (the IdP's session), for OIDC Back-Channel Logout. */
  iss?: string;
  sub?: string;
  idpSid?: string | null;
}

export interface SessionStore {
  get(id: string): Promise<Result<OidcSession | undefined>>;
  /** ttlSeconds 0 = keep until deleted. */
  set(id: string, session: OidcSession, ttlSeconds: number): Promise<Result<void>>;
  delete(id: string): Promise<Result<void>>;
  close(): Promise<void>;
}

export function parseSession(text: string): OidcSession | undefined {
  try {
    const s = JSON.parse(text) as OidcSession;
    if (typeof s.idToken !== 'string' || typeof s.expiresAt !== 'number') return undefined;
    const out: OidcSession = { idToken: s.idToken, accessToken: s.accessToken ?? null, refreshToken: s.refreshToken ?? null, expiresAt: s.expiresAt };
    if (typeof s.sid === 'string') out.sid = s.sid;
    if (typeof s.createdAt === 'number') out.createdAt = s.createdAt;
    if (typeof s.iss === 'string') out.iss = s.iss;
    if (typeof s.sub === 'string') out.sub = s.sub;
    if (typeof s.idpSid === 'string') out.idpSid = s.idpSid;
    return out;
  } catch {
    return undefined;
  }
}
