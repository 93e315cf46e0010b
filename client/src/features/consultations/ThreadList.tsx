// A consultation's threads, pinned first then newest, filterable by question, paged with "Load more".
import { useEffect, useState, type ChangeEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { listThreads, type ThreadSummary } from "../../api/threads.ts";
import { Alert } from "../../components/Alert.tsx";
import { Badge } from "../../components/Badge.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { threadPath } from "../../lib/paths.ts";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { useCursorListState, cursorPaging, type CursorPage } from "../../lib/query/state.ts";

const PAGE_SIZE = 20;

function ThreadItem({ thread: t }: { thread: ThreadSummary }) {
  const { t: tr } = useTranslation("consultations");
  return (
    <article className="thread-item" aria-labelledby={`thread-${t.id}-title`}>
      <h3 className="thread-item__title" id={`thread-${t.id}-title`}>
        <Link to={threadPath(t.id)} className="thread-item__link">
          {t.title}
        </Link>
      </h3>
      <p className="thread-item__badges">
        {t.pinned && (
          <Badge kind={tr("threadList.badgeThread")} tone="pinned">
            {tr("threadList.pinned")}
          </Badge>
        )}
        {t.status === "locked" && (
          <Badge kind={tr("threadList.badgeThread")} tone="locked" title={tr("threadList.lockedTitle")}>
            {tr("threadList.locked")}
          </Badge>
        )}
        {t.status === "archived" && (
          <Badge kind={tr("threadList.badgeThread")} tone="locked">
            {tr("threadList.archived")}
          </Badge>
        )}
        {t.openingStatus === "pending" && (
          <Badge kind={tr("badge.status")} tone="pending" title={tr("threadList.pendingTitle")}>
            {tr("threadList.pending")}
          </Badge>
        )}
        {t.questionOrdinal !== null && (
          <Badge kind={tr("threadList.badgeOn")} tone="question">
            {tr("questions.ordinal", { ordinal: t.questionOrdinal })}
          </Badge>
        )}
      </p>
      <p className="thread-item__meta">
        {t.author && <>{tr("threadList.startedBy", { name: t.author.displayName })} · </>}
        {tr("count.contributions", { count: t.postCount })} · {tr("threadList.last")}{" "}
        <time dateTime={t.lastPostAt}>{formatDateTime(t.lastPostAt)}</time>
      </p>
    </article>
  );
}

interface ThreadListProps {
  consultation: ConsultationDetail;
  viewerKey: string | null;
  questionId: string | undefined;
  onQuestionChange(questionId: string | undefined): void;
  /** Changes when the list should be loaded again quietly (a thread was started or changed). */
  refreshSignal?: number;
}

export function ThreadList({ consultation: c, viewerKey, questionId, onQuestionChange, refreshSignal }: ThreadListProps) {
  const { t } = useTranslation("consultations");
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: keys.threads(c.id, questionId, viewerKey),
    queryFn: ({ pageParam, signal }) => listThreads(c.id, { questionId, cursor: pageParam, limit: PAGE_SIZE }, signal),
    ...cursorPaging<CursorPage<ThreadSummary>>(),
    enabled: viewerKey !== null,
  });
  const list = useCursorListState(query);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  useEffect(() => {
    // A quiet reload: every thread list of the consultation (other filters load afresh when shown).
    if (refreshSignal) void queryClient.invalidateQueries({ queryKey: keys.allThreads(c.id) });
  }, [refreshSignal, queryClient, c.id]);

  useEffect(() => {
    if (focusIndex === null) return;
    document.querySelectorAll<HTMLElement>(".thread-item__link")[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex]);

  const { state } = list;
  let status = "";
  if (state.phase === "loading") status = t("threadList.loading");
  else if (state.phase === "ready") {
    status = state.items.length ? t(state.nextCursor ? "threadList.showingMore" : "threadList.showing", { count: state.items.length }) : "";
  }

  return (
    <>
      {c.questions.length > 0 && (
        <div className="filters filters--inline">
          <div className="filters__field">
            <label htmlFor="thread-question" className="field__label">
              {t("threadList.showOn")}
            </label>
            <select
              id="thread-question"
              className="field__control"
              value={questionId ?? ""}
              onChange={(e: ChangeEvent<HTMLSelectElement>) => onQuestionChange(e.target.value || undefined)}
            >
              <option value="">{t("threadList.allQuestions")}</option>
              {c.questions.map((q) => (
                <option key={q.id} value={q.id}>
                  {t("questions.ordinal", { ordinal: q.ordinal })}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <p role="status" className="list-status">
        {status}
      </p>
      {state.phase === "error" && (
        <Alert title={t("threadList.notLoaded")}>
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
            {t("common:tryAgain")}
          </button>
        </Alert>
      )}
      {state.phase === "ready" && state.items.length === 0 && (
        <div className="empty">
          <p>{questionId ? t("threadList.noneOnQuestion") : t("threadList.none")}</p>
        </div>
      )}
      {state.phase === "ready" && state.items.length > 0 && (
        <>
          <ul className="thread-list">
            {state.items.map((t) => (
              <li key={t.id}>
                <ThreadItem thread={t} />
              </li>
            ))}
          </ul>
          {list.moreError && <Alert title={t("threadList.moreNotLoaded")}>{list.moreError.message}</Alert>}
          {state.nextCursor && (
            <div className="load-more">
              <button
                type="button"
                className="button button--secondary"
                disabled={list.loadingMore}
                onClick={() => {
                  const start = state.items.length;
                  void list.loadMore().then((n) => n > 0 && setFocusIndex(start));
                }}
              >
                {list.loadingMore ? t("common:loading") : t("threadList.loadMore")}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
