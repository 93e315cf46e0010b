// A list paged by an opaque cursor: the first page, "load more", a quiet reload, in-place updates.
// Whatever else a page carries (e.g. counts) is kept from the latest page loaded.
import { useCallback, useEffect, useRef, useState } from "react";
import { asApiError, isAbortError, type ApiError } from "../api/client.ts";

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type ListState<T, P extends CursorPage<T>> = { phase: "loading" } | { phase: "error"; error: ApiError } | ({ phase: "ready" } & P);

/** `key` names what to list (filters, viewer): a change loads the first page afresh; null waits. */
export function useCursorList<T, P extends CursorPage<T> = CursorPage<T>>(
  key: string | null,
  loadPage: (cursor: string | undefined, signal: AbortSignal) => Promise<P>,
) {
  const [state, setState] = useState<ListState<T, P>>({ phase: "loading" });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const controller = useRef<AbortController | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const moreInFlight = useRef(false);
  /** The cursor of the last page appended: not fetched twice, even before the next render. */
  const consumed = useRef<string | null>(null);

  const loadFirst = useCallback((quiet: boolean) => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    if (!quiet) setState({ phase: "loading" });
    consumed.current = null;
    setLoadingMore(false);
    setMoreError(null);
    return loadRef.current(undefined, c.signal).then(
      (page) => {
        if (!c.signal.aborted) setState({ phase: "ready", ...page });
      },
      (err: unknown) => {
        if (isAbortError(err) || c.signal.aborted) return;
        setState((s) => (quiet && s.phase === "ready" ? s : { phase: "error", error: asApiError(err) }));
      },
    );
  }, []);

  useEffect(() => {
    if (key === null) return;
    void loadFirst(false);
    return () => controller.current?.abort();
  }, [key, loadFirst]);

  /** Appends the next page; resolves to the number of items added (0 when nothing was). */
  const loadMore = useCallback(async (): Promise<number> => {
    const s = stateRef.current;
    // One page at a time: a second call before the first has rendered would fetch the same cursor.
    if (s.phase !== "ready" || !s.nextCursor || moreInFlight.current || s.nextCursor === consumed.current) return 0;
    moreInFlight.current = true;
    const signal = controller.current?.signal ?? new AbortController().signal;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await loadRef.current(s.nextCursor, signal);
      if (signal.aborted) return 0;
      consumed.current = s.nextCursor;
      setState((cur) => (cur.phase === "ready" ? { ...cur, ...page, phase: "ready", items: [...cur.items, ...page.items] } : cur));
      return page.items.length;
    } catch (err) {
      if (!isAbortError(err)) setMoreError(asApiError(err));
      return 0;
    } finally {
      moreInFlight.current = false;
      if (!signal.aborted) setLoadingMore(false);
    }
  }, []);

  const reload = useCallback((quiet = true) => loadFirst(quiet), [loadFirst]);

  /** Changes the loaded items in place (after an action whose response carries the new state). */
  const updateItems = useCallback((fn: (items: T[]) => T[]) => {
    setState((s) => (s.phase === "ready" ? { ...s, items: fn(s.items) } : s));
  }, []);

  return { state, loadingMore, moreError, loadMore, reload, updateItems };
}
