// The four states every list shows, in one place (issue 10 item 11): loading, failed (with the way to
// try again), empty, and its items with "Show more" while more pages exist. Lists differ only in their
// words and in how an item looks; the markup, roles and focus handling are the same everywhere.
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "./Alert.tsx";

export interface ListStateProps<T> {
  phase: "loading" | "ready" | "error";
  /** Set when the first page failed, or a later page did (then the items loaded so far stay). */
  error?: string | null;
  items: readonly T[];
  hasMore: boolean;
  loadMore(): unknown;
  /** Offered with the error when given. */
  onRetry?(): void;
  words: { loading: string; empty: ReactNode; more: string };
  /** The items, in whatever container suits them (a list, a table). */
  children(items: readonly T[]): ReactNode;
}

export function ListState<T>({ phase, error, items, hasMore, loadMore, onRetry, words, children }: ListStateProps<T>) {
  const { t } = useTranslation();
  const [loadingMore, setLoadingMore] = useState(false);
  const more = async () => {
    setLoadingMore(true);
    try {
      await loadMore();
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <>
      {phase === "loading" && <p role="status">{words.loading}</p>}
      {error && (
        <Alert>
          {error}
          {onRetry && (
            <>
              {" "}
              <button type="button" className="button button--small button--secondary" onClick={onRetry}>
                {t("tryAgain")}
              </button>
            </>
          )}
        </Alert>
      )}
      {phase === "ready" && items.length === 0 && <p className="muted">{words.empty}</p>}
      {items.length > 0 && children(items)}
      {hasMore && (
        <button type="button" className="button button--secondary" disabled={loadingMore} aria-busy={loadingMore || undefined} onClick={() => void more()}>
          {loadingMore ? t("loading") : words.more}
        </button>
      )}
    </>
  );
}
