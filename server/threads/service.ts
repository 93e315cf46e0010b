// Threads: start one (title + opening post, in one transaction), list a consultation's, read, lock/pin/archive.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { z } from "zod";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { consultationPolicy, visibleContributionWhere, type Viewer } from "../consultations/policy.ts";
import type { Consultation, Thread } from "../db/generated/client.ts";
import type { TCreateThreadBody } from "../../shared/schemas/threads.ts";
import { preparePost, writePost } from "../posts/write.ts";
import { presentNewPost } from "../posts/service.ts";
import { loadReadableThread } from "./access.ts";
import { inTransaction, recordEvent } from "../events/record.ts";

function presentThread(
  thread: Thread,
  viewer: Viewer,
  c: Consultation,
  extra: { author: { id: string; displayName: string }; openingStatus: string; openingQuarantined: boolean; postCount: number; lastPostAt: Date; questionOrdinal?: number | null; closedToViewer?: boolean },
) {
  const showAuthor = consultationPolicy.seeAuthors(viewer, c) || thread.authorId === viewer.userId;
  return {
    id: thread.id,
    consultationId: thread.consultationId,
    questionId: thread.questionId,
    questionOrdinal: extra.questionOrdinal ?? null,
    // The title is part of the opening post: reported as illegal, it is not redistributed, not even to
    // staff in lists (they open the quarantined post explicitly, and that is logged).
    title: extra.openingQuarantined ? null : thread.title,
    quarantined: extra.openingQuarantined,
    status: thread.status,
    pinned: thread.pinned,
    slowModeSeconds: thread.slowModeSeconds,
    /** "pending" while the opening post waits for a moderator (shown to its author and staff only). */
    openingStatus: extra.openingStatus,
    author: showAuthor ? extra.author : null,
    postCount: extra.postCount,
    createdAt: thread.createdAt.toISOString(),
    /** The newest post this viewer may see. */
    lastPostAt: extra.lastPostAt.toISOString(),
    // A thread its author reads only because moderation removed its opening post takes no replies.
    abilities: {
      reply: !extra.closedToViewer && consultationPolicy.reply(viewer, c, thread),
      askQuestion: !extra.closedToViewer && consultationPolicy.reply(viewer, c, thread, "question"),
      moderate: consultationPolicy.moderate(viewer, c),
    },
  };
}

export async function createThread(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string, input: TCreateThreadBody) {
  // Reads and checks first, outside the transaction; the transaction only writes (see posts/write.ts).
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, consultationIdOrSlug);
  if (!consultationPolicy.startThread(viewer, consultation)) {
    throw errors.forbidden(consultation.status !== "open" ? "This consultation is not open for contributions." : "You cannot start a thread in this consultation.");
  }
  if (input.questionId) {
    const question = await prisma.question.findUnique({ where: { id: input.questionId } });
    if (!question || question.consultationId !== consultation.id) {
      throw errors.invalidInput("That question is not part of this consultation.", [{ path: "questionId", message: "is not a question of this consultation" }]);
    }
  }
  const prepared = await preparePost(prisma, {
    consultation,
    thread: null,
    threadTitle: input.title,
    viewer,
    input: { body: input.body, isOpening: true, onBehalfOfOrganisationId: input.onBehalfOfOrganisationId },
  });
  const { thread, opening } = await inTransaction(prisma, async (tx) => {
    const thread = await tx.thread.create({
      data: { consultationId: consultation.id, questionId: input.questionId ?? null, title: input.title, authorId: actor.id },
    });
    const opening = await writePost(tx, prepared, thread.id);
    recordEvent(tx, { consultationId: consultation.id, threadId: thread.id, type: "thread:created", payload: { threadId: thread.id } });
    return { thread, opening };
  });
  return {
    thread: presentThread(thread, viewer, consultation, { author: opening.author, openingStatus: opening.status, openingQuarantined: false, postCount: 1, lastPostAt: opening.createdAt }),
    post: presentNewPost(opening, viewer, consultation),
  };
}

export async function listThreads(
  prisma: PrismaClient,
  actor: Actor | null,
  consultationIdOrSlug: string,
  query: { questionId?: string; cursor?: string; limit: number },
) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, consultationIdOrSlug);
  const visible = visibleContributionWhere(viewer, consultation);
  const after = query.cursor ? decodeCursor(query.cursor, { pinned: z.enum(["0", "1"]), createdAt: cursorKeys.instant, id: cursorKeys.id }) : null;
  const afterWhere = after
    ? {
        OR: [
          ...(after.pinned === "1" ? [{ pinned: false }] : []),
          { pinned: after.pinned === "1", createdAt: { lt: after.createdAt } },
          { pinned: after.pinned === "1", createdAt: after.createdAt, id: { lt: after.id } },
        ],
      }
    : {};
  const rows = await prisma.thread.findMany({
    where: {
      consultationId: consultation.id,
      ...(query.questionId ? { questionId: query.questionId } : {}),
      posts: { some: { isOpening: true, ...visible } },
      ...afterWhere,
    },
    orderBy: [{ pinned: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: {
      author: { select: { id: true, displayName: true } },
      question: { select: { ordinal: true } },
      posts: { where: { isOpening: true }, select: { status: true, quarantined: true }, take: 1 },
    },
  });
  const page = rows.slice(0, query.limit);
  // Post counts and last activity over what this viewer may see: one grouped query per page.
  const counts = await prisma.post.groupBy({
    by: ["threadId"],
    where: { threadId: { in: page.map((t) => t.id) }, ...visible },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  const countBy = new Map(counts.map((c) => [c.threadId, c]));
  const last = page.at(-1);
  return {
    items: page.map((t) =>
      presentThread(t, viewer, consultation, {
        author: t.author,
        openingStatus: t.posts[0]?.status ?? "published",
        openingQuarantined: t.posts[0]?.quarantined ?? false,
        postCount: countBy.get(t.id)?._count._all ?? 0,
        lastPostAt: countBy.get(t.id)?._max.createdAt ?? t.createdAt,
        questionOrdinal: t.question?.ordinal,
      }),
    ),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ pinned: last.pinned ? "1" : "0", createdAt: last.createdAt.toISOString(), id: last.id })
        : null,
  };
}

export async function getThread(prisma: PrismaClient, actor: Actor | null, threadId: string) {
  const { thread, consultation, viewer, opening, asRemovedAuthor } = await loadReadableThread(prisma, actor, threadId, { removedAuthorReads: true });
  const [author, activity, question] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: thread.authorId }, select: { id: true, displayName: true } }),
    prisma.post.aggregate({ where: { threadId: thread.id, ...visibleContributionWhere(viewer, consultation) }, _count: { _all: true }, _max: { createdAt: true } }),
    thread.questionId ? prisma.question.findUnique({ where: { id: thread.questionId } }) : null,
  ]);
  return {
    ...presentThread(thread, viewer, consultation, {
      author,
      openingStatus: opening.status,
      openingQuarantined: opening.quarantined,
      postCount: activity._count._all,
      lastPostAt: activity._max.createdAt ?? thread.createdAt,
      questionOrdinal: question?.ordinal,
      closedToViewer: asRemovedAuthor,
    }),
    question: question ? { id: question.id, ordinal: question.ordinal, text: question.text } : null,
    consultation: { id: consultation.id, slug: consultation.slug, title: consultation.title, status: consultation.status, accessMode: consultation.accessMode, moderationMode: consultation.moderationMode },
  };
}

