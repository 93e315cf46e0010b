// /moderation: the staff member's starting point. What waits in each consultation they moderate (the
// header's count, by consultation), with the way to its queue and its moderation log.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { asApiError } from "../api/client.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { useModerationOverviewQuery } from "../features/moderation/useModerationOverview.ts";
import { isStaff } from "../features/organiser/roles.ts";
import { useSession } from "../features/session/SessionContext.tsx";
import { moderationPath } from "../lib/paths.ts";
import { moderationLogPath } from "../features/moderation/paths.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";
import "../features/organiser/console.css";

export function ModerationHomePage() {
  const { t } = useTranslation("moderation-console");
  const session = useSession();
  const staff = isStaff(session.user);
  const query = useModerationOverviewQuery(staff);
  const overview = query.data ?? null;
  const error = !overview && query.isError && !query.isFetching ? asApiError(query.error).message : null;
  if (session.status === "loading") {
    return (
      <Page title={t("home.title")}>
        <p role="status">{t("loading")}</p>
      </Page>
    );
  }
  if (!staff) return <NotFoundPage />;
  return (
    <Page title={t("home.title")} lead={t("home.lead")}>
      {error && <Alert>{error}</Alert>}
      {!overview && !error && <p role="status">{t("loading")}</p>}
      {overview && (
        <>
          <p role="status" data-testid="moderation-total">
            {overview.total === 0 ? t("home.nothing") : t("home.total", { count: overview.total })}
          </p>
          <ul className="plain-list">
            {overview.consultations.map((c) => (
              <li key={c.id} className="console-card" data-testid="moderation-consultation">
                <h2 className="console-card__title">{c.title}</h2>
                <p className="console-card__meta">{t("home.waiting", { count: c.waiting })}</p>
                <div className="button-row">
                  <Link to={moderationPath(c.slug)} className="button button--primary">
                    {t("home.openQueue")}
                    <span className="visually-hidden"> {c.title}</span>
                  </Link>
                  <Link to={moderationLogPath(c.slug)} className="button button--secondary">
                    {t("home.log")}
                    <span className="visually-hidden"> {c.title}</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
