import { NavLink, Outlet } from 'react-router';
import { displayName, useSession } from '../auth/session.tsx';

export function Layout() {
  const { session, login, logout } = useSession();
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
            <li>
              <NavLink to="/usage-plans">Usage plans</NavLink>
            </li>
            <li>
              <NavLink to="/keys">My API keys</NavLink>
            </li>
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
