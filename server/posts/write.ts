// Writing a post: the one path every new contribution (opening post or reply) goes through, in two steps.
// preparePost does every read and check (mutes, slow mode, the parent and quoted posts, who speaks, whether
// it is held for review) and renders the text, before any transaction; writePost then only writes, inside
// the caller's short transaction: the post, its notification and its event, together or not at all (a
// held post is never visible, even for a moment). Keeping reads out of the transaction is what lets a
// burst of replies share the connection pool instead of queueing for it.
import type { Tx } from "../db/index.ts";
import type { Consultation, Prisma, Thread } from "../db/generated/client.ts";
import { errors } from "../http/errors.ts";
import { renderRichText } from "../content/rich-text.ts";
import { canSeeContribution, consultationPolicy, holdsForReview, type Viewer } from "../consultations/policy.ts";
import { organisationPolicy } from "../organisations/policy.ts";
import type { ReplyType } from "../../shared/schemas/threads.ts";
import type { PostRow } from "./present.ts";
import { notify } from "../notifications/service.ts";
import { recordEvent, type EventTx } from "../events/record.ts";

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
  const [user, membership] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, displayName: true, category: true } }),
    organisationId ? tx.organisationMembership.findUnique({ where: { userId_organisationId: { userId, organisationId } }, include: { organisation: true } }) : null,
  ]);
  const author = { id: user.id, displayName: user.displayName };
  if (!organisationId) return { author, organisation: null, category: user.category };
  const facts = { verified: membership?.organisation.verified ?? false, actorRole: membership?.role ?? null };
  if (!membership || !organisationPolicy.speakFor({ id: userId, isAdmin: false }, facts)) {
    throw errors.forbidden("Only a representative of a verified organisation may speak on its behalf.");
  }
  return { author, organisation: { id: membership.organisation.id, name: membership.organisation.name }, category: membership.organisation.category };
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

/** Like Promise.all, but when several reject, the first in the list wins (deterministic error messages). */
async function settleInOrder<T extends readonly unknown[]>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as never;
}

export interface PreparedPost {
  consultation: Consultation;
  data: Omit<Prisma.PostUncheckedCreateInput, "threadId">;
  author: PostRow["author"];
  onBehalfOf: PostRow["onBehalfOf"];
  /** The parent's author, told about the reply once it is public (not the replier themselves). */
  notifyUserId: string | null;
  threadTitle: string;
}

/** Every read and check a new post needs. `thread` is null for the opening post of a thread being created. */
export async function preparePost(db: Tx, args: { consultation: Consultation; thread: Thread | null; threadTitle: string; viewer: Viewer; input: NewPost }): Promise<PreparedPost> {
  const { consultation, thread, viewer, input } = args;
  const userId = viewer.userId!;
  const staff = consultationPolicy.moderate(viewer, consultation);
  const referenced = [input.parentId, input.quotedPostId].filter((id): id is string => !!id);
  // Independent reads, at once (on PostgreSQL each takes its own connection briefly); when several checks
  // fail, the one listed first is reported, whichever finished first.
  const [, , related, speaker, approved] = await settleInOrder([
    staff ? null : assertNotMuted(db, consultation.id, userId),
    staff || !thread ? null : assertSlowModeRespected(db, thread, userId),
    referenced.length ? db.post.findMany({ where: { id: { in: referenced } }, select: { id: true, threadId: true, consultationId: true, depth: true, status: true, authorId: true } }) : [],
    resolveSpeaker(db, userId, input.onBehalfOfOrganisationId),
    consultation.moderationMode === "newcomers" && !staff ? countApprovedContributions(db, consultation.id, userId) : 0,
  ] as const);
  const parent = related.find((p) => p.id === input.parentId);
  if (input.parentId && (!thread || !parent || parent.threadId !== thread.id || !canSeeContribution(viewer, consultation, parent))) {
    throw errors.invalidInput("The post you reply to is not in this thread.", [{ path: "parentId", message: "is not a post of this thread" }]);
  }
  const quoted = related.find((p) => p.id === input.quotedPostId);
  if (input.quotedPostId && (!quoted || quoted.consultationId !== consultation.id || !canSeeContribution(viewer, consultation, quoted))) {
    throw errors.invalidInput("The quoted post is not in this consultation.", [{ path: "quotedPostId", message: "is not a post you can quote here" }]);
  }
  const status = holdsForReview(viewer, consultation, approved) ? "pending" : "published";
  return {
    consultation,
    data: {
      consultationId: consultation.id,
      parentId: input.parentId ?? null,
      depth: parent ? parent.depth + 1 : 0,
      isOpening: input.isOpening ?? false,
      replyType: input.replyType ?? null,
      quotedPostId: input.quotedPostId ?? null,
      authorId: userId,
      onBehalfOfOrganisationId: speaker.organisation?.id ?? null,
      authorCategory: speaker.category,
      bodySource: input.body,
      bodyHtml: renderRichText(input.body),
      status,
    },
    author: speaker.author,
    onBehalfOf: speaker.organisation,
    notifyUserId: parent && parent.authorId !== userId ? parent.authorId : null,
    threadTitle: args.threadTitle,
  };
}

/** Writes a prepared post in the caller's transaction: the row, its event, the parent author's notification. */
export async function writePost(tx: EventTx, prepared: PreparedPost, threadId: string): Promise<PostRow> {
  const row = await tx.post.create({ data: { ...prepared.data, threadId } });
  recordEvent(tx, { consultationId: row.consultationId, threadId, type: "post:created", payload: { postId: row.id } });
  if (row.status === "published" && prepared.notifyUserId) await notifyOfReply(tx, prepared.notifyUserId, row, prepared.threadTitle);
  return { ...row, author: prepared.author, onBehalfOf: prepared.onBehalfOf };
}

function notifyOfReply(tx: EventTx, userId: string, post: { id: string; threadId: string; consultationId: string }, threadTitle: string) {
  return notify(tx, userId, "reply", { postId: post.id, threadId: post.threadId, consultationId: post.consultationId, about: `a reply to you in "${threadTitle}"` });
}

/** Tells the parent's author about a reply once it is public (held replies notify on approval). */
export async function notifyReply(tx: EventTx, post: { id: string; parentId: string | null; authorId: string; threadId: string; consultationId: string }, threadTitle: string) {
  if (!post.parentId) return;
  const parent = await tx.post.findUnique({ where: { id: post.parentId }, select: { authorId: true } });
  if (!parent || parent.authorId === post.authorId) return;
  await notifyOfReply(tx, parent.authorId, post, threadTitle);
}
