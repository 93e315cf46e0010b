import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { SiteHeader } from "./SiteHeader.tsx";
import { TwoFactorRequiredNotice } from "../features/security/TwoFactorRequired.tsx";
import { UnverifiedBanner } from "../features/mail/UnverifiedBanner.tsx";

export function Layout() {
  const { t } = useTranslation();
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
        {t("layout.skipToMain")}
      </a>
      <SiteHeader />
      <main id="main" className="main" tabIndex={-1}>
        <TwoFactorRequiredNotice />
        <UnverifiedBanner />
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t("layout.footer")}</p>
      </footer>
    </>
  );
}
