// Writing a post: the one path every new contribution (opening post or reply) goes through, in two steps.
// preparePost does every read and check (mutes, slow mode, the parent and quoted posts, who speaks, whether
// it is held for review) and renders the text, before any transaction; writePost then only writes, inside
// the caller's short transaction: the post, its notification and its event, together or not at all (a
// held post is never visible, even for a moment). Keeping reads out of the transaction is what lets a
// burst of replies share the connection pool instead of queueing for it.
import { readRows } from "../db/direct-reads.ts";
import { about } from "../notifications/about.ts";
import type { Tx } from "../db/index.ts";
import { canReadThread } from "../threads/access.ts";
import { Prisma as PrismaNamespace, type Consultation, type Post, type Prisma, type StakeholderCategory, type Thread } from "../db/generated/client.ts";
import { createId } from "@paralleldrive/cuid2";
import { prismaRow } from "../db/rows.ts";
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
    // Plain SQL: every post and every response reads it (a model query costs more to prepare than to run).
    readRows<{ id: string; displayName: string; category: StakeholderCategory }>(tx, PrismaNamespace.sql`
      SELECT id, display_name AS "displayName", category::text AS category FROM users WHERE id = ${userId}`).then(([u]) => {
      if (!u) throw errors.notFound("User");
      return u;
    }),
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

export interface PreparedPost {
  consultation: Consultation;
  data: Omit<Prisma.PostUncheckedCreateInput, "threadId">;
  author: PostRow["author"];
  onBehalfOf: PostRow["onBehalfOf"];
  /** The parent's author, told about the reply once it is public (not the replier themselves). */
  notifyUserId: string | null;
  threadTitle: string;
}

interface PostFacts {
  muteUntil: Date | null;
  lastPostAt: Date | null;
  user: { id: string; displayName: string; category: PostRow["authorCategory"] } | null;
  related: (Pick<Post, "id" | "threadId" | "consultationId" | "depth" | "status" | "authorId" | "onBehalfOfOrganisationId" | "quarantined"> & {
    /** The opening post of the related post's thread: whether that thread exists for the viewer. */
    opening: Pick<Post, "status" | "authorId" | "onBehalfOfOrganisationId" | "quarantined"> | null;
  })[];
}

/**
 * What every new post is checked against, in one statement: the author's mute, their last post in the
 * thread (slow mode), their name and category, and the parent and quoted posts with their threads'
 * opening posts. One raw statement
 * instead of four Prisma queries, because each costs about a millisecond of CPU to compile and a burst
 * of replies is CPU-bound (test/bench, W2).
 */
async function loadPostFacts(db: Tx, consultationId: string, threadId: string | null, userId: string, referenced: string[]): Promise<PostFacts> {
  const [row] = await db.$queryRaw<{ mute_until: Date | string | null; last_post_at: Date | string | null; author: PostFacts["user"]; related: PostFacts["related"] }[]>`
    SELECT
      (SELECT until FROM mutes WHERE consultation_id = ${consultationId} AND user_id = ${userId}) AS mute_until,
      (SELECT created_at FROM posts WHERE thread_id = ${threadId} AND author_id = ${userId} ORDER BY seq DESC LIMIT 1) AS last_post_at,
      (SELECT json_build_object('id', id, 'displayName', display_name, 'category', category) FROM users WHERE id = ${userId}) AS author,
      (SELECT coalesce(json_agg(json_build_object('id', p.id, 'threadId', p.thread_id, 'consultationId', p.consultation_id, 'depth', p.depth,
                'status', p.status, 'authorId', p.author_id, 'onBehalfOfOrganisationId', p.on_behalf_of_organisation_id, 'quarantined', p.quarantined,
                'opening', (SELECT json_build_object('status', o.status, 'authorId', o.author_id, 'onBehalfOfOrganisationId', o.on_behalf_of_organisation_id, 'quarantined', o.quarantined)
                              FROM posts o WHERE o.thread_id = p.thread_id AND o.is_opening LIMIT 1))), '[]'::json)
         FROM posts p WHERE p.id = ANY(${referenced}::text[])) AS related`;
  const asDate = (v: Date | string | null) => (v === null ? null : new Date(v));
  const json = <T,>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  return { muteUntil: asDate(row!.mute_until), lastPostAt: asDate(row!.last_post_at), user: row!.author ? json(row!.author) : null, related: json(row!.related) };
}

/** Every read and check a new post needs. `thread` is null for the opening post of a thread being created. */
export async function preparePost(db: Tx, args: { consultation: Consultation; thread: Thread | null; threadTitle: string; viewer: Viewer; input: NewPost }): Promise<PreparedPost> {
  const { consultation, thread, viewer, input } = args;
  const userId = viewer.userId!;
  const staff = consultationPolicy.moderate(viewer, consultation);
  const referenced = [input.parentId, input.quotedPostId].filter((id): id is string => !!id);
  const [facts, membership, approved] = await Promise.all([
    // The last-post lookup only where slow mode applies: without it, it would walk a long thread for nothing.
    loadPostFacts(db, consultation.id, !staff && thread && thread.slowModeSeconds > 0 ? thread.id : null, userId, referenced),
    input.onBehalfOfOrganisationId ? resolveSpeaker(db, userId, input.onBehalfOfOrganisationId).then((s) => ({ speaker: s }), (error: unknown) => ({ error })) : null,
    consultation.moderationMode === "newcomers" && !staff ? countApprovedContributions(db, consultation.id, userId) : 0,
  ]);
  // The same checks, in the same order, as the helpers above (the first failing one is reported).
  if (!staff && facts.muteUntil && facts.muteUntil > new Date()) {
    throw errors.forbidden(`A moderator muted you in this consultation until ${facts.muteUntil.toISOString()}.`);
  }
  if (!staff && thread && thread.slowModeSeconds > 0 && facts.lastPostAt) {
    const waitMs = facts.lastPostAt.getTime() + thread.slowModeSeconds * 1000 - Date.now();
    if (waitMs > 0) throw errors.rateLimited(Math.ceil(waitMs / 1000));
  }
  const related = facts.related;
  if (membership && "error" in membership) throw membership.error;
  if (!facts.user) throw errors.notFound("User");
  const speaker = membership ? membership.speaker : { author: { id: facts.user.id, displayName: facts.user.displayName }, organisation: null, category: facts.user.category };
  const parent = related.find((p) => p.id === input.parentId);
  if (input.parentId && (!thread || !parent || parent.threadId !== thread.id || !canSeeContribution(viewer, consultation, parent))) {
    throw errors.invalidInput("The post you reply to is not in this thread.", [{ path: "parentId", message: "is not a post of this thread" }]);
  }
  const quoted = related.find((p) => p.id === input.quotedPostId);
  // A quote from a thread that does not exist for the viewer would publish its words: as missing as a missing post.
  if (input.quotedPostId && (!quoted || quoted.consultationId !== consultation.id || !canSeeContribution(viewer, consultation, quoted) || !canReadThread(viewer, consultation, quoted.opening ?? undefined))) {
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
  const row = await insertPost(tx, prepared.data, threadId);
  recordEvent(tx, { consultationId: row.consultationId, threadId, type: "post:created", payload: { postId: row.id } });
  if (row.status === "published" && prepared.notifyUserId) await notifyOfReply(tx, prepared.notifyUserId, row, prepared.threadTitle);
  return { ...row, author: prepared.author, onBehalfOf: prepared.onBehalfOf };
}

/**
 * The INSERT as a plain statement (the query builder compiled it afresh for every post: see
 * loadPostFacts). Ids are cuid2s, as Prisma's cuid() are opaque strings to everything else; the time is
 * the server's, as Prisma's @default(now()) is.
 */
async function insertPost(tx: Tx, d: PreparedPost["data"], threadId: string): Promise<Post> {
  const [inserted] = await tx.$queryRaw<{ row: unknown }[]>`
    INSERT INTO posts (id, thread_id, consultation_id, parent_id, depth, is_opening, reply_type, quoted_post_id, author_id,
                       on_behalf_of_organisation_id, author_category, body_source, body_html, status, created_at)
    VALUES (${createId()}, ${threadId}, ${d.consultationId}, ${d.parentId ?? null}, ${d.depth ?? 0}, ${d.isOpening ?? false},
            ${d.replyType ?? null}::"ReplyType", ${d.quotedPostId ?? null}, ${d.authorId}, ${d.onBehalfOfOrganisationId ?? null},
            ${d.authorCategory}::"StakeholderCategory", ${d.bodySource}, ${d.bodyHtml}, ${d.status}::"PostStatus", ${new Date()})
    RETURNING to_jsonb(posts.*) AS row`;
  return prismaRow<Post>(inserted!.row, PrismaNamespace.PostScalarFieldEnum);
}

function notifyOfReply(tx: EventTx, userId: string, post: { id: string; threadId: string; consultationId: string }, threadTitle: string) {
  return notify(tx, userId, "reply", { postId: post.id, threadId: post.threadId, consultationId: post.consultationId, about: about.reply(threadTitle) });
}

/** Tells the parent's author about a reply once it is public (held replies notify on approval). */
export async function notifyReply(tx: EventTx, post: { id: string; parentId: string | null; authorId: string; threadId: string; consultationId: string }, threadTitle: string) {
  if (!post.parentId) return;
  const parent = await tx.post.findUnique({ where: { id: post.parentId }, select: { authorId: true } });
  if (!parent || parent.authorId === post.authorId) return;
  await notifyOfReply(tx, parent.authorId, post, threadTitle);
}
