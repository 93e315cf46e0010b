// The bell in the header: a link to the notifications with the unread count, kept live.
import { useEffect, useRef, useState } from "react";
import { NavLink } from "react-router";
import { useTranslation } from "react-i18next";
import { notificationsPath } from "../../lib/paths.ts";
import { useNotifications } from "./NotificationsContext.tsx";

export function NotificationBell() {
  const { t } = useTranslation("notifications");
  const { unread } = useNotifications();
  const count = unread ?? 0;
  const label = count === 0 ? t("bell.label") : t("bell.labelUnread", { count });
  // A notification that arrives while the page is open is announced once (not the count on page load).
  const previous = useRef<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    if (previous.current !== null && unread !== null && unread > previous.current) {
      setAnnouncement(t("bell.announce", { count: unread }));
    }
    previous.current = unread;
  }, [unread, t]);
  return (
    <>
    <span role="status" className="visually-hidden">
      {announcement}
    </span>
    <NavLink to={notificationsPath} className="bell site-nav__link" aria-label={label} title={label} data-testid="bell">
      <svg className="bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      <span className="bell__text" aria-hidden="true">
        {t("bell.label")}
      </span>
      {count > 0 && (
        <span className="bell__count" aria-hidden="true" data-testid="bell-count">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </NavLink>
    </>
  );
}
