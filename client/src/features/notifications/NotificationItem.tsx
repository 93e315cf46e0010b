// One notification as a sentence a person reads, with the link that follows from it.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { AppNotification, NotificationAbout } from "../../api/notifications.ts";
import { formatDateTime } from "../../lib/format.ts";
import { consultationPath, myDecisionsPath, postPath } from "../../lib/paths.ts";
import { decisionSentence, reasonLabel } from "../moderation/labels.ts";
import { textPath } from "../texts/paths.ts";
import i18n from "../../i18n/index.ts";

/**
 * What a notification is about, in the reader's language: the row stores a message key and its
 * parameters (titles and names are the authors' own words, in any language, and stay as they are).
 */
export function translateAbout(about: NotificationAbout | undefined): string | undefined {
  if (!about) return undefined;
  return i18n.t(`notifications:about.${about.key}`, { ...about.params, interpolation: { escapeValue: false } });
}

function Body({ n }: { n: AppNotification }) {
  const { t } = useTranslation("notifications");
  const title = n.payload.about?.key === "consultation" ? String(n.payload.about.params.title ?? "") : undefined;
  const p = { ...n.payload, about: translateAbout(n.payload.about) };
  switch (n.kind) {
    case "reply":
      return (
        <>
          <p className="notification__text">{t("reply.text", { about: p.about ?? t("reply.aReply") })}</p>
          {p.postId && (
            <p>
              <Link to={postPath(p.postId)}>{t("reply.read")}</Link>
            </p>
          )}
        </>
      );
    case "decision": {
      const reason = reasonLabel(p.reasonCode);
      return (
        <>
          <p className="notification__text">{decisionSentence(p.action ?? "", p.automated ?? false, p.about)}</p>
          {reason && (
            <p className="notification__detail">
              <strong>{t("decision.reason")}</strong> {reason}
            </p>
          )}
          {p.statement && <blockquote className="notification__statement pre-line">{p.statement}</blockquote>}
          <p>
            <Link to={myDecisionsPath(p.decisionId)}>{p.action && p.action !== "approve" && p.action !== "restore" ? t("decision.seeAndAppeal") : t("decision.see")}</Link>
          </p>
        </>
      );
    }
    case "appeal_outcome":
      return (
        <>
          <p className="notification__text">
            {p.outcome === "overturned" ? t("appeal.overturned") : t("appeal.upheld")}
          </p>
          {p.statement && <blockquote className="notification__statement pre-line">{p.statement}</blockquote>}
          <p>
            <Link to={myDecisionsPath(p.decisionId)}>{t("appeal.see")}</Link>
          </p>
        </>
      );
    case "consultation_opened":
    case "consultation_closed":
      return (
        <>
          <p className="notification__text">
            {t(n.kind === "consultation_opened" ? (title ? "consultation.opened" : "consultation.openedUnnamed") : title ? "consultation.closed" : "consultation.closedUnnamed", { title })}
          </p>
          {p.consultationId && (
            <p>
              <Link to={consultationPath(p.consultationId)}>{t("consultation.go")}</Link>
            </p>
          )}
        </>
      );
    case "text_changed": {
      const units = n.payload.units ?? [];
      const docId = n.payload.documentId ?? "";
      const cId = n.payload.consultationId ?? "";
      return (
        <>
          <p className="notification__text">{t("textChanged.text", { title: n.payload.title ?? "", version: n.payload.version ?? 0, count: units.length })}</p>
          {units.length > 0 && (
            <ul className="notification__units" aria-label={t("textChanged.units")}>
              {units.map((u) => (
                <li key={u.eId}>
                  <Link to={textPath(cId, docId, { unit: u.eId })}>{u.label}</Link>
                </li>
              ))}
            </ul>
          )}
          {(n.payload.more ?? 0) > 0 && <p className="notification__detail">{t("textChanged.more", { count: n.payload.more })}</p>}
          <p>
            <Link to={textPath(cId, docId)}>{t("textChanged.read")}</Link>
          </p>
        </>
      );
    }
    default:
      return <p className="notification__text">{t("other")}</p>;
  }
}

export function NotificationItem({ notification: n }: { notification: AppNotification }) {
  const { t } = useTranslation("notifications");
  return (
    <article className={n.read ? "notification" : "notification notification--unread"} data-testid="notification" data-kind={n.kind}>
      <p className="notification__time">
        {!n.read && <span className="notification__new">{t("new")} · </span>}
        <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
      </p>
      <Body n={n} />
    </article>
  );
}
