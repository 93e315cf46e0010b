// /admin, /admin/accounts, /admin/audit: the admin console. To anyone but an admin it is the ordinary
// "Page not found" (as the API's admin routes are 404s), so it does not reveal that it exists.
import { NavLink, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../components/Page.tsx";
import { AccountsPanel } from "../features/admin/AccountsPanel.tsx";
import { AdminAuditPanel } from "../features/admin/AdminAuditPanel.tsx";
import { OrganisationsPanel } from "../features/admin/OrganisationsPanel.tsx";
import { useSession } from "../features/session/SessionContext.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { OutboxPanel } from "../features/mail/OutboxPanel.tsx";
import "../features/organiser/console.css";

const SECTIONS = ["organisations", "accounts", "audit", "outbox"] as const;

export function AdminPage() {
  const { t } = useTranslation("admin");
  const session = useSession();
  const { section = "organisations" } = useParams();
  if (session.status === "loading") {
    return (
      <Page title={t("title")}>
        <p role="status">{t("loading")}</p>
      </Page>
    );
  }
  if (!session.user?.isAdmin || !(SECTIONS as readonly string[]).includes(section)) return <NotFoundPage />;
  return (
    <Page title={t(`sections.${section}`)}>
      <nav aria-label={t("title")} className="section-nav">
        <ul className="section-nav__list">
          {SECTIONS.map((s) => (
            <li key={s}>
              <NavLink to={s === "organisations" ? "/admin" : `/admin/${s}`} end>
                {t(`sections.${s}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {section === "organisations" && <OrganisationsPanel />}
      {section === "accounts" && <AccountsPanel />}
      {section === "audit" && <AdminAuditPanel />}
      {section === "outbox" && <OutboxPanel />}
    </Page>
  );
}
