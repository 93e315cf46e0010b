// /consultations/:slug/moderation/log: the moderation log for the consultation's moderators (the
// server gives them moderation actions only; organisers and admins also have the whole audit log).
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { readAuditLog, type AuditEntry } from "../api/moderation.ts";
import { Page } from "../components/Page.tsx";
import { ConsultationGate } from "../features/consultations/ConsultationGate.tsx";
import { usePagedList } from "../features/admin/usePagedList.ts";
import { auditPath, consultationPath, moderationPath } from "../lib/paths.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";
import "../features/organiser/console.css";
import { formatWithZone } from "../features/organiser/dates.ts";
import { ListState } from "../components/ListState.tsx";

function LogTable({ consultationId }: { consultationId: string }) {
  const { t, i18n } = useTranslation("moderation-console");
  const list = usePagedList("moderation-log", { consultationId }, (f, cursor, signal) => readAuditLog(f.consultationId, { cursor, limit: 50 }, signal));
  const when = (iso: string) => formatWithZone(iso, i18n.language);
  return (
    <>
      <ListState {...list} onRetry={list.reload} words={{ loading: t("loading"), empty: t("log.none"), more: t("more") }}>
        {(items) => (
          <div className="table-scroll">
            <table className="console-table" data-testid="moderation-log">
              <caption className="visually-hidden">{t("log.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("log.when")}</th>
                  <th scope="col">{t("log.action")}</th>
                  <th scope="col">{t("log.who")}</th>
                  <th scope="col">{t("log.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e: AuditEntry) => (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.createdAt}>{when(e.createdAt)}</time>
                    </td>
                    <td>{t(`log.actions.${e.action}`, { defaultValue: e.action })}</td>
                    <td>{e.automated ? t("history.automated") : (e.actorName ?? t("history.unknown"))}</td>
                    <td>
                      {e.reasonCode && <>{t(`reasons.${e.reasonCode}`)}. </>}
                      {e.statement}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
    </>
  );
}

export function ModerationLogPage() {
  const { t } = useTranslation("moderation-console");
  return (
    <ConsultationGate title={t("log.title")}>
      {(c) =>
        !c.abilities.moderate ? (
          <NotFoundPage />
        ) : (
          <Page title={t("log.titleOf", { title: c.title })} lead={t("log.lead")}>
            <nav aria-label={t("log.links")} className="section-nav">
              <ul className="section-nav__list">
                <li>
                  <Link to={moderationPath(c.slug)}>{t("home.openQueue")}</Link>
                </li>
                {c.abilities.edit && (
                  <li>
                    <Link to={auditPath(c.slug)}>{t("log.fullAudit")}</Link>
                  </li>
                )}
                <li>
                  <Link to={consultationPath(c.slug)}>{t("log.back")}</Link>
                </li>
              </ul>
            </nav>
            <LogTable consultationId={c.id} />
          </Page>
        )
      }
    </ConsultationGate>
  );
}
