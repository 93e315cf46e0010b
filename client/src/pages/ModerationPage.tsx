import { Link, useLocation } from "react-router";
import { Trans, useTranslation } from "react-i18next";
import { Page } from "../components/Page.tsx";
import { ConsultationGate } from "../features/consultations/ConsultationGate.tsx";
import { AmendmentModeration } from "../features/texts/AmendmentModeration.tsx";
import { AppealsPanel } from "../features/moderation/AppealsPanel.tsx";
import { ModerationQueue } from "../features/moderation/ModerationQueue.tsx";
import { useSession } from "../features/session/SessionContext.tsx";
import { auditPath, consultationPath } from "../lib/paths.ts";

/** The moderators' page of a consultation: the live queue and the appeals. */
export function ModerationPage() {
  const { t } = useTranslation("moderation");
  const session = useSession();
  const location = useLocation();
  return (
    <ConsultationGate title={t("page.title")}>
      {(c) => (
        <Page title={t("page.titleOf", { title: c.title })}>
          <nav aria-label={t("threads:breadcrumb")} className="breadcrumb">
            <Link to={consultationPath(c.slug)}>{c.title}</Link>
          </nav>
          {!c.abilities.moderate ? (
            <>
              <p>{t("page.onlyStaff")}</p>
              {session.status === "anonymous" && (
                <p>
                  <Trans t={t} i18nKey="page.loginIfModerator" components={{ login: <Link to="/login" state={{ from: location.pathname }} /> }} />
                </p>
              )}
            </>
          ) : (
            <>
              <p className="page__lead">
                <strong>{t("page.moderation")}</strong> {t(`vocabulary:moderationMode.${c.moderationMode}`)}. {t("page.illegalFirst")}
                {c.abilities.edit && (
                  <>
                    {" "}
                    <Trans t={t} i18nKey="page.auditRecords" components={{ audit: <Link to={auditPath(c.slug)} /> }} />
                  </>
                )}
              </p>
              <section aria-labelledby="queue-title" className="section">
                <h2 id="queue-title" className="visually-hidden">
                  {t("page.queue")}
                </h2>
                <ModerationQueue consultation={c} />
              </section>
              <AmendmentModeration consultation={c} />
              <AppealsPanel consultationId={c.id} />
            </>
          )}
        </Page>
      )}
    </ConsultationGate>
  );
}
