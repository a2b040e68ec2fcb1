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
    return { idToken: s.idToken, accessToken: s.accessToken ?? null, refreshToken: s.refreshToken ?? null, expiresAt: s.expiresAt };
  } catch {
    return undefined;
  }
}
