// The consultation list for a set of filters: first page, "load more", loading and error states.
import { useCallback, useEffect, useRef, useState } from "react";
import { listConsultations, type ConsultationFilters, type ConsultationSummary } from "../../api/consultations.ts";
import { ApiError, isAbortError } from "../../api/client.ts";

export const PAGE_SIZE = 20;

export type ListState =
  | { phase: "loading" }
  | { phase: "error"; error: ApiError }
  | { phase: "ready"; items: ConsultationSummary[]; nextCursor: string | null };

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError("internal", "Something went wrong. Please try again.", 0);
}

/**
 * `viewerKey` names who is looking (what a visitor may see depends on who they are): a change refetches
 * the first page; null waits (while the session is still being found out), so the list loads once.
 */
export function useConsultationList(filters: ConsultationFilters, viewerKey: string | null) {
  const [state, setState] = useState<ListState>({ phase: "loading" });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const { status, accessMode, language } = filters;

  useEffect(() => {
    if (viewerKey === null) return;
    const c = new AbortController();
    controller.current = c;
    setState({ phase: "loading" });
    setLoadingMore(false);
    setMoreError(null);
    listConsultations({ status, accessMode, language, limit: PAGE_SIZE }, c.signal).then(
      (page) => setState({ phase: "ready", items: page.items, nextCursor: page.nextCursor }),
      (err: unknown) => {
        if (!isAbortError(err)) setState({ phase: "error", error: asApiError(err) });
      },
    );
    return () => c.abort();
  }, [status, accessMode, language, viewerKey, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  /** Appends the next page; resolves to the index of its first item (for moving focus), or null. */
  const loadMore = useCallback(async (): Promise<number | null> => {
    if (state.phase !== "ready" || !state.nextCursor || loadingMore) return null;
    const signal = controller.current?.signal;
    const start = state.items.length;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listConsultations({ status, accessMode, language, limit: PAGE_SIZE, cursor: state.nextCursor }, signal);
      setState((s) => (s.phase === "ready" ? { phase: "ready", items: [...s.items, ...page.items], nextCursor: page.nextCursor } : s));
      return page.items.length ? start : null;
    } catch (err) {
      if (!isAbortError(err)) setMoreError(asApiError(err));
      return null;
    } finally {
      if (!signal?.aborted) setLoadingMore(false);
    }
  }, [state, loadingMore, status, accessMode, language]);

  return { state, loadingMore, moreError, loadMore, retry };
}
