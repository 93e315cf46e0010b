// Socket request handlers: join and leave rooms, decided by the same policies and loaders as REST.
// Each returns the ack data or throws an AppError; joins replay what the client missed since `since`.
import type { Socket } from "socket.io";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { loadReadableThread } from "../threads/access.ts";
import type { JoinResult, ServerEvent } from "../../shared/events.ts";
import { zConsultationJoin, zNotificationsSync, zQueueClaim, zQueueJoin, zRoomLeave, zThreadJoin } from "../../shared/events.ts";
import { recordEvent } from "./outbox.ts";
import { deliveriesFor } from "./audience.ts";
import { rooms } from "./rooms.ts";

export interface SocketData {
  userId: string | null;
  isAdmin: boolean;
  sessionId: string | null;
  /** Rooms joined through handlers, with their consultation: what to leave when access changes. */
  joined: Record<string, string>;
}

export interface HandlerContext {
  prisma: PrismaClient;
  socket: Socket;
  actor: Actor | null;
  /** Counts distinct viewers of a thread across every process. */
  countViewers(threadId: string): Promise<number>;
  announcePresence(threadId: string): Promise<void>;
}

async function joinRooms(ctx: HandlerContext, consultationId: string, names: string[]) {
  await ctx.socket.join(names);
  for (const name of names) (ctx.socket.data as SocketData).joined[name] = consultationId;
}

const REPLAY_LIMIT = 1_000;
/** What a consultation room hears (thread rooms hear the post-level events). */
const CONSULTATION_EVENT_TYPES = ["thread:created", "thread:updated", "position:published", "position:hidden", "endorsement:changed", "consultation:updated"];

/** Events after `since` that concern these rooms, shaped for the rooms this socket is now in. */
async function replay(ctx: HandlerContext, where: { threadId?: string; consultationId?: string; type?: { in: string[] } }, since: number | undefined): Promise<{ seq: number; missed: ServerEvent[]; more?: boolean }> {
  const newest = await ctx.prisma.realtimeEvent.findFirst({ where, orderBy: { seq: "desc" }, select: { seq: true } });
  const seq = newest?.seq ?? since ?? 0;
  if (since === undefined) return { seq, missed: [] };
  const events = await ctx.prisma.realtimeEvent.findMany({ where: { ...where, seq: { gt: since } }, orderBy: { seq: "asc" }, take: REPLAY_LIMIT });
  const missed: ServerEvent[] = [];
  for (const event of events) {
    for (const d of await deliveriesFor(ctx.prisma, event)) {
      if (ctx.socket.rooms.has(d.room)) missed.push({ name: d.name, seq: event.seq, payload: d.payload });
    }
  }
  return { seq: events.at(-1)?.seq ?? seq, missed, more: events.length === REPLAY_LIMIT };
}

export const handlers = new Map<string, (ctx: HandlerContext, payload: unknown) => Promise<unknown>>([
  [
    "thread:join",
    async (ctx, raw): Promise<JoinResult> => {
      const { threadId, since } = zThreadJoin.parse(raw);
      // Same loader as GET /api/threads/:id: unreadable and missing threads are the same 404.
      const { thread, consultation, viewer } = await loadReadableThread(ctx.prisma, ctx.actor, threadId);
      const view = consultationPolicy.moderate(viewer, consultation) ? "staff" : "public";
      await joinRooms(ctx, consultation.id, [rooms.threadPresence(thread.id), rooms.thread(thread.id, view), rooms.tracking(consultation.id)]);
      const result = await replay(ctx, { threadId: thread.id }, since);
      await ctx.announcePresence(thread.id);
      return { ...result, viewers: await ctx.countViewers(thread.id) };
    },
  ],
  [
    "consultation:join",
    async (ctx, raw): Promise<JoinResult> => {
      const { consultationId, since } = zConsultationJoin.parse(raw);
      const { consultation, viewer } = await loadReadableConsultation(ctx.prisma, ctx.actor, consultationId);
      const view = consultationPolicy.moderate(viewer, consultation) ? "staff" : "public";
      await joinRooms(ctx, consultation.id, [rooms.consultation(consultation.id, view), rooms.tracking(consultation.id)]);
      return replay(ctx, { consultationId: consultation.id, type: { in: CONSULTATION_EVENT_TYPES } }, since);
    },
  ],
  [
    "queue:join",
    async (ctx, raw): Promise<JoinResult> => {
      const { consultationId, since } = zQueueJoin.parse(raw);
      const { consultation, viewer } = await loadReadableConsultation(ctx.prisma, ctx.actor, consultationId);
      if (!consultationPolicy.moderate(viewer, consultation)) throw errors.forbidden("Only moderators and organisers follow the moderation queue.");
      await joinRooms(ctx, consultation.id, [rooms.queue(consultation.id), rooms.tracking(consultation.id)]);
      return replay(ctx, { consultationId: consultation.id }, since);
    },
  ],
  [
    "room:leave",
    async (ctx, raw) => {
      const { room, id } = zRoomLeave.parse(raw);
      const names =
        room === "thread" ? [rooms.threadPresence(id), rooms.thread(id, "public"), rooms.thread(id, "staff")] :
        room === "consultation" ? [rooms.consultation(id, "public"), rooms.consultation(id, "staff")] :
        [rooms.queue(id)];
      for (const name of names) {
        await ctx.socket.leave(name);
        delete (ctx.socket.data as SocketData).joined[name];
      }
      if (room === "thread") await ctx.announcePresence(id);
      return { left: true };
    },
  ],
  [
    "queue:claim",
    async (ctx, raw) => {
      const { consultationId, kind, id } = zQueueClaim.parse(raw);
      const { consultation, viewer } = await loadReadableConsultation(ctx.prisma, ctx.actor, consultationId);
      if (!consultationPolicy.moderate(viewer, consultation) || !ctx.actor) throw errors.forbidden("Only moderators and organisers claim queue items.");
      const item = kind === "post"
        ? await ctx.prisma.post.findUnique({ where: { id }, select: { consultationId: true } })
        : await ctx.prisma.position.findUnique({ where: { id }, select: { consultationId: true } });
      if (!item || item.consultationId !== consultation.id) throw errors.notFound("Queue item");
      const me = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { displayName: true } });
      await recordEvent(ctx.prisma, { consultationId: consultation.id, type: "queue:claimed", payload: { kind, id, moderatorId: ctx.actor.id, moderatorName: me.displayName } });
      return { claimed: true };
    },
  ],
  [
    "notifications:sync",
    async (ctx, raw) => {
      zNotificationsSync.parse(raw);
      if (!ctx.actor) throw errors.unauthenticated();
      return { unread: await ctx.prisma.notification.count({ where: { userId: ctx.actor.id, readAt: null } }) };
    },
  ],
]);
