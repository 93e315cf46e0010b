// Replies in the same thread are one entry ("3 replies in 'Detection orders'"), placed where the newest
// of them is; every other notification stands alone. Pure, so it is tested without a browser.
import type { AppNotification } from "../../api/notifications.ts";

export interface ReplyContext {
  actor: { id: string; displayName: string } | null;
  threadTitle: string | null;
  consultationTitle: string | null;
  excerpt: string | null;
}
export type NotificationWithContext = AppNotification & { context?: ReplyContext | null };

export type NotificationEntry =
  | { kind: "single"; key: string; notification: NotificationWithContext }
  | { kind: "replies"; key: string; threadId: string; threadTitle: string | null; replies: NotificationWithContext[]; unread: boolean };

export function groupNotifications(items: NotificationWithContext[]): NotificationEntry[] {
  const entries: NotificationEntry[] = [];
  const groups = new Map<string, Extract<NotificationEntry, { kind: "replies" }>>();
  for (const n of items) {
    const threadId = n.kind === "reply" ? n.payload.threadId : undefined;
    if (!threadId) {
      entries.push({ kind: "single", key: n.id, notification: n });
      continue;
    }
    let group = groups.get(threadId);
    if (!group) {
      group = { kind: "replies", key: `thread-${threadId}`, threadId, threadTitle: n.context?.threadTitle ?? null, replies: [], unread: false };
      groups.set(threadId, group);
      entries.push(group);
    }
    group.replies.push(n);
    group.unread ||= !n.read;
  }
  return entries;
}
