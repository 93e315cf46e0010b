import { useEffect, useRef, useState } from "react";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { useSession } from "../features/session/SessionContext.tsx";
import { APP_NAME } from "./Page.tsx";
import { NotificationBell } from "../features/notifications/NotificationBell.tsx";
import { ConnectionIndicator } from "../realtime/ConnectionIndicator.tsx";
import { myDecisionsPath } from "../lib/paths.ts";

/** Where login or registration should return to: the current page, unless it is one of those two. */
function returnState(location: { pathname: string; search: string; state: unknown }) {
  if (location.pathname === "/login" || location.pathname === "/register") return location.state;
  return { from: location.pathname + location.search };
}

/** The search box in the header: takes the visitor to /search with their words. */
function HeaderSearch() {
  const navigate = useNavigate();
  const location = useLocation();
  const [q, setQ] = useState("");
  useEffect(() => {
    // Show the words searched for while on the search page; start empty elsewhere.
    setQ(location.pathname === "/search" ? (new URLSearchParams(location.search).get("q") ?? "") : "");
  }, [location.pathname, location.search]);
  return (
    <form
      role="search"
      aria-label="Site"
      className="header-search"
      onSubmit={(e) => {
        e.preventDefault();
        const words = q.trim();
        navigate(words ? `/search?q=${encodeURIComponent(words)}` : "/search");
      }}
    >
      <label htmlFor="header-search-q" className="visually-hidden">
        Search consultations and contributions
      </label>
      <input id="header-search-q" type="search" className="header-search__input" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search" maxLength={200} />
      <button type="submit" className="button button--header header-search__button">
        Search
      </button>
    </form>
  );
}

export function SiteHeader() {
  const session = useSession();
  const location = useLocation();
  const [loggingOut, setLoggingOut] = useState(false);
  const [logoutError, setLogoutError] = useState<string | null>(null);
  const loginLink = useRef<HTMLAnchorElement>(null);
  const focusLoginAfterLogout = useRef(false);

  useEffect(() => {
    // The Log out button is gone: put focus somewhere sensible instead of losing it to the page body.
    if (session.status === "anonymous" && focusLoginAfterLogout.current) {
      focusLoginAfterLogout.current = false;
      loginLink.current?.focus();
    }
  }, [session.status]);

  const onLogout = async () => {
    setLoggingOut(true);
    setLogoutError(null);
    try {
      focusLoginAfterLogout.current = true;
      await session.logout();
    } catch {
      focusLoginAfterLogout.current = false;
      setLogoutError("Logging out failed. Please try again.");
    } finally {
      setLoggingOut(false);
    }
  };

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="site-header__brand">
          {APP_NAME}
        </Link>
        <nav aria-label="Main" className="site-nav">
          <ul className="site-nav__list">
            <li>
              <NavLink to="/consultations" className="site-nav__link">
                Consultations
              </NavLink>
            </li>
          </ul>
        </nav>
        <HeaderSearch />
        <div className="site-header__account">
          <ConnectionIndicator />
          {session.status === "anonymous" && (
            <ul className="site-nav__list">
              <li>
                <NavLink to="/login" state={returnState(location)} className="site-nav__link" ref={loginLink}>
                  Log in
                </NavLink>
              </li>
              <li>
                <NavLink to="/register" state={returnState(location)} className="site-nav__link">
                  Register
                </NavLink>
              </li>
            </ul>
          )}
          {session.status === "authenticated" && session.user && (
            <>
              <NotificationBell />
              <nav aria-label="Your account" className="user-menu">
                <span className="site-header__user">
                  <span className="visually-hidden">Logged in as </span>
                  <span data-testid="current-user">{session.user.displayName}</span>
                </span>
                <NavLink to={myDecisionsPath()} className="site-nav__link">
                  My decisions
                </NavLink>
              </nav>
              <button type="button" className="button button--header" onClick={onLogout} disabled={loggingOut}>
                {loggingOut ? "Logging out…" : "Log out"}
              </button>
            </>
          )}
        </div>
      </div>
      {logoutError && (
        <div role="alert" className="site-header__error">
          {logoutError}
        </div>
      )}
    </header>
  );
}
