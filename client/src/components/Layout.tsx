import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { SiteHeader } from "./SiteHeader.tsx";

export function Layout() {
  const { pathname } = useLocation();
  const shownPath = useRef(pathname);

  useEffect(() => {
    // After client-side navigation, focus the new page's heading so a screen reader announces it
    // (not on the first load: the browser starts at the top of the document, where the skip link is).
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [pathname]);

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <SiteHeader />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>Roundtable · moderated stakeholder consultations</p>
      </footer>
    </>
  );
}
