// The Socket.IO contract, shared by server and client: requests are `thing:verb` with an ack shaped
// `{ data } | { error }`; broadcasts are `thing:verbed`. The server validates every payload anyway.
import { z } from "zod";
import type { ErrorCode } from "./errors.ts";
import { LIMITS } from "./limits.ts";

export type Ack<T> = { data: T } | { error: { code: ErrorCode; message: string } };
export type AckFn<T> = (ack: Ack<T>) => void;

const zId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
/** The last event sequence number a client saw; replay sends everything after it (a PostgreSQL integer). */
const zSince = z.number().int().min(0).max(LIMITS.int4Max).optional();

export const zThreadJoin = z.object({ threadId: zId, since: zSince }).strict();
export const zConsultationJoin = z.object({ consultationId: zId, since: zSince }).strict();
export const zQueueJoin = z.object({ consultationId: zId, since: zSince }).strict();
export const zRoomLeave = z.object({ room: z.enum(["thread", "consultation", "queue"]), id: zId }).strict();
export const zNotificationsSync = z.object({ since: zSince }).strict();
export const zQueueClaim = z.object({ consultationId: zId, kind: z.enum(["post", "position"]), id: zId }).strict();

/** Client -> server requests. */
export const CLIENT_EVENTS = {
  "thread:join": zThreadJoin,
  "consultation:join": zConsultationJoin,
  "queue:join": zQueueJoin,
  "room:leave": zRoomLeave,
  "notifications:sync": zNotificationsSync,
  "queue:claim": zQueueClaim,
} as const;
export type ClientEventName = keyof typeof CLIENT_EVENTS;

export interface JoinResult {
  /** The newest event sequence number the client now has: pass it as `since` when rejoining. */
  seq: number;
  /** Events missed since `since`, in order, already filtered and shaped for this reader. */
  missed: ServerEvent[];
  /** True when more than one batch was missed: join again with `since: seq` for the rest. */
  more?: boolean;
  /** What was missed is no longer kept (away longer than the event log's retention): load afresh. */
  resync?: boolean;
  /** People viewing the thread right now (threads only). */
  viewers?: number;
}

/** Counts of endorsements, by the endorser's stakeholder category. */
export interface EndorsementTallyPayload {
  total: number;
  byCategory: Record<string, number>;
}

/** A post as broadcast: what the REST API presents, without the per-reader parts (abilities, own endorsement). */
export interface LivePost {
  id: string;
  seq: number;
  threadId: string;
  consultationId: string;
  parentId: string | null;
  depth: number;
  displayDepth: number;
  isOpening: boolean;
  replyType: string | null;
  quotedPostId: string | null;
  status: string;
  version: number;
  edited: boolean;
  editedAt: string | null;
  createdAt: string;
  bodyHtml: string | null;
  quarantined: boolean;
  bodySource?: string;
  category: string;
  author: { id: string; displayName: string } | null;
  onBehalfOf: { id: string; name: string } | null;
  endorsements: EndorsementTallyPayload;
}

export interface LiveThread {
  id: string;
  consultationId: string;
  questionId: string | null;
  /** Null for staff when the opening post was reported as illegal (the title is part of it). */
  title: string | null;
  quarantined?: boolean;
  status: string;
  pinned: boolean;
  slowModeSeconds: number;
  createdAt: string;
  /** Staff only: the opening post's status. */
  openingStatus?: string;
}

export interface LivePosition {
  id: string;
  questionId: string;
  category: string;
  stance: string;
  status: string;
  version: number;
  summary: string;
  endorsements: EndorsementTallyPayload;
  /** Null under the Chatham House rule for the public. */
  organisation: { id: string; name: string } | null;
}

/** A post left the reader's view (hidden, withdrawn, quarantined): only that it is gone, never its content. */
export interface PostRemoval {
  postId: string;
  threadId: string;
  quarantined?: boolean;
}

/** What each broadcast carries, besides its sequence number. */
export interface ServerEventPayloads {
  "post:created": { post: LivePost };
  "post:edited": { post: LivePost };
  "post:approved": { post: LivePost };
  "post:withdrawn": PostRemoval | { post: LivePost };
  "post:hidden": PostRemoval | { post: LivePost };
  /** To the old thread: { postId, fromThreadId, threadId }; to the new one: the post as it now stands. */
  "post:moved": { postId: string; fromThreadId: string; threadId: string | null } | { post: LivePost; fromThreadId: string };
  "endorsement:changed": { postId: string; endorsements: EndorsementTallyPayload } | { position: LivePosition };
  "thread:created": { thread: LiveThread };
  "thread:updated": { thread: LiveThread };
  "position:published": { position: LivePosition };
  "position:hidden": { positionId: string; quarantined?: boolean };
  "queue:added": { kind: "post" | "position" | "amendment"; id: string; threadId?: string; status?: string };
  "queue:claimed": { kind: "post" | "position"; id: string; moderatorId: string; moderatorName: string };
  "queue:decided": { kind: "post" | "position" | "amendment"; id: string; action: string };
  "presence:updated": { threadId: string; viewers: number };
  "notification:created": { notification: { id: string; kind: string; payload: unknown; read: boolean; createdAt: string } };
  "consultation:updated": { consultation: { id: string; status: string; accessMode: string; moderationMode: string } };
  "export:progressed": { jobId: string; consultationId: string; status: string; progress: number };
  /** Your access changed: rooms of this consultation were left; join again what you still want. */
  "rooms:reset": { consultationId: string };
  /** The server is stopping: reconnect (to another process, or to this one once it is back) and rejoin. */
  "server:restarting": { reason: "shutdown" };
  /** An amendment to a draft text was proposed, endorsed, decided on, answered or withdrawn. To the public
   * room: the amendment while it is public, else only its id with removed: true. */
  "amendment:changed": { amendment: Record<string, unknown> & { id: string; documentId: string; eId: string } } | { amendmentId: string; removed: true };
}

export type ServerEventName = keyof ServerEventPayloads;
export const SERVER_EVENTS = [
  "post:created",
  "post:edited",
  "post:withdrawn",
  "post:approved",
  "post:hidden",
  "post:moved",
  "endorsement:changed",
  "thread:created",
  "thread:updated",
  "position:published",
  "position:hidden",
  "queue:added",
  "queue:claimed",
  "queue:decided",
  "presence:updated",
  "notification:created",
  "consultation:updated",
  "export:progressed",
  "rooms:reset",
  "server:restarting",
  "amendment:changed",
] as const satisfies readonly ServerEventName[];

/** Every broadcast carries its sequence number in the event log (0 for ones not logged, like presence). */
export type BroadcastOf<K extends ServerEventName> = { seq: number } & ServerEventPayloads[K];
/** Any broadcast, for code that handles several names at once. */
export type Broadcast = { seq: number } & Record<string, unknown>;

/** A broadcast as it travels in a replay: the event name, its sequence number in the log, and its payload. */
export type ServerEvent = { [K in ServerEventName]: { name: K; seq: number; payload: ServerEventPayloads[K] } }[ServerEventName];

export type ServerToClientEvents = { [K in ServerEventName]: (payload: BroadcastOf<K>) => void };

export interface ClientToServerEvents {
  "thread:join": (payload: z.input<typeof zThreadJoin>, ack: AckFn<JoinResult>) => void;
  "consultation:join": (payload: z.input<typeof zConsultationJoin>, ack: AckFn<JoinResult>) => void;
  "queue:join": (payload: z.input<typeof zQueueJoin>, ack: AckFn<JoinResult>) => void;
  "room:leave": (payload: z.input<typeof zRoomLeave>, ack: AckFn<{ left: true }>) => void;
  "notifications:sync": (payload: z.input<typeof zNotificationsSync>, ack: AckFn<{ unread: number }>) => void;
  /** A moderator takes a queue item, so colleagues see it is being handled (a hint, not a lock). */
  "queue:claim": (payload: z.input<typeof zQueueClaim>, ack: AckFn<{ claimed: true }>) => void;
}

/** Largest socket message we accept: joins and leaves are tiny; nothing is written over the socket. */
export const SOCKET_MAX_BYTES = 16 * 1024;
