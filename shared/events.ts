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
  /** People viewing the thread right now (threads only). */
  viewers?: number;
}

/** A broadcast as it travels: the event name, the sequence number it has in the log, and its payload. */
export interface ServerEvent {
  name: ServerEventName;
  seq: number;
  payload: Record<string, unknown>;
}

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
  /** Your access changed: rooms of this consultation were left; join again what you still want. */
  "rooms:reset",
] as const;
export type ServerEventName = (typeof SERVER_EVENTS)[number];

/** Every broadcast carries its sequence number in the event log (0 for ones not logged, like presence). */
export type Broadcast = { seq: number } & Record<string, unknown>;
export type ServerToClientEvents = { [K in ServerEventName]: (payload: Broadcast) => void };

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
