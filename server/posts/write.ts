// Writing a post: the one path every new contribution (opening post or reply) goes through.
// Runs inside the caller's transaction, so a post, its pending status and its idempotency key are
// created together or not at all: a held post is never visible, even for a moment.
import type { Tx } from "../db/index.ts";
import type { Consultation, Thread } from "../db/generated/client.ts";
import { errors } from "../http/errors.ts";
import { renderRichText } from "../content/rich-text.ts";
import { canSeeContribution, consultationPolicy, holdsForReview, type Viewer } from "../consultations/policy.ts";
import { organisationPolicy } from "../organisations/policy.ts";
import type { ReplyType } from "../../shared/schemas/threads.ts";
import { POST_INCLUDE } from "./present.ts";
import { notify } from "../notifications/service.ts";
import { inTransaction, recordEvent, type EventTx } from "../events/record.ts";

export interface NewPost {
  body: string;
  parentId?: string;
  replyType?: ReplyType;
  quotedPostId?: string;
  onBehalfOfOrganisationId?: string;
  isOpening?: boolean;
}

/** Approved contributions (posts and positions) of a person in a consultation: the "newcomer" measure. */
export async function countApprovedContributions(tx: Tx, consultationId: string, userId: string): Promise<number> {
  const [posts, positions] = await Promise.all([
    tx.post.count({ where: { consultationId, authorId: userId, status: "published" } }),
    tx.position.count({ where: { consultationId, authorId: userId, status: "published" } }),
  ]);
  return posts + positions;
}

/** Resolves "on behalf of": only a representative of a verified organisation may. Returns the category spoken in. */
export async function resolveSpeaker(tx: Tx, userId: string, organisationId: string | undefined) {
  if (!organisationId) {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { category: true } });
    return { organisationId: null, category: user.category };
  }
  const membership = await tx.organisationMembership.findUnique({
    where: { userId_organisationId: { userId, organisationId } },
    include: { organisation: true },
  });
  const facts = { verified: membership?.organisation.verified ?? false, actorRole: membership?.role ?? null };
  if (!membership || !organisationPolicy.speakFor({ id: userId, isAdmin: false }, facts)) {
    throw errors.forbidden("Only a representative of a verified organisation may speak on its behalf.");
  }
  return { organisationId, category: membership.organisation.category };
}

/** Muted participants contribute nothing until the mute ends. Staff are never muted by this check. */
export async function assertNotMuted(tx: Tx, consultationId: string, userId: string) {
  const mute = await tx.mute.findUnique({ where: { consultationId_userId: { consultationId, userId } } });
  if (mute && mute.until > new Date()) {
    throw errors.forbidden(`A moderator muted you in this consultation until ${mute.until.toISOString()}.`);
  }
}

/** Slow mode: a minimum interval between one person's posts in a thread (staff exempt). */
async function assertSlowModeRespected(tx: Tx, thread: Thread, userId: string) {
  if (thread.slowModeSeconds <= 0) return;
  const last = await tx.post.findFirst({ where: { threadId: thread.id, authorId: userId }, orderBy: { seq: "desc" }, select: { createdAt: true } });
  if (!last) return;
  const waitMs = last.createdAt.getTime() + thread.slowModeSeconds * 1000 - Date.now();
  if (waitMs > 0) throw errors.rateLimited(Math.ceil(waitMs / 1000));
}

export async function insertPost(tx: EventTx, args: { consultation: Consultation; thread: Thread; viewer: Viewer; input: NewPost }) {
  const { consultation, thread, viewer, input } = args;
  const userId = viewer.userId!;
  if (!consultationPolicy.moderate(viewer, consultation)) {
    await assertNotMuted(tx, consultation.id, userId);
    await assertSlowModeRespected(tx, thread, userId);
  }
  let depth = 0;
  if (input.parentId) {
    const parent = await tx.post.findUnique({ where: { id: input.parentId } });
    if (!parent || parent.threadId !== thread.id || !canSeeContribution(viewer, consultation, parent)) {
      throw errors.invalidInput("The post you reply to is not in this thread.", [{ path: "parentId", message: "is not a post of this thread" }]);
    }
    depth = parent.depth + 1;
  }
  if (input.quotedPostId) {
    const quoted = await tx.post.findUnique({ where: { id: input.quotedPostId } });
    if (!quoted || quoted.consultationId !== consultation.id || !canSeeContribution(viewer, consultation, quoted)) {
      throw errors.invalidInput("The quoted post is not in this consultation.", [{ path: "quotedPostId", message: "is not a post you can quote here" }]);
    }
  }
  const speaker = await resolveSpeaker(tx, userId, input.onBehalfOfOrganisationId);
  const approved = await countApprovedContributions(tx, consultation.id, userId);
  const status = holdsForReview(viewer, consultation, approved) ? "pending" : "published";
  const post = await tx.post.create({
    data: {
      threadId: thread.id,
      consultationId: consultation.id,
      parentId: input.parentId ?? null,
      depth,
      isOpening: input.isOpening ?? false,
      replyType: input.replyType ?? null,
      quotedPostId: input.quotedPostId ?? null,
      authorId: userId,
      onBehalfOfOrganisationId: speaker.organisationId,
      authorCategory: speaker.category,
      bodySource: input.body,
      bodyHtml: renderRichText(input.body),
      status,
    },
    include: POST_INCLUDE,
  });
  recordEvent(tx, { consultationId: consultation.id, threadId: thread.id, type: "post:created", payload: { postId: post.id } });
  if (status === "published") {
    await tx.thread.update({ where: { id: thread.id }, data: { lastPostAt: post.createdAt } });
    await notifyReply(tx, post, thread.title);
  }
  return post;
}

/** Tells the parent's author about a reply, once it is public (held replies notify on approval). */
export async function notifyReply(tx: EventTx, post: { id: string; parentId: string | null; authorId: string; threadId: string; consultationId: string }, threadTitle: string) {
  if (!post.parentId) return;
  const parent = await tx.post.findUnique({ where: { id: post.parentId }, select: { authorId: true } });
  if (!parent || parent.authorId === post.authorId) return;
  await notify(tx, parent.authorId, "reply", { postId: post.id, threadId: post.threadId, consultationId: post.consultationId, about: `a reply to you in "${threadTitle}"` });
}
