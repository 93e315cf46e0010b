// What happened, as services record it: one typed payload per event type. Events carry ids and small
// facts, never content, so the log can be replayed to anyone: readers re-read the current state and
// re-check access (server/realtime/audience.ts decides who receives what).
export type QueueItemKind = "post" | "position" | "amendment";
export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled" | "expired";

export interface DomainEventPayloads {
  "post:created": { postId: string };
  "post:edited": { postId: string };
  "post:withdrawn": { postId: string };
  "post:approved": { postId: string };
  "post:hidden": { postId: string };
  "post:moved": { postId: string; fromThreadId: string };
  "endorsement:changed": { postId: string } | { positionId: string };
  "thread:created": { threadId: string };
  "thread:updated": { threadId: string };
  "position:published": { positionId: string };
  "position:hidden": { positionId: string };
  "queue:added": { kind: QueueItemKind; id: string };
  "queue:claimed": { kind: QueueItemKind; id: string; moderatorId: string; moderatorName: string };
  "queue:decided": { kind: QueueItemKind; id: string; action: string };
  "notification:created": { notificationId: string };
  "consultation:updated": { consultationId: string };
  /** A role changed, a member was removed, the access mode or status changed: sockets re-check. */
  "access:changed": { userId?: string };
  /** Every session and socket of the account ends (suspension, password change, …), but one if given. */
  "user:sessionsEnded": { userId: string; exceptSessionId?: string; reason: "suspended" | "password_changed" | "logged_out_everywhere" | "role_changed" | "membership_removed" | "two_factor_changed" | "account_deleted" };
  /** One session ended (logout). */
  "session:ended": { userId: string; sessionId: string };
  /** An export job was queued, progressed or ended: for its requester only (jobs are private). */
  "export:progressed": { jobId: string; userId: string; status: JobStatus; progress: number };
  /** An amendment to a draft text changed in any way (server/amendments). */
  "amendment:changed": { amendmentId: string };
}

export type DomainEventType = keyof DomainEventPayloads;

/** An event as a service records it. `consultationId` is GLOBAL for account-level events. */
export type DomainEvent = {
  [K in DomainEventType]: { type: K; consultationId: string; threadId?: string | null; payload: DomainEventPayloads[K] };
}[DomainEventType];

/** An event as read back from the log: its place in commit order, and when it was recorded. */
export type LoggedEvent = DomainEvent & { seq: number; createdAt: Date };

/** Consultation id for events that belong to no consultation (account-level ones). */
export const GLOBAL = "global";
