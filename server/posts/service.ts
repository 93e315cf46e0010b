// Posts: reply (idempotently), read a thread page, open a permalink, edit with revisions, withdraw, endorse.
import type { PrismaClient, Tx } from "../db/index.ts";
import { isUniqueViolation } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { renderRichText } from "../content/rich-text.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { viewerFor } from "../consultations/access.ts";
import { canSeeContribution, consultationPolicy, contributionPolicy, visibleContributionWhere, type Viewer } from "../consultations/policy.ts";
import { canReadThread, loadReadableThread, OPENING_POST } from "../threads/access.ts";
import { readThreadPage } from "../threads/page.ts";
import type { TCreatePostBody, TEditPostBody } from "../../shared/schemas/threads.ts";
import type { Consultation } from "../db/generated/client.ts";
import { addEndorsement, endorsedBy, endorserCategory, removeEndorsement, tallyEndorsements } from "./endorsements.ts";
import { assertNotMuted, preparePost, writePost } from "./write.ts";
import { NO_ENDORSEMENTS, POST_INCLUDE, presentPost, type PostRow } from "./present.ts";
import { inTransaction, recordEvent } from "../events/record.ts";

/** Presents a list of posts with their endorsement tallies: a constant number of queries per page. */
export async function presentPosts(db: Tx, posts: PostRow[], viewer: Viewer, c: Consultation) {
  const ids = posts.map((p) => p.id);
  const [tallies, mine] = await Promise.all([tallyEndorsements(db, "postId", ids), endorsedBy(db, viewer.userId, "postId", ids)]);
  return posts.map((p) => presentPost(p, viewer, c, { endorsements: tallies.get(p.id), viewerEndorsed: mine.has(p.id) }));
}

/** A post just written: nobody has endorsed it yet, so nothing to count. */
export function presentNewPost(post: PostRow, viewer: Viewer, c: Consultation) {
  return presentPost(post, viewer, c, { endorsements: NO_ENDORSEMENTS, viewerEndorsed: false });
}

/** A post the viewer may see, with its consultation; otherwise the same 404 as a missing post. */
export async function loadVisiblePost(db: Tx, actor: Actor | null, postId: string) {
  const post = await db.post.findUnique({
    where: { id: postId },
    include: { ...POST_INCLUDE, consultation: true, thread: { include: { posts: OPENING_POST } } },
  });
  if (!post) throw errors.notFound("Post");
  const viewer = await viewerFor(db, actor, post.consultationId);
  // A reply of a thread that does not exist for the viewer (its opening post hidden, withdrawn, pending or
  // quarantined) is as missing as the thread: the same 404 as a post that never was.
  if (!canSeeContribution(viewer, post.consultation, post) || !canReadThread(viewer, post.consultation, post.thread.posts[0])) throw errors.notFound("Post");
  return { post, viewer, consultation: post.consultation, thread: post.thread };
}

export async function createReply(prisma: PrismaClient, actor: Actor, threadId: string, input: TCreatePostBody, idempotencyKey?: string) {
  const replay = async () => {
    // Plain statements for the key (its lookup and its insert run on every keyed reply; see threads/access.ts).
    const [key] = await prisma.$queryRaw<{ post_id: string }[]>`SELECT post_id FROM idempotency_keys WHERE user_id = ${actor.id} AND key = ${idempotencyKey!}`;
    if (!key) return null;
    const { post, viewer, consultation } = await loadVisiblePost(prisma, actor, key.post_id);
    if (post.threadId !== threadId) throw errors.conflict("This Idempotency-Key was already used for another request.");
    return { post: (await presentPosts(prisma, [post], viewer, consultation))[0]!, replayed: true };
  };
  if (idempotencyKey) {
    const earlier = await replay();
    if (earlier) return earlier;
  }
  // Reads and checks first, outside the transaction; the transaction only writes (see posts/write.ts).
  const { thread, consultation, viewer } = await loadReadableThread(prisma, actor, threadId);
  if (!consultationPolicy.reply(viewer, consultation, thread, input.replyType)) throw replyDenied(viewer, consultation, thread.status);
  const prepared = await preparePost(prisma, { consultation, thread, threadTitle: thread.title, viewer, input });
  try {
    const post = await inTransaction(prisma, async (tx) => {
      const post = await writePost(tx, prepared, thread.id);
      // The key is written in the same transaction: a concurrent twin blocks on it, then fails and replays.
      if (idempotencyKey) await tx.$executeRaw`INSERT INTO idempotency_keys (user_id, key, post_id, created_at) VALUES (${actor.id}, ${idempotencyKey}, ${post.id}, ${new Date()})`;
      return post;
    });
    return { post: presentNewPost(post, viewer, consultation), replayed: false };
  } catch (err) {
    if (idempotencyKey && isUniqueViolation(err)) {
      const earlier = await replay();
      if (earlier) return earlier;
    }
    throw err;
  }
}

function replyDenied(viewer: Viewer, c: Consultation, threadStatus: string) {
  if (c.status !== "open") return errors.forbidden("This consultation is not open for contributions.");
  if (threadStatus !== "open") return errors.forbidden("This thread is locked.");
  if (!viewer.userId) return errors.unauthenticated();
  if (viewer.role === "observer") return errors.forbidden("Observers may only post replies that ask a question.");
  return errors.forbidden("Only members of this consultation can contribute.");
}

/** The thread page: two SQL queries (threads/page.ts), not Prisma's seven. */
export async function listThreadPosts(prisma: PrismaClient, actor: Actor | null, threadId: string, query: { cursor?: string; limit: number }) {
  return readThreadPage(prisma, actor, threadId, query);
}

/** A permalink: the post with its chain of parents (those the viewer may see) and its thread. */
export async function getPostContext(prisma: PrismaClient, actor: Actor | null, postId: string) {
  const { post, viewer, consultation, thread } = await loadVisiblePost(prisma, actor, postId);
  // The chain of parents in one recursive query (root first), then the rows in one more: not a query per level.
  const chain = post.parentId
    ? await prisma.$queryRaw<{ id: string }[]>`
        WITH RECURSIVE chain AS (
          SELECT id, parent_id, 0 AS depth FROM posts WHERE id = ${post.parentId}
          UNION ALL
          SELECT p.id, p.parent_id, chain.depth + 1 FROM posts p JOIN chain ON p.id = chain.parent_id WHERE chain.depth < 200
        )
        SELECT id FROM chain ORDER BY depth DESC`
    : [];
  const rows = new Map((await prisma.post.findMany({ where: { id: { in: chain.map((c) => c.id) } }, include: POST_INCLUDE })).map((r) => [r.id, r]));
  const ancestors: PostRow[] = chain
    .map((c) => rows.get(c.id))
    .filter((r): r is PostRow => r !== undefined && canSeeContribution(viewer, consultation, r));
  const presented = await presentPosts(prisma, [...ancestors, post], viewer, consultation);
  return {
    post: presented.at(-1)!,
    ancestors: presented.slice(0, -1),
    // An illegal-flagged opening post takes the thread's title with it, for staff too (as in the thread's own presenter).
    thread: { id: thread.id, title: thread.posts[0]?.quarantined ? null : thread.title, consultationId: consultation.id, consultationSlug: consultation.slug },
  };
}

export async function editPost(prisma: PrismaClient, actor: Actor, postId: string, input: TEditPostBody) {
  const { post, viewer, consultation } = await loadVisiblePost(prisma, actor, postId);
  if (!contributionPolicy.edit(viewer, consultation, post)) throw errors.forbidden("You can edit only your own contributions while the consultation is open.");
  const updated = await inTransaction(prisma, async (tx) => {
    await assertNotMuted(tx, consultation.id, actor.id);
    // Under pre-moderation an edit is new text: it waits for a moderator again.
    const rehold = consultation.moderationMode === "pre" && !consultationPolicy.moderate(viewer, consultation);
    // Optimistic concurrency: the update only matches the version the editor saw.
    const { count } = await tx.post.updateMany({
      where: { id: post.id, version: input.version, status: { in: ["published", "pending"] } },
      data: { bodySource: input.body, bodyHtml: renderRichText(input.body), version: { increment: 1 }, editedAt: new Date(), ...(rehold ? { status: "pending" } : {}) },
    });
    if (count === 0) throw errors.staleVersion();
    await tx.postRevision.create({
      data: { postId: post.id, version: input.version, bodySource: post.bodySource, bodyHtml: post.bodyHtml, editedById: actor.id },
    });
    recordEvent(tx, { consultationId: consultation.id, threadId: post.threadId, type: "post:edited", payload: { postId: post.id } });
    return tx.post.findUniqueOrThrow({ where: { id: post.id }, include: POST_INCLUDE });
  });
  return (await presentPosts(prisma, [updated], viewer, consultation))[0]!;
}

export async function withdrawPost(prisma: PrismaClient, actor: Actor, postId: string) {
  const { post, viewer, consultation } = await loadVisiblePost(prisma, actor, postId);
  if (!contributionPolicy.withdraw(viewer, consultation, post)) throw errors.forbidden("You can withdraw only your own contributions.");
  // Kept for moderators and the audit trail; gone from public view.
  await inTransaction(prisma, async (tx) => {
    const { count } = await tx.post.updateMany({ where: { id: post.id, status: { in: ["published", "pending"] } }, data: { status: "withdrawn" } });
    if (count > 0) recordEvent(tx, { consultationId: consultation.id, threadId: post.threadId, type: "post:withdrawn", payload: { postId: post.id } });
  });
}

export async function listRevisions(prisma: PrismaClient, actor: Actor, postId: string) {
  const { post, viewer, consultation } = await loadVisiblePost(prisma, actor, postId);
  if (!contributionPolicy.seeRevisions(viewer, consultation)) throw errors.forbidden("Only moderators see earlier versions.");
  if (post.quarantined) throw errors.forbidden("This contribution was reported as illegal: open it from the moderation queue (each opening is logged).");
  const revisions = await prisma.postRevision.findMany({
    where: { postId: post.id },
    orderBy: { version: "asc" },
    include: { editedBy: { select: { id: true, displayName: true } } },
  });
  return revisions.map((r) => ({
    version: r.version,
    bodyHtml: r.bodyHtml,
    bodySource: r.bodySource,
    editedBy: r.editedBy,
    note: r.note,
    replacedAt: r.createdAt.toISOString(),
  }));
}

export async function setPostEndorsement(prisma: PrismaClient, actor: Actor, postId: string, endorse: boolean) {
  const { post, viewer, consultation } = await loadVisiblePost(prisma, actor, postId);
  if (endorse && !contributionPolicy.endorse(viewer, consultation, post)) throw errors.forbidden("You cannot endorse this contribution.");
  const category = endorse ? await endorserCategory(prisma, actor.id) : null;
  await inTransaction(prisma, async (tx) => {
    const changed = category ? await addEndorsement(tx, actor.id, category, { postId: post.id }) : await removeEndorsement(tx, actor.id, { postId: post.id });
    if (changed) recordEvent(tx, { consultationId: consultation.id, threadId: post.threadId, type: "endorsement:changed", payload: { postId: post.id } });
  });
  const tallies = await tallyEndorsements(prisma, "postId", [post.id]);
  return { endorsements: tallies.get(post.id) ?? { total: 0, byCategory: {} }, viewerEndorsed: endorse };
}
