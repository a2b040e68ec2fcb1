// Where an OIDC session lives between requests. Cookie sessions: the whole session, sealed with AES-256-GCM, in the
// `id_token` cookie. Server-side sessions (Redis, sqlite, memory): a random 256-bit id in the `__session` cookie and
// the tokens in the store. Either way the browser never sees a token in clear.
import { randomBytes } from 'node:crypto';
import { ok, type Result } from '../../errors.ts';
import type { OidcSession, SessionStore } from '../../sessions/session-store.ts';
import type { CompiledOidcConfig } from './config.ts';
import { clearCookie, readCookie, serializeCookie } from './cookies.ts';
import { seal, unseal } from './sealed.ts';
import { parseSession } from '../../sessions/session-store.ts';

export interface LoadedSession {
  session: OidcSession;
  /** Server-side session id; null for cookie sessions. */
  id: string | null;
}

/** Cookies above this size are dropped by browsers; the session then silently fails to stick. */
const MAX_COOKIE_BYTES = 4096;

export class SessionManager {
  readonly #cfg: CompiledOidcConfig;
  readonly #key: Buffer;
  readonly #store: SessionStore | null;

  constructor(cfg: CompiledOidcConfig, cookieKey: Buffer, store: SessionStore | null) {
    this.#cfg = cfg;
    this.#key = cookieKey;
    this.#store = store;
  }

  /** headerValue: the session id from `redis.headerName`, for clients without cookies (server sessions only). */
  async load(cookieHeader: string | undefined, headerValue?: string): Promise<Result<LoadedSession | undefined>> {
    const raw = readCookie(cookieHeader, this.#cfg.cookieName) ?? (this.#store ? headerValue : undefined);
    if (!raw) return ok(undefined);
    if (!this.#store) {
      const text = unseal(this.#key, this.#cfg.cookieName, raw);
      const session = text === undefined ? undefined : parseSession(text);
      return ok(session ? { session, id: null } : undefined);
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(raw)) return ok(undefined);
    const found = await this.#store.get(raw);
    if (!found.ok) return found;
    return ok(found.value ? { session: found.value, id: raw } : undefined);
  }

  /** Stores the session (under `id` when refreshing a server-side one) and returns the Set-Cookie values. */
  async save(session: OidcSession, id: string | null = null): Promise<Result<string[]>> {
    const c = this.#cfg;
    if (!this.#store) {
      const value = seal(this.#key, c.cookieName, JSON.stringify(session));
      const cookie = serializeCookie(c.cookieName, value, c.cookie);
      if (cookie.length > MAX_COOKIE_BYTES) {
        // Keep the login working: the refresh token is the one piece a cookie session can do without.
        if (session.refreshToken) return this.save({ ...session, refreshToken: null });
      }
      return ok([cookie]);
    }
    const sessionId = id ?? randomBytes(32).toString('base64url');
    const ttl = c.cookie.maxAge > 0 ? c.cookie.maxAge : 86400;
    const stored = await this.#store.set(sessionId, session, ttl);
    if (!stored.ok) return stored;
    return ok(id ? [] : [serializeCookie(c.cookieName, sessionId, c.cookie)]);
  }

  /** Deletes the session wherever it lives; returns what it held (for id_token_hint) and the clearing cookie. */
  async clear(cookieHeader: string | undefined): Promise<{ session: OidcSession | undefined; setCookies: string[] }> {
    const loaded = await this.load(cookieHeader);
    const session = loaded.ok ? loaded.value?.session : undefined;
    if (this.#store && loaded.ok && loaded.value?.id) await this.#store.delete(loaded.value.id);
    return { session, setCookies: [clearCookie(this.#cfg.cookieName, this.#cfg.cookie)] };
  }

  close(): Promise<void> {
    return this.#store?.close() ?? Promise.resolve();
  }
}
