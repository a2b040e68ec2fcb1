import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { displayName, useSession } from '../auth/session.tsx';
import { usePortalModel } from '../model/portal-model.tsx';

/**
 * After a client-side navigation, focus moves to the new page's content (as a full page load would reset it), so
 * keyboard and screen-reader users start at the top of what changed instead of on the link they used.
 */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [pathname]);
}

export function Layout() {
  const { session, login, logout } = useSession();
  const { model, member } = usePortalModel();
  const admin = member.status === 'ready' && member.member.isAdmin === true;
  useFocusMainOnNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          Portico <span>developer portal</span>
        </NavLink>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                API products
              </NavLink>
            </li>
            {model === 'teams-and-apps' ? (
              <>
                <li>
                  <NavLink to="/teams">{admin ? 'Teams' : 'My teams'}</NavLink>
                </li>
                <li>
                  <NavLink to="/apps">{admin ? 'Apps' : 'My apps'}</NavLink>
                </li>
                {admin && (
                  <li>
                    <NavLink to="/admin/subscriptions">Subscriptions</NavLink>
                  </li>
                )}
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/usage-plans">Usage plans</NavLink>
                </li>
                <li>
                  <NavLink to="/keys">My API keys</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
        <div className="account">
          {session.status === 'signed-in' && (
            <>
              <span className="user" data-testid="user-name">
                {displayName(session.user)}
              </span>
              <button type="button" className="button" onClick={logout}>
                Log out
              </button>
            </>
          )}
          {session.status === 'anonymous' && (
            <button type="button" className="button button-primary" onClick={login}>
              Log in
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {session.status === 'unavailable' && (
          <p className="state state-error" role="alert">
            The portal server is not answering: {session.message}
          </p>
        )}
        <Outlet />
      </main>
      <footer className="footer">Portico — API products, docs and keys</footer>
    </>
  );
}
