// The state of the live connection in the header, in words and an icon (colour alone says nothing),
// announced politely when it changes.
import { useTranslation } from "react-i18next";
import { useRealtime } from "./RealtimeContext.tsx";

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const { status, everConnected, caughtUp } = useRealtime();
  let label: string;
  let tone: string;
  let title: string;
  if (status === "connected") {
    label = caughtUp ? t("connection.caughtUp") : t("connection.live");
    tone = "live";
    title = caughtUp ? t("connection.caughtUpTitle") : t("connection.liveTitle");
  } else if (status === "reconnecting") {
    label = everConnected ? t("connection.reconnecting") : t("connection.connecting");
    tone = "waiting";
    title = t("connection.reconnectingTitle");
  } else {
    label = t("connection.offline");
    tone = "offline";
    title = t("connection.offlineTitle");
  }
  return (
    <span className={`connection connection--${tone}`} title={title} data-testid="connection" data-status={status}>
      <span className="connection__icon" aria-hidden="true" />
      <span role="status" aria-live="polite" className="connection__label">
        <span className="visually-hidden">{t("connection.prefix")}</span>
        {label}
      </span>
    </span>
  );
}
