// The admin console's outbox: every mail with its status, newest first. Without SMTP_URL this is how
// mail reaches people (an admin passes it on); over SMTP a delivered mail keeps only recipient and subject.
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert.tsx";
import { usePagedList } from "../admin/usePagedList.ts";
import { formatWithZone } from "../organiser/dates.ts";
import { listOutbox } from "./api.ts";

export function OutboxPanel() {
  const { t, i18n } = useTranslation("mail");
  const list = usePagedList("outbox", {}, (_f, cursor, signal) => listOutbox({ cursor }, signal));
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title" className="visually-hidden">{t("outbox.title")}</h2>
      <p className="muted">{t("outbox.lead")}</p>
      {list.phase === "loading" && <p>{t("outbox.loading")}</p>}
      {list.phase === "error" && <Alert>{list.error}</Alert>}
      {list.phase === "ready" && list.items.length === 0 && <p className="muted">{t("outbox.none")}</p>}
      {list.items.length > 0 && (
        <ul className="plain-list">
          {list.items.map((m) => (
            <li key={m.id} className="console-card" data-testid="outbox-mail">
              <h3>{m.subject}</h3>
              <p className="console-card__meta">
                {t("outbox.to", { recipient: m.recipient })} · <time dateTime={m.createdAt}>{formatWithZone(m.createdAt, i18n.language)}</time> · {t(`outbox.status.${m.status}`)}
                {m.attempts > 1 && <> · {t("outbox.attempts", { count: m.attempts })}</>}
              </p>
              {m.lastError && m.status !== "sent" && <p className="muted">{m.lastError}</p>}
              {m.text ? (
                <details>
                  <summary>{t("outbox.body")}</summary>
                  <pre className="pre-line">{m.text}</pre>
                </details>
              ) : (
                <p className="muted">{t("outbox.bodyRemoved")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" className="button button--secondary" onClick={() => void list.loadMore()}>
          {t("outbox.more")}
        </button>
      )}
    </section>
  );
}
