import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { asApiError } from "../api/client.ts";
import { listNotifications, type AppNotification, type NotificationPage } from "../api/notifications.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { useNotifications } from "../features/notifications/NotificationsContext.tsx";
import { NotificationItem } from "../features/notifications/NotificationItem.tsx";
import { useSession } from "../features/session/SessionContext.tsx";
import { plural } from "../lib/format.ts";
import { useCursorList } from "../lib/useCursorList.ts";

/** Every notification, newest first; new ones appear at the top as they arrive. */
export function NotificationsPage() {
  const session = useSession();
  const location = useLocation();
  const { unread, markAllRead, subscribe } = useNotifications();
  const userId = session.status === "authenticated" ? (session.user?.id ?? null) : null;
  const list = useCursorList<AppNotification, NotificationPage>(userId, (cursor, signal) => listNotifications({ cursor, limit: 30 }, signal));
  const { updateItems } = list;
  const [marking, setMarking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  useEffect(
    () =>
      subscribe((n) => {
        updateItems((items) => (items.some((i) => i.id === n.id) ? items : [n, ...items]));
        setStatus("A new notification arrived.");
      }),
    [subscribe, updateItems],
  );

  if (session.status === "loading") {
    return (
      <Page title="Notifications">
        <p role="status">Loading…</p>
      </Page>
    );
  }
  if (session.status === "anonymous") {
    return (
      <Page title="Notifications">
        <p>
          <Link to="/login" state={{ from: location.pathname }}>
            Log in
          </Link>{" "}
          to see your notifications.
        </p>
      </Page>
    );
  }

  const onMarkAll = async () => {
    setMarking(true);
    setError(null);
    try {
      await markAllRead();
      updateItems((items) => items.map((i) => ({ ...i, read: true })));
      setStatus("All notifications are marked as read.");
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setMarking(false);
    }
  };

  const { state } = list;
  return (
    <Page title="Notifications">
      <div className="section__head">
        <p className="muted" data-testid="unread-summary">
          {unread === null ? "" : unread === 0 ? "Nothing unread." : `${plural(unread, "unread notification", "unread notifications")}.`}
        </p>
        <button type="button" className="button button--secondary" disabled={marking || unread === 0} onClick={() => void onMarkAll()}>
          {marking ? "Marking…" : "Mark all read"}
        </button>
      </div>
      <p role="status" className="list-status">
        {status}
      </p>
      {error && <Alert>{error}</Alert>}
      {state.phase === "loading" && <p role="status">Loading your notifications…</p>}
      {state.phase === "error" && (
        <Alert title="Your notifications could not be loaded.">
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void list.reload(false)}>
            Try again
          </button>
        </Alert>
      )}
      {state.phase === "ready" && state.items.length === 0 && (
        <div className="empty">
          <p>No notifications yet. You will be told here when someone replies to you and when a moderator decides about your contributions.</p>
        </div>
      )}
      {state.phase === "ready" && state.items.length > 0 && (
        <ul className="notification-list">
          {state.items.map((n) => (
            <li key={n.id}>
              <NotificationItem notification={n} />
            </li>
          ))}
        </ul>
      )}
      {list.moreError && <Alert title="More notifications could not be loaded.">{list.moreError.message}</Alert>}
      {state.phase === "ready" && state.nextCursor && (
        <div className="load-more">
          <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
            {list.loadingMore ? "Loading…" : "Load older notifications"}
          </button>
        </div>
      )}
    </Page>
  );
}
