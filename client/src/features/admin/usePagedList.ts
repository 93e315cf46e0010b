// A cursor-paged list for the consoles, on TanStack Query: the first page for the filter, the next on
// "Show more", a quiet reload after an action (the items shown stay meanwhile), and the shape ListState
// takes. `name` tells the lists apart in the cache; the filter and the viewer complete the key.
import { useCallback } from "react";
import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { asApiError } from "../../api/client.ts";
import { keys } from "../../lib/query/keys.ts";
import { cursorPaging, type CursorPage } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";

export function usePagedList<T, F>(name: string, filter: F, load: (filter: F, cursor: string | undefined, signal?: AbortSignal) => Promise<CursorPage<T>>) {
  const queryClient = useQueryClient();
  const viewerKey = useViewerKey();
  const queryKey = keys.consoleList(name, filter, viewerKey);
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => load(filter, pageParam, signal),
    ...cursorPaging<CursorPage<T>>(),
    enabled: viewerKey !== null,
  });
  const { data, isError, isFetching, error, hasNextPage, fetchNextPage, refetch } = query;
  const pages = data?.pages;
  const items = pages?.flatMap((p) => p.items) ?? [];
  const phase: "loading" | "ready" | "error" = pages ? "ready" : isError && !isFetching ? "error" : "loading";
  const loadMore = useCallback(() => fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);
  const reload = useCallback(() => void refetch(), [refetch]);
  const hash = JSON.stringify(queryKey);
  const replace = useCallback(
    (fn: (item: T) => T) =>
      queryClient.setQueryData<InfiniteData<CursorPage<T>>>(JSON.parse(hash) as unknown[], (d) => d && { ...d, pages: d.pages.map((p) => ({ ...p, items: p.items.map(fn) })) }),
    [queryClient, hash],
  );
  // A failed "Show more" keeps the items and says so beside them.
  const message = isError && (phase === "error" || query.isFetchNextPageError) ? asApiError(error).message : null;
  return { items, phase, error: message, hasMore: Boolean(hasNextPage), loadMore, reload, replace };
}
