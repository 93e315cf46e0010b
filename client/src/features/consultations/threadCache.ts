// Live thread changes applied to the cached thread lists of a consultation, so a lock, an archive or a new
// title shows at once without asking the server again. What the broadcast cannot settle (a new thread, a
// pin that moves it, a change of question, a thread the list does not hold) needs a refetch: the lists
// carry the viewer's abilities and their order, which only the server knows.
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { LiveThread } from "../../../../shared/events.ts";
import type { ThreadSummary } from "../../api/threads.ts";
import { keys } from "../../lib/query/keys.ts";
import { mapPagedItems, type CursorPage } from "../../lib/query/state.ts";

type ThreadPages = InfiniteData<CursorPage<ThreadSummary>>;

const STATUSES: readonly string[] = ["open", "locked", "archived"] satisfies ThreadSummary["status"][];

/** Patches the cached lists; false when the change also needs a refetch to be shown right. */
export function applyThreadUpdate(queryClient: QueryClient, live: LiveThread): boolean {
  if (live.title === null || live.quarantined || !STATUSES.includes(live.status)) return false;
  let held = false;
  let settled = true;
  for (const [key, data] of queryClient.getQueriesData<ThreadPages>({ queryKey: keys.allThreads(live.consultationId) })) {
    const cached = data?.pages.flatMap((p) => p.items).find((t) => t.id === live.id);
    if (!cached) continue;
    held = true;
    if (cached.pinned !== live.pinned || cached.questionId !== live.questionId) {
      settled = false;
      continue;
    }
    const next: ThreadSummary = { ...cached, title: live.title, status: live.status as ThreadSummary["status"] };
    queryClient.setQueryData<ThreadPages>(key, (d) => mapPagedItems(d, (items: ThreadSummary[]) => items.map((t) => (t.id === live.id ? next : t))));
  }
  return held && settled;
}
