// Sessions in process memory: the default for a single gateway process when nothing else is configured.
import { ok } from '../errors.ts';
import type { OidcSession, SessionStore } from './session-store.ts';

const MAX_SESSIONS = 100_000;

export function createMemorySessionStore(now: () => number = Date.now): SessionStore {
  const sessions = new Map<string, { session: OidcSession; expiresAtMs: number }>();
  const sweep = () => {
    const t = now();
    for (const [id, e] of sessions) if (e.expiresAtMs <= t) sessions.delete(id);
  };
  return {
    async get(id) {
      const e = sessions.get(id);
      if (!e) return ok(undefined);
      if (e.expiresAtMs <= now()) {
        sessions.delete(id);
        return ok(undefined);
      }
      return ok(e.session);
    },
    async set(id, session, ttlSeconds) {
      if (sessions.size >= MAX_SESSIONS) sweep();
      // Still full after sweeping: drop the oldest entry rather than grow without bound.
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
      sessions.set(id, { session, expiresAtMs: ttlSeconds > 0 ? now() + ttlSeconds * 1000 : Infinity });
      return ok(undefined);
    },
    async delete(id) {
      sessions.delete(id);
      return ok(undefined);
    },
    async close() {
      sessions.clear();
    },
  };
}
