// Socket request handlers: join and leave rooms, decided by the same policies and loaders as REST.
// Each returns the ack data or throws an AppError; joins replay what the client missed since `since`.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { loadReadableThread } from "../threads/access.ts";
import type { Ack, JoinResult } from "../../shared/events.ts";
import { zConsultationJoin, zNotificationsSync, zQueueClaim, zQueueJoin, zRoomLeave, zThreadJoin } from "../../shared/events.ts";
import { recordEventNow } from "../events/record.ts";
import { rooms } from "./rooms.ts";
import type { Dispatcher } from "./dispatcher.ts";
import { replayFor, type Replay, type ReplayFilter } from "./replay.ts";
import type { AppSocket } from "./types.ts";

export interface SocketData {
  userId: string | null;
  isAdmin: boolean;
  sessionId: string | null;
  /** The last event delivered when the socket connected: its user room heard everything after it live. */
  connectedAtSeq: number;
  /** Rooms joined through handlers: their consultation (what to leave when access changes) and the
   *  last event delivered when they were joined (everything after it reached the socket live). */
  joined: Record<string, { consultationId: string; seq: number }>;
}

export interface HandlerContext {
  prisma: PrismaClient;
  socket: AppSocket;
  actor: Actor | null;
  dispatcher: Dispatcher;
  /** Sends the ack now. Joins answer from inside their last synchronous step (see joinWithReplay). */
  reply(ack: Ack<unknown>): void;
  /** Counts distinct viewers of a thread across every process. */
  countViewers(threadId: string): Promise<number>;
  /** Announces the thread's viewer count soon (coalesced). */
  announcePresence(threadId: string): void;
}

/** Returned by a handler that has already replied. */
export const REPLIED = Symbol("replied");

/**
 * Joins rooms with a replay of what the client missed, so that each event reaches the socket exactly
 * once and in order: events up to the dispatcher's `delivered()` come in the ack, later ones live.
 * The check that nothing was delivered meanwhile, the join and the ack happen in one synchronous step
 * (no await between them), so no live event can fall between the replay and the join, nor overtake
 * the ack on the wire. A replay cut short at its limit joins nothing yet: the client asks again.
 */
async function joinWithReplay(
  ctx: HandlerContext,
  join: { consultationId: string; rooms: string[]; filter: ReplayFilter; since: number | undefined; extra?: Partial<JoinResult> },
): Promise<typeof REPLIED> {
  const { socket, dispatcher } = ctx;
  // A client that saw newer events (from another process) waits for this process to deliver them.
  if (join.since !== undefined && join.since > dispatcher.delivered()) await dispatcher.reached(join.since, 5_000);
  const result: Replay = join.since === undefined ? { missed: [], seq: dispatcher.delivered() } : await replayFor(ctx, join.rooms, join.filter, join.since);
  for (;;) {
    if (!result.more && !result.resync && dispatcher.delivered() > result.seq) {
      // Events were delivered while we read: replay those too, then check again.
      const next = await replayFor(ctx, join.rooms, join.filter, result.seq, result.missed.length);
      result.missed.push(...next.missed);
      Object.assign(result, { seq: next.seq, more: next.more, resync: next.resync });
      continue;
    }
    // --- from here to the reply, nothing awaits ---
    // A resync replays nothing: the client reloads after this ack, so it is caught up to now, whatever
    // was delivered while the watermark was read (its rooms must not count those as heard live).
    if (result.resync) result.seq = dispatcher.delivered();
    if (!result.more) {
      socket.join(join.rooms);
      for (const room of join.rooms) socket.data.joined[room] ??= { consultationId: join.consultationId, seq: result.seq };
    }
    ctx.reply({ data: { ...result, ...join.extra } satisfies JoinResult });
    return REPLIED;
  }
}

export const handlers = new Map<string, (ctx: HandlerContext, payload: unknown) => Promise<unknown>>([
  [
    "thread:join",
    async (ctx, raw) => {
      const { threadId, since } = zThreadJoin.parse(raw);
      // Same loader as GET /api/threads/:id: unreadable and missing threads are the same 404.
      const { thread, consultation, viewer } = await loadReadableThread(ctx.prisma, ctx.actor, threadId, { removedAuthorReads: true });
      const view = consultationPolicy.moderate(viewer, consultation) ? "staff" : "public";
      // Presence first (it hears only presence counts, which are not logged): the count includes this reader.
      const presence = rooms.threadPresence(thread.id);
      ctx.socket.join(presence);
      ctx.socket.data.joined[presence] ??= { consultationId: consultation.id, seq: ctx.dispatcher.delivered() };
      ctx.announcePresence(thread.id);
      const viewers = await ctx.countViewers(thread.id);
      return joinWithReplay(ctx, { consultationId: consultation.id, rooms: [rooms.thread(thread.id, view), rooms.tracking(consultation.id)], filter: { threadId: thread.id }, since, extra: { viewers } });
    },
  ],
  [
    "consultation:join",
    async (ctx, raw) => {
      const { consultationId, since } = zConsultationJoin.parse(raw);
      const { consultation, viewer } = await loadReadableConsultation(ctx.prisma, ctx.actor, consultationId);
      const view = consultationPolicy.moderate(viewer, consultation) ? "staff" : "public";
      const names = [rooms.consultation(consultation.id, view), rooms.tracking(consultation.id)];
      return joinWithReplay(ctx, { consultationId: consultation.id, rooms: names, filter: { consultationId: consultation.id, types: CONSULTATION_EVENT_TYPES }, since });
    },
  ],
  [
    "queue:join",
    async (ctx, raw) => {
      const { consultationId, since } = zQueueJoin.parse(raw);
      const { consultation, viewer } = await loadReadableConsultation(ctx.prisma, ctx.actor, consultationId);
      if (!consultationPolicy.moderate(viewer, consultation)) throw errors.forbidden("Only moderators and organisers follow the moderation queue.");
      const names = [rooms.queue(consultation.id), rooms.tracking(consultation.id)];
      return joinWithReplay(ctx, { consultationId: consultation.id, rooms: names, filter: { consultationId: consultation.id }, since });
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
        ctx.socket.leave(name);
        delete ctx.socket.data.joined[name];
      }
      if (room === "thread") ctx.announcePresence(id);
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
      await recordEventNow(ctx.prisma, { consultationId: consultation.id, type: "queue:claimed", payload: { kind, id, moderatorId: ctx.actor.id, moderatorName: me.displayName } });
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

/** What a consultation room hears (thread rooms hear the post-level events). */
const CONSULTATION_EVENT_TYPES = ["thread:created", "thread:updated", "position:published", "position:hidden", "endorsement:changed", "consultation:updated", "amendment:changed"];
