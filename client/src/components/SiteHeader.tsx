import { useEffect, useId, useRef, useState } from "react";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../features/session/SessionContext.tsx";
import { APP_NAME } from "./Page.tsx";
import { NotificationBell } from "../features/notifications/NotificationBell.tsx";
import { ConnectionIndicator } from "../realtime/ConnectionIndicator.tsx";
import { myDecisionsPath } from "../lib/paths.ts";
import { StaffNavItems } from "../features/organiser/StaffNavItems.tsx";
import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from "../i18n/index.ts";
import { AccountNavLink } from "../features/account/AccountNavLink.tsx";

/** Where login or registration should return to: the current page, unless it is one of those two. */
function returnState(location: { pathname: string; search: string; state: unknown }) {
  if (location.pathname === "/login" || location.pathname === "/register") return location.state;
  return { from: location.pathname + location.search };
}

/** The search box in the header: takes the visitor to /search with their words. */
function HeaderSearch() {
  const { t } = useTranslation();
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
      aria-label={t("header.searchLandmark")}
      className="header-search"
      onSubmit={(e) => {
        e.preventDefault();
        const words = q.trim();
        navigate(words ? `/search?q=${encodeURIComponent(words)}` : "/search");
      }}
    >
      <label htmlFor="header-search-q" className="visually-hidden">
        {t("header.searchLabel")}
      </label>
      <input id="header-search-q" type="search" className="header-search__input" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("header.searchPlaceholder")} maxLength={200} />
      <button type="submit" className="button button--header header-search__button">
        {t("header.searchButton")}
      </button>
    </form>
  );
}

/**
 * The language switcher: each language named in itself, so a reader who does not understand the current
 * one still finds theirs. Remembered in the browser, and for the account once someone is logged in.
 */
function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="language-switcher__label">
        <span lang={current}>{t("language.label")}</span>
      </label>
      <select
        id={id}
        className="language-switcher__select"
        value={current}
        data-testid="language-switcher"
        onChange={(e) => {
          const next = e.target.value;
          if (!isLanguage(next)) return;
          setError(null);
          session.setLanguage(next).catch((err: unknown) => setError(t("header.languageSaveFailed", { message: err instanceof Error ? err.message : "" })));
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="language-switcher__error">
          {error}
        </p>
      )}
    </div>
  );
}

export function SiteHeader() {
  const { t } = useTranslation();
  const menuId = useId();
  const [menuOpen, setMenuOpen] = useState(false);
  const session = useSession();
  const location = useLocation();
  const [loggingOut, setLoggingOut] = useState(false);
  const [logoutError, setLogoutError] = useState<string | null>(null);
  const loginLink = useRef<HTMLAnchorElement>(null);
  const focusLoginAfterLogout = useRef(false);

  // A followed link closes the menu on small screens (the new page is what the reader wants to see).
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);

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
      setLogoutError(t("header.logoutFailed"));
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
        {/* Under ~720px the header folds into this disclosure button; wider, it is hidden and the menu always shows. */}
        <button
          type="button"
          className="site-header__menu-toggle"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={() => setMenuOpen((open) => !open)}
          data-testid="menu-toggle"
        >
          <span className="site-header__menu-icon" aria-hidden="true" />
          {t("header.menu")}
        </button>
        <div
          id={menuId}
          className={menuOpen ? "site-header__menu site-header__menu--open" : "site-header__menu"}
          onKeyDown={(e) => {
            if (e.key === "Escape" && menuOpen) {
              setMenuOpen(false);
              document.querySelector<HTMLElement>(".site-header__menu-toggle")?.focus();
            }
          }}
        >
        <nav aria-label={t("header.mainNav")} className="site-nav">
          <ul className="site-nav__list">
            <li>
              <NavLink to="/consultations" className="site-nav__link">
                {t("header.consultations")}
              </NavLink>
            </li>
            <StaffNavItems />
          </ul>
        </nav>
        <HeaderSearch />
        <div className="site-header__account">
          <ConnectionIndicator />
          {session.status === "anonymous" && (
            <ul className="site-nav__list">
              <li>
                <NavLink to="/login" state={returnState(location)} className="site-nav__link" ref={loginLink}>
                  {t("header.login")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/register" state={returnState(location)} className="site-nav__link">
                  {t("header.register")}
                </NavLink>
              </li>
            </ul>
          )}
          {session.status === "authenticated" && session.user && (
            <>
              <NotificationBell />
              <nav aria-label={t("header.accountNav")} className="user-menu">
                <span className="site-header__user">
                  <span className="visually-hidden">{t("header.loggedInAs")}</span>
                  <span data-testid="current-user">{session.user.displayName}</span>
                </span>
                <NavLink to={myDecisionsPath()} className="site-nav__link">
                  {t("header.myDecisions")}
                </NavLink>
                <AccountNavLink />
              </nav>
              <button type="button" className="button button--header" onClick={onLogout} disabled={loggingOut}>
                {loggingOut ? t("header.loggingOut") : t("header.logout")}
              </button>
            </>
          )}
          <LanguageSwitcher />
        </div>
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
