// A consultation's threads, pinned first then newest, filterable by question, paged with "Load more".
import { useEffect, useState, type ChangeEvent } from "react";
import { Link } from "react-router";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { listThreads, type ThreadSummary } from "../../api/threads.ts";
import { Alert } from "../../components/Alert.tsx";
import { Badge } from "../../components/Badge.tsx";
import { formatDateTime, plural } from "../../lib/format.ts";
import { threadPath } from "../../lib/paths.ts";
import { useCursorList } from "../../lib/useCursorList.ts";

const PAGE_SIZE = 20;

function ThreadItem({ thread: t }: { thread: ThreadSummary }) {
  return (
    <article className="thread-item" aria-labelledby={`thread-${t.id}-title`}>
      <h3 className="thread-item__title" id={`thread-${t.id}-title`}>
        <Link to={threadPath(t.id)} className="thread-item__link">
          {t.title}
        </Link>
      </h3>
      <p className="thread-item__badges">
        {t.pinned && (
          <Badge kind="Thread" tone="pinned">
            Pinned
          </Badge>
        )}
        {t.status === "locked" && (
          <Badge kind="Thread" tone="locked" title="No new replies">
            Locked
          </Badge>
        )}
        {t.status === "archived" && (
          <Badge kind="Thread" tone="locked">
            Archived
          </Badge>
        )}
        {t.openingStatus === "pending" && (
          <Badge kind="Status" tone="pending" title="Only you and the moderators see it until a moderator approves it">
            Pending review
          </Badge>
        )}
        {t.questionOrdinal !== null && (
          <Badge kind="On" tone="question">
            Question {t.questionOrdinal}
          </Badge>
        )}
      </p>
      <p className="thread-item__meta">
        {t.author && <>Started by {t.author.displayName} · </>}
        {plural(t.postCount, "contribution", "contributions")} · last{" "}
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
  const key = viewerKey === null ? null : `${c.id}|${questionId ?? ""}|${viewerKey}`;
  const list = useCursorList<ThreadSummary>(key, (cursor, signal) => listThreads(c.id, { questionId, cursor, limit: PAGE_SIZE }, signal));
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const { reload } = list;
  useEffect(() => {
    if (refreshSignal) void reload(true);
  }, [refreshSignal, reload]);

  useEffect(() => {
    if (focusIndex === null) return;
    document.querySelectorAll<HTMLElement>(".thread-item__link")[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex]);

  const { state } = list;
  let status = "";
  if (state.phase === "loading") status = "Loading threads…";
  else if (state.phase === "ready") {
    status = state.items.length ? `Showing ${plural(state.items.length, "thread", "threads")}${state.nextCursor ? "; more are available" : ""}.` : "";
  }

  return (
    <>
      {c.questions.length > 0 && (
        <div className="filters filters--inline">
          <div className="filters__field">
            <label htmlFor="thread-question" className="field__label">
              Show threads on
            </label>
            <select
              id="thread-question"
              className="field__control"
              value={questionId ?? ""}
              onChange={(e: ChangeEvent<HTMLSelectElement>) => onQuestionChange(e.target.value || undefined)}
            >
              <option value="">All questions</option>
              {c.questions.map((q) => (
                <option key={q.id} value={q.id}>
                  Question {q.ordinal}
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
        <Alert title="The threads could not be loaded.">
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void list.reload(false)}>
            Try again
          </button>
        </Alert>
      )}
      {state.phase === "ready" && state.items.length === 0 && (
        <div className="empty">
          <p>{questionId ? "No threads on this question yet." : "No threads yet."}</p>
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
          {list.moreError && <Alert title="More threads could not be loaded.">{list.moreError.message}</Alert>}
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
                {list.loadingMore ? "Loading…" : "Load more threads"}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
