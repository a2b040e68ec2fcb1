import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, loginUrl, logoutUrl } from '../api/client.ts';
import type { User } from '../api/types.ts';

type Session =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; user: User }
  | { status: 'unavailable'; message: string };

interface SessionContextValue {
  session: Session;
  refresh: () => void;
  /** Sends the browser through the OIDC login and back to the page it is on now. */
  login: () => void;
  logout: () => void;
  /** Call when a request that needs a session answered 401: the session expired, so log in again. */
  onUnauthorized: (err: unknown) => boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    loadSession().then(
      (s) => !cancelled && setSession(s),
      (err: unknown) => {
        if (cancelled) return;
        if (err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 404)) {
          setSession({ status: 'anonymous' });
        } else {
          setSession({ status: 'unavailable', message: err instanceof Error ? err.message : String(err) });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [version]);

  const login = useCallback(() => window.location.assign(loginUrl(currentPath())), []);
  const logout = useCallback(() => window.location.assign(logoutUrl()), []);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const onUnauthorized = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401 && session.status === 'signed-in') {
        login();
        return true;
      }
      return false;
    },
    [login, session.status],
  );

  return (
    <SessionContext.Provider value={{ session, refresh, login, logout, onUnauthorized }}>{children}</SessionContext.Provider>
  );
}

/**
 * Asks who is signed in. `/v1/session` (a Portico extension) answers 200 for anonymous callers too, so a logged-out
 * visit does not leave a failed request in the browser console; servers without it get the classic `/v1/me`.
 */
async function loadSession(): Promise<Session> {
  try {
    const s = await api.get<{ authenticated: boolean; user?: User }>('/session');
    return s.authenticated && s.user ? { status: 'signed-in', user: s.user } : { status: 'anonymous' };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
  }
  return { status: 'signed-in', user: await api.get<User>('/me') };
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function displayName(user: User): string {
  return user.name || user.email || user.username || 'Signed in';
}
