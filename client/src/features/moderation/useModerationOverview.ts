// How many items wait for this staff member across their consultations (GET /api/moderation/overview):
// asked on every navigation and when the window regains focus, and again when a queue event arrives
// on the socket (the queue page's room), so the header's count follows the work being done.
import { useEffect, useRef } from "react";
import { useLocation } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "../../api/client.ts";
import { keys } from "../../lib/query/keys.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { useRealtime } from "../../realtime/RealtimeContext.tsx";

export interface ModerationOverview {
  total: number;
  consultations: { id: string; slug: string; title: string; waiting: number }[];
}

export function getModerationOverview(signal?: AbortSignal): Promise<ModerationOverview> {
  return request<ModerationOverview>("GET", "/moderation/overview", { signal });
}

/** The overview as a query (shared by the header and /moderation); `enabled` for staff only. */
export function useModerationOverviewQuery(enabled: boolean) {
  const viewerKey = useViewerKey();
  return useQuery({
    queryKey: keys.moderationOverview(viewerKey),
    queryFn: ({ signal }) => getModerationOverview(signal),
    enabled: enabled && viewerKey !== null,
  });
}

export function useModerationOverview(enabled: boolean): ModerationOverview | null {
  const location = useLocation();
  const { socket } = useRealtime();
  const queryClient = useQueryClient();
  const viewerKey = useViewerKey();
  const query = useModerationOverviewQuery(enabled);
  useEffect(() => {
    if (!enabled) return;
    const bump = () => void queryClient.invalidateQueries({ queryKey: keys.moderationOverview(viewerKey) });
    // The window's focus, not only the tab's visibility (the library's own focus refetch): coming back
    // from another application counts too.
    window.addEventListener("focus", bump);
    socket.on("queue:added", bump);
    socket.on("queue:decided", bump);
    return () => {
      window.removeEventListener("focus", bump);
      socket.off("queue:added", bump);
      socket.off("queue:decided", bump);
    };
  }, [enabled, socket, queryClient, viewerKey]);
  // Every navigation asks again (the first render's fetch is the query's own).
  const { refetch } = query;
  const shownAt = useRef(location.pathname);
  useEffect(() => {
    if (shownAt.current === location.pathname) return;
    shownAt.current = location.pathname;
    if (enabled) void refetch();
  }, [enabled, location.pathname, refetch]);
  return enabled ? (query.data ?? null) : null;
}
