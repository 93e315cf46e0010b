// Adapters from a query's result to the states pages and ListState show. Data already shown stays while
// the query refetches (a quiet reload) and when that refetch fails; "loading" is only for no data yet.
import { useCallback, useMemo, useRef } from "react";
import type { InfiniteData, UseInfiniteQueryResult, UseQueryResult } from "@tanstack/react-query";
import { asApiError, type ApiError } from "../../api/client.ts";

export type Resource<T> = { phase: "loading" } | { phase: "error"; error: ApiError } | { phase: "ready"; data: T };

export function resourceOf<T>(query: UseQueryResult<T>): Resource<T> {
  if (query.data !== undefined) return { phase: "ready", data: query.data };
  // "Try again" refetches an errored query: show that it is loading again.
  if (query.isError && !query.isFetching) return { phase: "error", error: asApiError(query.error) };
  return { phase: "loading" };
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type CursorListState<T, P extends CursorPage<T> = CursorPage<T>> =
  | { phase: "loading" }
  | { phase: "error"; error: ApiError }
  | ({ phase: "ready" } & P);

/** The options every cursor-paged list shares: the first page has no cursor, the next one the last page's. */
export function cursorPaging<P extends CursorPage<unknown>>() {
  return {
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: P): string | undefined => last.nextCursor ?? undefined,
  };
}

/**
 * A paged list as one state: the items of every page loaded, and whatever else a page carries (counts)
 * from the latest one; `loadMore` resolves to the number of items it added (0 when none), for focus.
 * The state keeps its identity between renders while the data does, so effects can depend on it.
 */
export function useCursorListState<T, P extends CursorPage<T>>(query: UseInfiniteQueryResult<InfiniteData<P>>) {
  const { data, isError, isFetching, error, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;
  const pages = data?.pages;
  const failed = isError && !isFetching && !(pages && pages.length > 0);
  const state = useMemo((): CursorListState<T, P> => {
    if (pages && pages.length > 0) return { ...pages[pages.length - 1]!, phase: "ready", items: pages.flatMap((p) => p.items) };
    if (failed) return { phase: "error", error: asApiError(error) };
    return { phase: "loading" };
  }, [pages, failed, error]);
  const current = useRef({ hasNextPage, isFetchingNextPage, count: pages?.length ?? 0 });
  current.current = { hasNextPage, isFetchingNextPage, count: pages?.length ?? 0 };
  const loadMore = useCallback(async (): Promise<number> => {
    // One page at a time: a second click before the first answer would fetch the same cursor.
    const { hasNextPage: more, isFetchingNextPage: busy, count } = current.current;
    if (!more || busy) return 0;
    current.current.isFetchingNextPage = true;
    const result = await fetchNextPage({ cancelRefetch: false });
    const after = result.data?.pages;
    if (result.isFetchNextPageError || !after || after.length <= count) return 0;
    return after[after.length - 1]!.items.length;
  }, [fetchNextPage]);
  return {
    state,
    loadingMore: isFetchingNextPage,
    moreError: isFetchNextPageError ? asApiError(error) : null,
    loadMore,
  };
}

/**
 * Applies `fn` to the items of a cached paged list as if they were one array (filter, map, append), and
 * puts them back into their pages: an item stays in the page it came from, new ones go to the last page.
 */
export function mapPagedItems<T extends { id: string }, P extends CursorPage<T>>(
  data: InfiniteData<P> | undefined,
  fn: (items: T[]) => T[],
): InfiniteData<P> | undefined {
  if (!data || data.pages.length === 0) return data;
  const before = data.pages.flatMap((p) => p.items);
  const after = fn(before);
  if (after === before) return data;
  const next = new Map(after.map((i) => [i.id, i]));
  const placed = new Set<string>();
  const lastIndex = data.pages.length - 1;
  const pages = data.pages.map((page, index) => {
    if (index === lastIndex) return { ...page, items: after.filter((i) => !placed.has(i.id)) };
    const items = page.items.filter((i) => next.has(i.id)).map((i) => next.get(i.id)!);
    for (const i of items) placed.add(i.id);
    return { ...page, items };
  });
  return { ...data, pages };
}
