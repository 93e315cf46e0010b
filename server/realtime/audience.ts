// Who receives what: turns a logged domain event into deliveries (room, socket event, payload) and
// socket effects (resets, disconnects), reading the CURRENT state of the thing it names and applying the
// same visibility rules as REST. Used both for live dispatch and for replay to a reconnecting client, so
// the two cannot disagree.
import type { PrismaClient } from "../db/index.ts";
import { Prisma, type Consultation, type Notification, type Post } from "../db/generated/client.ts";
import { readRows } from "../db/direct-reads.ts";
import { prismaRow } from "../db/rows.ts";
import type { LivePosition, ServerEventName, ServerEventPayloads } from "../../shared/events.ts";
import type { LoggedEvent } from "../events/types.ts";
import { type Viewer } from "../consultations/policy.ts";
import { presentPost, type PostRow, type EndorsementTally, NO_ENDORSEMENTS } from "../posts/present.ts";
import { tallyEndorsements } from "../posts/endorsements.ts";
import { rooms, type View } from "./rooms.ts";
import { amendmentDeliveries } from "../amendments/live.ts";

export type Delivery = { [K in ServerEventName]: { room: string; name: K; payload: ServerEventPayloads[K] } }[ServerEventName];

/** What an event does to sockets besides delivering something: each process applies it to its own sockets. */
export type SocketEffect =
  /** Sockets of this user (or every socket following the consultation) leave its rooms and rejoin what they may. */
  | { kind: "reset"; consultationId: string; userId?: string }
  /** Every socket of the user ends, except those of one session. */
  | { kind: "disconnectUser"; userId: string; exceptSessionId?: string }
  | { kind: "disconnectSession"; sessionId: string };

export interface Plan {
  deliveries: Delivery[];
  effects: SocketEffect[];
}

const deliver = (...deliveries: Delivery[]): Plan => ({ deliveries, effects: [] });
const NOTHING: Plan = { deliveries: [], effects: [] };
const VIEWS = ["public", "staff"] as const;

// Neutral readers for the two views: broadcasts carry no per-reader abilities.
const VIEWERS: Record<View, Viewer> = {
  public: { userId: null, isAdmin: false, role: "observer" },
  staff: { userId: null, isAdmin: false, role: "moderator" },
};

function livePost(post: PostRow, c: Consultation, viewer: Viewer, endorsements?: EndorsementTally) {
  const { abilities: _a, viewerEndorsed: _v, ...rest } = presentPost(post, viewer, c, { endorsements });
  return rest;
}

const isPublic = (p: { status: string; quarantined: boolean }) => p.status === "published" && !p.quarantined;

/** isPublic of the opening post of post p's thread, in SQL (null: the thread has no opening post). */
const OPENING_IS_PUBLIC = Prisma.sql`(SELECT o.status = 'published' AND NOT o.quarantined FROM posts o WHERE o.thread_id = p.thread_id AND o.is_opening LIMIT 1)`;

interface LivePostRow {
  post: unknown;
  author_display_name: string;
  organisation_name: string | null;
  consultation: unknown;
  /** Whether the thread exists for the public: its opening post is published (null: it has none). */
  thread_public: boolean | null;
  anchored: boolean;
}

/**
 * The post an event names, with what its deliveries depend on, in one plain statement (db/direct-reads.ts):
 * through Prisma's query builder (the post with its author, organisation, consultation and anchor, then the
 * opening post) this was a fifth of the server's CPU per live post at 1,000 sockets (issue 12, W3).
 */
async function loadLivePost(prisma: PrismaClient, postId: string) {
  const [row] = await readRows<LivePostRow>(prisma, Prisma.sql`
    SELECT to_jsonb(p) AS post, u.display_name AS author_display_name, org.name AS organisation_name, to_jsonb(c) AS consultation,
           ${OPENING_IS_PUBLIC} AS thread_public,
           EXISTS (SELECT 1 FROM thread_anchors a WHERE a.thread_id = p.thread_id) AS anchored
      FROM posts p
      JOIN users u ON u.id = p.author_id
      JOIN consultations c ON c.id = p.consultation_id
      LEFT JOIN organisations org ON org.id = p.on_behalf_of_organisation_id
     WHERE p.id = ${postId}`);
  if (!row) return null;
  const post = prismaRow<Post>(row.post, Prisma.PostScalarFieldEnum);
  const withPeople: PostRow = {
    ...post,
    author: { id: post.authorId, displayName: row.author_display_name },
    onBehalfOf: post.onBehalfOfOrganisationId ? { id: post.onBehalfOfOrganisationId, name: row.organisation_name! } : null,
  };
  return { post: withPeople, consultation: prismaRow<Consultation>(row.consultation, Prisma.ConsultationScalarFieldEnum), threadPublic: row.thread_public === true, anchored: row.anchored };
}

type PostEventName = "post:created" | "post:edited" | "post:approved" | "post:hidden" | "post:withdrawn" | "post:moved";

async function postDeliveries(prisma: PrismaClient, name: PostEventName, postId: string, fromThreadId?: string): Promise<Delivery[]> {
  // The thread's anchor rides along: a post in a thread about a draft text also moves the reading view's counts.
  const [loaded, tallies] = await Promise.all([loadLivePost(prisma, postId), tallyEndorsements(prisma, "postId", [postId])]);
  if (!loaded) return [];
  const { post, consultation: c, threadPublic, anchored } = loaded;
  const tally = tallies.get(post.id);
  const out: Delivery[] = [];
  const full = (view: View): Delivery => {
    const payload = { post: livePost(post, c, VIEWERS[view], tally) };
    const room = rooms.thread(post.threadId, view);
    if (name === "post:moved") return { room, name, payload: { ...payload, fromThreadId: fromThreadId! } };
    return { room, name, payload };
  };
  const removal = { postId: post.id, threadId: post.threadId };
  if (isPublic(post) && threadPublic) {
    for (const view of VIEWS) out.push(full(view));
  } else {
    // Not public (any more): the public view only learns that it is gone, never its content.
    const publicRoom = rooms.thread(post.threadId, "public");
    if (name !== "post:created") out.push({ room: publicRoom, name: post.status === "withdrawn" ? "post:withdrawn" : "post:hidden", payload: removal });
    if (!post.quarantined) out.push(full("staff"));
    else out.push({ room: rooms.thread(post.threadId, "staff"), name: "post:hidden", payload: { ...removal, quarantined: true } });
  }
  if (anchored) out.push(...consultationEchoes(out, post.threadId, c.id));
  if (post.status === "pending") {
    // A held post reaches its author and the consultation's moderators, nobody else.
    const authorView: Viewer = { userId: post.authorId, isAdmin: false, role: "participant" };
    if (name !== "post:moved") out.push({ room: rooms.user(post.authorId), name, payload: { post: livePost(post, c, authorView, tally) } });
    out.push({ room: rooms.queue(c.id), name: "queue:added", payload: { kind: "post", id: post.id, threadId: post.threadId, status: post.status } });
  }
  return out;
}

/**
 * A post in a thread anchored to a draft text changes the reading view's margin counts, and the reading
 * view follows the consultation, not every thread: the consultation's rooms hear what the thread's rooms
 * of the same view hear (the same audience: whoever may read the consultation reads its public threads).
 */
const COUNTED = new Set<string>(["post:created", "post:approved", "post:hidden", "post:withdrawn"]);
// Not replayed to consultation rooms (a reconnecting reading view reloads its counts instead): replaying
// every post event of a consultation to each of its followers would cost far more than one reload.
function consultationEchoes(deliveries: Delivery[], threadId: string, consultationId: string): Delivery[] {
  return VIEWS.flatMap((view) => deliveries.filter((d) => d.room === rooms.thread(threadId, view) && COUNTED.has(d.name)).map((d) => ({ ...d, room: rooms.consultation(consultationId, view) }) as Delivery));
}

async function loadPosition(prisma: PrismaClient, positionId: string) {
  const p = await prisma.position.findUnique({ where: { id: positionId }, include: { consultation: true, organisation: { select: { id: true, name: true } } } });
  if (!p) return null;
  const tally = (await tallyEndorsements(prisma, "positionId", [p.id])).get(p.id) ?? NO_ENDORSEMENTS;
  const named: LivePosition = { id: p.id, questionId: p.questionId, category: p.category, stance: p.stance, status: p.status, version: p.version, summary: p.summary, endorsements: tally, organisation: { id: p.organisation.id, name: p.organisation.name } };
  // Chatham House: the public learns the category, not the organisation.
  const forPublic: LivePosition = p.consultation.accessMode === "chatham_house" ? { ...named, organisation: null } : named;
  return { p, named, forPublic };
}

async function positionDeliveries(prisma: PrismaClient, positionId: string): Promise<Delivery[]> {
  const loaded = await loadPosition(prisma, positionId);
  if (!loaded) return [];
  const { p, named, forPublic } = loaded;
  const out: Delivery[] = [];
  const publicRoom = rooms.consultation(p.consultationId, "public");
  const staffRoom = rooms.consultation(p.consultationId, "staff");
  if (isPublic(p)) {
    out.push({ room: publicRoom, name: "position:published", payload: { position: forPublic } });
    out.push({ room: staffRoom, name: "position:published", payload: { position: named } });
  } else {
    out.push({ room: publicRoom, name: "position:hidden", payload: { positionId: p.id } });
    out.push(p.quarantined ? { room: staffRoom, name: "position:hidden", payload: { positionId: p.id, quarantined: true } } : { room: staffRoom, name: "position:published", payload: { position: named } });
  }
  if (p.status === "pending") out.push({ room: rooms.queue(p.consultationId), name: "queue:added", payload: { kind: "position", id: p.id, status: p.status } });
  return out;
}

async function endorsementDeliveries(prisma: PrismaClient, target: { postId: string } | { positionId: string }): Promise<Delivery[]> {
  if ("positionId" in target) {
    const loaded = await loadPosition(prisma, target.positionId);
    if (!loaded || !isPublic(loaded.p)) return [];
    const { p, named, forPublic } = loaded;
    return [
      { room: rooms.consultation(p.consultationId, "public"), name: "endorsement:changed", payload: { position: forPublic } },
      { room: rooms.consultation(p.consultationId, "staff"), name: "endorsement:changed", payload: { position: named } },
    ];
  }
  const post = await prisma.post.findUnique({ where: { id: target.postId }, select: { threadId: true, status: true, quarantined: true } });
  if (!post || !isPublic(post)) return [];
  const endorsements = (await tallyEndorsements(prisma, "postId", [target.postId])).get(target.postId) ?? NO_ENDORSEMENTS;
  return VIEWS.map((view) => ({ room: rooms.thread(post.threadId, view), name: "endorsement:changed", payload: { postId: target.postId, endorsements } }));
}

async function threadDeliveries(prisma: PrismaClient, name: "thread:created" | "thread:updated", threadId: string): Promise<Delivery[]> {
  const thread = await prisma.thread.findUnique({ where: { id: threadId } });
  if (!thread) return [];
  const opening = await prisma.post.findFirst({ where: { threadId, isOpening: true }, select: { status: true, quarantined: true } });
  const facts = { id: thread.id, consultationId: thread.consultationId, questionId: thread.questionId, title: thread.title, status: thread.status, pinned: thread.pinned, slowModeSeconds: thread.slowModeSeconds, createdAt: thread.createdAt.toISOString() };
  // The title is part of the opening post: reported as illegal, it reaches not even staff (as in REST lists).
  const forStaff = opening?.quarantined ? { ...facts, title: null, quarantined: true } : facts;
  const out: Delivery[] = [{ room: rooms.consultation(thread.consultationId, "staff"), name, payload: { thread: { ...forStaff, openingStatus: opening?.status } } }];
  if (opening && isPublic(opening)) {
    out.push({ room: rooms.consultation(thread.consultationId, "public"), name, payload: { thread: facts } });
    if (name === "thread:updated") for (const view of VIEWS) out.push({ room: rooms.thread(thread.id, view), name, payload: { thread: facts } });
  }
  return out;
}

async function notificationDeliveries(prisma: PrismaClient, notificationId: string): Promise<Delivery[]> {
  // One plain statement (as loadLivePost): a reply's notification follows every reply of a live thread.
  const [row] = await readRows<{ notification: unknown; reply_public: boolean | null }>(prisma, Prisma.sql`
    SELECT to_jsonb(n) AS notification,
           (SELECT p.status = 'published' AND NOT p.quarantined
                   AND coalesce(${OPENING_IS_PUBLIC}, false)
              FROM posts p WHERE p.id = n.payload->>'postId') AS reply_public
      FROM notifications n
     WHERE n.id = ${notificationId}`);
  if (!row) return [];
  const n = prismaRow<Notification>(row.notification, Prisma.NotificationScalarFieldEnum);
  // Reply notifications whose reply is no longer public are not pushed (the bell filters them too), nor
  // those of a thread that no longer exists for the public (its opening post hidden, withdrawn, held or quarantined).
  const postId = (n.payload as { postId?: string }).postId;
  if (n.kind === "reply" && postId && row.reply_public !== true) return [];
  return [{ room: rooms.user(n.userId), name: "notification:created", payload: { notification: { id: n.id, kind: n.kind, payload: n.payload, read: false, createdAt: n.createdAt.toISOString() } } }];
}

export async function planFor(prisma: PrismaClient, event: LoggedEvent): Promise<Plan> {
  switch (event.type) {
    case "post:created":
    case "post:edited":
    case "post:approved":
    case "post:hidden":
    case "post:withdrawn":
      return deliver(...(await postDeliveries(prisma, event.type, event.payload.postId)));
    case "post:moved": {
      // The old thread loses it; the new thread receives it as it now stands.
      const { postId, fromThreadId } = event.payload;
      const gone: Delivery[] = VIEWS.map((view) => ({ room: rooms.thread(fromThreadId, view), name: "post:moved", payload: { postId, fromThreadId, threadId: event.threadId ?? null } }));
      return deliver(...gone, ...(await postDeliveries(prisma, "post:moved", postId, fromThreadId)));
    }
    case "endorsement:changed":
      return deliver(...(await endorsementDeliveries(prisma, event.payload)));
    case "position:published":
    case "position:hidden":
      return deliver(...(await positionDeliveries(prisma, event.payload.positionId)));
    case "thread:created":
    case "thread:updated":
      return deliver(...(await threadDeliveries(prisma, event.type, event.payload.threadId)));
    case "queue:added":
    case "queue:claimed":
    case "queue:decided":
      return deliver({ room: rooms.queue(event.consultationId), name: event.type, payload: event.payload } as Delivery);
    case "notification:created":
      return deliver(...(await notificationDeliveries(prisma, event.payload.notificationId)));
    case "consultation:updated": {
      const c = await prisma.consultation.findUnique({ where: { id: event.consultationId } });
      if (!c) return NOTHING;
      const consultation = { id: c.id, status: c.status, accessMode: c.accessMode, moderationMode: c.moderationMode };
      return deliver(...VIEWS.map((view): Delivery => ({ room: rooms.consultation(c.id, view), name: "consultation:updated", payload: { consultation } })));
    }
    case "export:progressed": {
      const { jobId, userId, status, progress } = event.payload;
      return deliver({ room: rooms.user(userId), name: "export:progressed", payload: { jobId, consultationId: event.consultationId, status, progress } });
    }
    case "access:changed":
      return { deliveries: [], effects: [{ kind: "reset", consultationId: event.consultationId, userId: event.payload.userId }] };
    case "user:sessionsEnded":
      return { deliveries: [], effects: [{ kind: "disconnectUser", userId: event.payload.userId, exceptSessionId: event.payload.exceptSessionId }] };
    case "session:ended":
      return { deliveries: [], effects: [{ kind: "disconnectSession", sessionId: event.payload.sessionId }] };
    case "amendment:changed":
      return deliver(...(await amendmentDeliveries(prisma, event.payload.amendmentId)));
  }
}
