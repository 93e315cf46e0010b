// In-app notifications (the bell): stored by the server, so they outlive a reload.
// Types follow server/notifications/service.ts; payloads are built by the server for the recipient.
import type { ReasonCode } from "../../../shared/schemas/moderation.ts";
import { request } from "./client.ts";

export type NotificationKind = "reply" | "decision" | "appeal_outcome" | "consultation_opened" | "consultation_closed" | "text_changed";

/** What a notification is about: a message key and its parameters (server/notifications/about.ts). */
export interface NotificationAbout {
  key: "reply" | "post" | "position" | "thread" | "account" | "amendment" | "participation" | "organisation" | "consultation" | "other";
  params: Record<string, string | number>;
}

export interface NotificationPayload {
  about?: NotificationAbout;
  consultationId?: string;
  threadId?: string;
  postId?: string;
  positionId?: string;
  amendmentId?: string;
  decisionId?: string;
  appealId?: string;
  action?: string;
  automated?: boolean;
  reasonCode?: ReasonCode | null;
  statement?: string | null;
  outcome?: "upheld" | "overturned";
  /** text_changed: the text, its new version, and the changed units one wrote about, as printed. */
  documentId?: string;
  title?: string;
  version?: number;
  units?: { eId: string; label: string }[];
  more?: number;
}

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  payload: NotificationPayload;
  read: boolean;
  createdAt: string;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unread: number;
}

export function listNotifications(query: { cursor?: string; limit?: number }, signal?: AbortSignal): Promise<NotificationPage> {
  return request<NotificationPage>("GET", "/notifications", { query, signal });
}

/** Marks every notification read (or only `ids`). */
export function markNotificationsRead(ids?: string[]): Promise<void> {
  return request<void>("POST", "/notifications/read", { body: ids ? { ids } : {} });
}
