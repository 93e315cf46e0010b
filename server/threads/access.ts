import type { Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { viewerFor } from "../consultations/access.ts";
import { canSeeContribution, consultationPolicy } from "../consultations/policy.ts";

/**
 * A thread the actor may read: its consultation is readable and its opening post visible to them
 * (a thread held for review exists only for its author and staff). Otherwise 404.
 */
export async function loadReadableThread(db: Tx, actor: Actor | null, threadId: string) {
  const thread = await db.thread.findUnique({
    where: { id: threadId },
    include: { consultation: true, posts: { where: { isOpening: true }, take: 1, select: { status: true, authorId: true } } },
  });
  if (!thread) throw errors.notFound("Thread");
  const viewer = await viewerFor(db, actor, thread.consultationId);
  const opening = thread.posts[0];
  if (!consultationPolicy.read(viewer, thread.consultation) || !opening || !canSeeContribution(viewer, thread.consultation, opening)) {
    throw errors.notFound("Thread");
  }
  const { consultation, posts: _posts, ...rest } = thread;
  return { thread: rest, consultation, viewer, opening };
}
