// /notifications: who did what, where, with an excerpt; replies grouped per thread ("3 replies in
// 'Detection orders'"); what the page showed is marked read once seen (it stays marked "New" for this
// visit); "Mark all read"; new notifications appear at the top as they arrive.
import { useEffect, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { asApiError } from "../api/client.ts";
import { listNotifications, markNotificationsRead, type NotificationPage } from "../api/notifications.ts";
import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { keys } from "../lib/query/keys.ts";
import { cursorPaging } from "../lib/query/state.ts";
import { Page } from "../components/Page.tsx";
import { useNotifications } from "../features/notifications/NotificationsContext.tsx";
import { NotificationItem } from "../features/notifications/NotificationItem.tsx";
import { groupNotifications, type NotificationEntry, type NotificationWithContext } from "../features/notifications/groupNotifications.ts";
import { formatWithZone } from "../features/organiser/dates.ts";
import { useSession } from "../features/session/SessionContext.tsx";
import { postPath, threadPath } from "../lib/paths.ts";
import "../features/organiser/console.css";
import { ListState } from "../components/ListState.tsx";

function RepliesEntry({ entry, fresh }: { entry: Extract<NotificationEntry, { kind: "replies" }>; fresh: Set<string> }) {
  const { t, i18n } = useTranslation("notifications-page");
  const newest = entry.replies[0]!;
  const where = entry.threadTitle ?? t("aThread");
  return (
    <article className={entry.replies.some((r) => fresh.has(r.id)) ? "notification notification--unread" : "notification"} data-testid="notification-group">
      <p className="notification__time">
        {entry.replies.some((r) => fresh.has(r.id)) && <span className="notification__new">{t("new")} · </span>}
        <time dateTime={newest.createdAt}>{formatWithZone(newest.createdAt, i18n.language)}</time>
      </p>
      <h2 className="notification__text notification__heading">{t("replies", { count: entry.replies.length, thread: where })}</h2>
      <ul className="plain-list">
        {entry.replies.slice(0, 3).map((r) => (
          <li key={r.id} className="notification__reply">
            <strong>{r.context?.actor?.displayName ?? t("someone")}</strong>
            {r.context?.excerpt && <> — “{r.context.excerpt}”</>}{" "}
            {r.payload.postId && (
              <Link to={postPath(r.payload.postId)}>
                {t("readReply")}
                <span className="visually-hidden"> {t("by", { name: r.context?.actor?.displayName ?? t("someone") })}</span>
              </Link>
            )}
          </li>
        ))}
      </ul>
      {entry.replies.length > 3 && <p className="muted">{t("andMore", { count: entry.replies.length - 3 })}</p>}
      <p>
        <Link to={threadPath(entry.threadId)}>{t("openThread", { thread: where })}</Link>
      </p>
    </article>
  );
}

export function NotificationsInboxPage() {
  const { t } = useTranslation("notifications-page");
  const session = useSession();
  const location = useLocation();
  const { unread, markAllRead, subscribe } = useNotifications();
  const userId = session.status === "authenticated" ? (session.user?.id ?? null) : null;
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: keys.notifications(userId),
    queryFn: ({ pageParam, signal }) => listNotifications({ limit: 30, cursor: pageParam }, signal),
    ...cursorPaging<NotificationPage>(),
    enabled: userId !== null,
    // Opening the inbox marks what it shows as read: each visit reads it afresh rather than from the cache.
    gcTime: 0,
  });
  const pages = query.data?.pages;
  const items = pages ? (pages.flatMap((p) => p.items) as NotificationWithContext[]) : null;
  const firstPage = pages?.[0];
  /** Changes the cached pages in place (a notification arrived, all were marked read). */
  const updatePages = (fn: (pages: NotificationPage[]) => NotificationPage[]) =>
    queryClient.setQueryData<InfiniteData<NotificationPage>>(keys.notifications(userId), (d) => d && { ...d, pages: fn(d.pages) });
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (query.isError && !query.isFetching ? asApiError(query.error).message : null);
  const [status, setStatus] = useState("");
  const [marking, setMarking] = useState(false);
  // Unread when this visit showed them: still marked "New" on the page after they are marked read.
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const markedOnce = useRef(false);

  // Once the first page is there: what it shows unread stays "New" for this visit, and is marked read.
  useEffect(() => {
    if (!firstPage || markedOnce.current) return;
    markedOnce.current = true;
    const unreadShown = firstPage.items.filter((n) => !n.read).map((n) => n.id);
    setFresh(new Set(unreadShown));
    if (unreadShown.length === 0) return;
    // Seen: everything unread is on this page -> all read (the bell goes to 0); else just these.
    if (unreadShown.length >= firstPage.unread) void markAllRead().catch(() => undefined);
    else void markNotificationsRead(unreadShown).catch(() => undefined);
  }, [firstPage, markAllRead]);

  useEffect(
    () =>
      subscribe((n) => {
        queryClient.setQueryData<InfiniteData<NotificationPage>>(keys.notifications(userId), (d) => {
          if (!d || d.pages.some((p) => p.items.some((i) => i.id === n.id))) return d;
          const [first, ...rest] = d.pages;
          return { ...d, pages: [{ ...first!, items: [n, ...first!.items] }, ...rest] };
        });
        setFresh((f) => new Set([...f, n.id]));
        setStatus(t("arrived"));
      }),
    [subscribe, t, queryClient, userId],
  );

  if (session.status === "loading") {
    return (
      <Page title={t("title")}>
        <p role="status">{t("loading")}</p>
      </Page>
    );
  }
  if (session.status === "anonymous") {
    return (
      <Page title={t("title")}>
        <p>
          <Link to="/login" state={{ from: location.pathname }}>
            {t("logIn")}
          </Link>
        </p>
      </Page>
    );
  }

  const onMarkAll = async () => {
    setMarking(true);
    setError(null);
    try {
      await markAllRead();
      updatePages((list) => list.map((p) => ({ ...p, items: p.items.map((i) => ({ ...i, read: true })) })));
      setFresh(new Set());
      setStatus(t("allRead"));
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setMarking(false);
    }
  };
  const loadMore = () => query.fetchNextPage({ cancelRefetch: false });

  return (
    <Page title={t("title")}>
      <div className="section__head">
        <p className="muted" data-testid="unread-summary">
          {unread === null ? "" : unread === 0 ? t("nothingUnread") : t("unread", { count: unread })}
        </p>
        <button type="button" className="button button--secondary" disabled={marking || unread === 0} onClick={() => void onMarkAll()}>
          {marking ? t("marking") : t("markAll")}
        </button>
      </div>
      <p role="status" className="list-status">
        {status}
      </p>
      <ListState
        phase={items === null ? (error ? "error" : "loading") : "ready"}
        error={error}
        items={items ?? []}
        hasMore={Boolean(query.hasNextPage)}
        loadMore={loadMore}
        words={{ loading: t("loading"), empty: t("none"), more: t("older") }}
      >
        {(loaded) => (
          <ul className="notification-list">
            {groupNotifications([...loaded]).map((entry) => (
              <li key={entry.key}>
                {entry.kind === "replies" ? <RepliesEntry entry={entry} fresh={fresh} /> : <NotificationItem notification={{ ...entry.notification, read: !fresh.has(entry.notification.id) }} />}
              </li>
            ))}
          </ul>
        )}
      </ListState>
    </Page>
  );
}
