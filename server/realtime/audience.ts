// Who receives what: turns a logged event into deliveries (room, event name, payload), reading the
// CURRENT state of the thing it names and applying the same visibility rules as REST. Used both for
// live dispatch and for replay to a reconnecting client, so the two cannot disagree.
import type { PrismaClient } from "../db/index.ts";
import type { Consultation, RealtimeEvent } from "../db/generated/client.ts";
import type { ServerEventName } from "../../shared/events.ts";
import { type Viewer } from "../consultations/policy.ts";
import { POST_INCLUDE, presentPost, type PostRow } from "../posts/present.ts";
import { tallyEndorsements } from "../posts/endorsements.ts";
import { rooms, type View } from "./rooms.ts";

export interface Delivery {
  room: string;
  name: ServerEventName;
  payload: Record<string, unknown>;
}

// Neutral readers for the two views: broadcasts carry no per-reader abilities.
const VIEWERS: Record<View, Viewer> = {
  public: { userId: null, isAdmin: false, role: "observer" },
  staff: { userId: null, isAdmin: false, role: "moderator" },
};

function postView(post: PostRow, c: Consultation, viewer: Viewer, endorsements?: { total: number; byCategory: Record<string, number> }) {
  const { abilities: _a, viewerEndorsed: _v, ...rest } = presentPost(post, viewer, c, { endorsements });
  return rest;
}

const isPublic = (p: { status: string; quarantined: boolean }) => p.status === "published" && !p.quarantined;

async function postDeliveries(prisma: PrismaClient, name: ServerEventName, postId: string, extra: Record<string, unknown> = {}): Promise<Delivery[]> {
  const post = await prisma.post.findUnique({ where: { id: postId }, include: { ...POST_INCLUDE, consultation: true, thread: { include: { posts: { where: { isOpening: true }, select: { status: true } } } } } });
  if (!post) return [];
  const c = post.consultation;
  const tally = (await tallyEndorsements(prisma, "postId", [post.id])).get(post.id);
  const threadPublic = post.thread.posts[0]?.status === "published";
  const out: Delivery[] = [];
  const removal = { postId: post.id, threadId: post.threadId, ...extra };
  if (isPublic(post) && threadPublic) {
    for (const view of ["public", "staff"] as const) {
      out.push({ room: rooms.thread(post.threadId, view), name, payload: { post: postView(post, c, VIEWERS[view], tally), ...extra } });
    }
  } else {
    // Not public (any more): the public view only learns that it is gone, never its content.
    if (name !== "post:created") out.push({ room: rooms.thread(post.threadId, "public"), name: post.status === "withdrawn" ? "post:withdrawn" : "post:hidden", payload: removal });
    if (!post.quarantined) {
      out.push({ room: rooms.thread(post.threadId, "staff"), name, payload: { post: postView(post, c, VIEWERS.staff, tally), ...extra } });
    } else {
      out.push({ room: rooms.thread(post.threadId, "staff"), name: "post:hidden", payload: { ...removal, quarantined: true } });
    }
  }
  if (post.status === "pending") {
    // A held post reaches its author and the consultation's moderators, nobody else.
    const authorView: Viewer = { userId: post.authorId, isAdmin: false, role: "participant" };
    out.push({ room: rooms.user(post.authorId), name, payload: { post: postView(post, c, authorView, tally) } });
    out.push({ room: rooms.queue(c.id), name: "queue:added", payload: { kind: "post", id: post.id, threadId: post.threadId, status: post.status } });
  }
  return out;
}

async function positionDeliveries(prisma: PrismaClient, positionId: string): Promise<Delivery[]> {
  const p = await prisma.position.findUnique({ where: { id: positionId }, include: { consultation: true, organisation: { select: { id: true, name: true } } } });
  if (!p) return [];
  const tally = (await tallyEndorsements(prisma, "positionId", [p.id])).get(p.id) ?? { total: 0, byCategory: {} };
  const base = { id: p.id, questionId: p.questionId, category: p.category, stance: p.stance, status: p.status, version: p.version, endorsements: tally };
  const chatham = p.consultation.accessMode === "chatham_house";
  const withOrg = { ...base, summary: p.summary, organisation: { id: p.organisation.id, name: p.organisation.name } };
  const out: Delivery[] = [];
  if (isPublic(p)) {
    out.push({ room: rooms.consultation(p.consultationId, "public"), name: "position:published", payload: { position: chatham ? { ...base, summary: p.summary, organisation: null } : withOrg } });
    out.push({ room: rooms.consultation(p.consultationId, "staff"), name: "position:published", payload: { position: withOrg } });
  } else {
    out.push({ room: rooms.consultation(p.consultationId, "public"), name: "position:hidden", payload: { positionId: p.id } });
    out.push({ room: rooms.consultation(p.consultationId, "staff"), name: p.quarantined ? "position:hidden" : "position:published", payload: p.quarantined ? { positionId: p.id, quarantined: true } : { position: withOrg } });
  }
  if (p.status === "pending") out.push({ room: rooms.queue(p.consultationId), name: "queue:added", payload: { kind: "position", id: p.id, status: p.status } });
  return out;
}

export async function deliveriesFor(prisma: PrismaClient, event: RealtimeEvent): Promise<Delivery[]> {
  const payload = event.payload as Record<string, string>;
  const name = event.type as ServerEventName;
  switch (name) {
    case "post:created":
    case "post:edited":
    case "post:approved":
      return postDeliveries(prisma, name, payload.postId!);
    case "post:hidden":
    case "post:withdrawn":
      return postDeliveries(prisma, name, payload.postId!);
    case "post:moved": {
      // The old thread loses it; the new thread receives it as it now stands.
      const moved = await postDeliveries(prisma, "post:moved", payload.postId!, { fromThreadId: payload.fromThreadId });
      const gone: Delivery[] = (["public", "staff"] as const).map((view) => ({
        room: rooms.thread(payload.fromThreadId!, view),
        name: "post:moved",
        payload: { postId: payload.postId, fromThreadId: payload.fromThreadId, threadId: event.threadId },
      }));
      return [...gone, ...moved];
    }
    case "endorsement:changed": {
      if (payload.postId) {
        const post = await prisma.post.findUnique({ where: { id: payload.postId }, select: { threadId: true, status: true, quarantined: true } });
        if (!post || !isPublic(post)) return [];
        const tally = (await tallyEndorsements(prisma, "postId", [payload.postId])).get(payload.postId) ?? { total: 0, byCategory: {} };
        return (["public", "staff"] as const).map((view) => ({ room: rooms.thread(post.threadId, view), name, payload: { postId: payload.postId, endorsements: tally } }));
      }
      return (await positionDeliveries(prisma, payload.positionId!)).filter((d) => d.name === "position:published").map((d) => ({ ...d, name }));
    }
    case "position:published":
    case "position:hidden":
      return positionDeliveries(prisma, payload.positionId!);
    case "thread:created":
    case "thread:updated": {
      const thread = await prisma.thread.findUnique({ where: { id: payload.threadId! }, include: { consultation: true, posts: { where: { isOpening: true }, select: { status: true } } } });
      if (!thread) return [];
      const facts = { id: thread.id, consultationId: thread.consultationId, questionId: thread.questionId, title: thread.title, status: thread.status, pinned: thread.pinned, slowModeSeconds: thread.slowModeSeconds, createdAt: thread.createdAt.toISOString() };
      const visible = thread.posts[0]?.status === "published";
      const out: Delivery[] = [{ room: rooms.consultation(thread.consultationId, "staff"), name, payload: { thread: { ...facts, openingStatus: thread.posts[0]?.status } } }];
      if (visible) {
        out.push({ room: rooms.consultation(thread.consultationId, "public"), name, payload: { thread: facts } });
        if (name === "thread:updated") for (const view of ["public", "staff"] as const) out.push({ room: rooms.thread(thread.id, view), name, payload: { thread: facts } });
      }
      return out;
    }
    case "queue:decided":
      return [{ room: rooms.queue(event.consultationId), name, payload: { kind: payload.kind, id: payload.id, action: payload.action } }];
    case "queue:added":
      return [{ room: rooms.queue(event.consultationId), name, payload: { kind: payload.kind, id: payload.id } }];
    case "queue:claimed":
      return [{ room: rooms.queue(event.consultationId), name, payload: { kind: payload.kind, id: payload.id, moderatorId: payload.moderatorId, moderatorName: payload.moderatorName } }];
    case "notification:created": {
      const n = await prisma.notification.findUnique({ where: { id: payload.notificationId! } });
      if (!n) return [];
      // Reply notifications whose reply is no longer public are not pushed (the bell filters them too).
      const postId = (n.payload as { postId?: string }).postId;
      if (n.kind === "reply" && postId) {
        const post = await prisma.post.findUnique({ where: { id: postId }, select: { status: true, quarantined: true } });
        if (!post || !isPublic(post)) return [];
      }
      return [{ room: rooms.user(n.userId), name, payload: { notification: { id: n.id, kind: n.kind, payload: n.payload, read: false, createdAt: n.createdAt.toISOString() } } }];
    }
    case "consultation:updated": {
      const c = await prisma.consultation.findUnique({ where: { id: event.consultationId } });
      if (!c) return [];
      const facts = { id: c.id, status: c.status, accessMode: c.accessMode, moderationMode: c.moderationMode };
      return (["public", "staff"] as const).map((view) => ({ room: rooms.consultation(c.id, view), name, payload: { consultation: facts } }));
    }
    default:
      return [];
  }
}
