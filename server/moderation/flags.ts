// Flags on posts, positions and amendments to a draft text. The author never learns who flagged, and
// flaggers do not see each other (flags are only ever shown to staff). N flags from distinct people hide
// an item pending review; one flag for illegal content hides and quarantines it at once and puts it at
// the top of the queue.
import { about } from "../notifications/about.ts";
import type { PrismaClient, Tx } from "../db/index.ts";
import { canReadThread, OPENING_POST } from "../threads/access.ts";
import { isUniqueViolation } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { viewerFor } from "../consultations/access.ts";
import { canSeeContribution } from "../consultations/policy.ts";
import type { TFlagBody } from "../../shared/schemas/moderation.ts";
import type { Consultation } from "../db/generated/client.ts";
import { recordDecision, type FlagTarget } from "./decisions.ts";
import { inTransaction, recordEvent, type EventTx } from "../events/record.ts";

type Target = { kind: "post" | "position" | "amendment"; id: string };

const WHAT = { post: "Post", position: "Position", amendment: "Amendment" } as const;

/** The flags' column for the target: exactly one is set on every flag (a CHECK constraint). */
function flagTarget(target: Target): FlagTarget {
  return target.kind === "post" ? { postId: target.id } : target.kind === "position" ? { positionId: target.id } : { amendmentId: target.id };
}

async function loadTarget(tx: Tx, target: Target) {
  if (target.kind === "post") {
    const post = await tx.post.findUnique({ where: { id: target.id }, include: { consultation: true, thread: { select: { title: true, posts: OPENING_POST } } } });
    if (!post) return null;
    return { item: post, consultation: post.consultation, category: post.authorCategory, about: about.post(post.thread.title), threadId: post.threadId, opening: post.thread.posts[0] };
  }
  if (target.kind === "amendment") {
    const amendment = await tx.amendment.findUnique({ where: { id: target.id } });
    if (!amendment) return null;
    const consultation = await tx.consultation.findUniqueOrThrow({ where: { id: amendment.consultationId } });
    return { item: amendment, consultation, category: amendment.category, about: about.amendment(amendment.eId), threadId: undefined, opening: null };
  }
  const position = await tx.position.findUnique({ where: { id: target.id }, include: { consultation: true, question: { select: { ordinal: true } } } });
  if (!position) return null;
  return { item: position, consultation: position.consultation, category: position.category, about: about.position(position.question.ordinal), threadId: undefined, opening: null };
}

/** Hides the item in the same transaction as the flag that tips it, labelled as an automated decision. */
async function autoHide(tx: EventTx, target: Target, consultation: Consultation, loaded: NonNullable<Awaited<ReturnType<typeof loadTarget>>>, reason: TFlagBody["reason"], illegal: boolean) {
  const data = { status: "hidden" as const, ...(illegal ? { quarantined: true } : {}) };
  const where = { id: target.id, status: { in: ["published" as const, "pending" as const] } };
  const { count } =
    target.kind === "post" ? await tx.post.updateMany({ where, data }) : target.kind === "position" ? await tx.position.updateMany({ where, data }) : await tx.amendment.updateMany({ where, data });
  if (count === 0 && !illegal) return;
  if (count === 0 && illegal) {
    // Already hidden: still quarantine it, so it is never redistributed.
    const quarantine = { where: { id: target.id }, data: { quarantined: true } };
    if (target.kind === "post") await tx.post.update(quarantine);
    else if (target.kind === "position") await tx.position.update(quarantine);
    else await tx.amendment.update(quarantine);
  }
  await recordDecision(tx, {
    consultation,
    action: "hide",
    reasonCode: reason,
    statement: illegal
      ? "Hidden automatically after a report of illegal content, pending review by a moderator."
      : "Hidden automatically because several participants flagged it, pending review by a moderator.",
    automated: true,
    decidedById: null,
    subjectUserId: loaded.item.authorId,
    subjectCategory: loaded.category,
    target: target.kind === "post" ? { postId: target.id, threadId: loaded.threadId } : flagTarget(target),
    about: loaded.about,
    queuedAt: new Date(),
    before: { status: loaded.item.status },
    after: { status: "hidden", quarantined: illegal },
  });
}

export async function flagContribution(prisma: PrismaClient, actor: Actor, target: Target, input: TFlagBody) {
  try {
    return await inTransaction(prisma, async (tx) => {
      const loaded = await loadTarget(tx, target);
      const what = WHAT[target.kind];
      if (!loaded) throw errors.notFound(what);
      const viewer = await viewerFor(tx, actor, loaded.consultation.id);
      if (!canSeeContribution(viewer, loaded.consultation, loaded.item)) throw errors.notFound(what);
      // A reply of a thread that does not exist for the viewer cannot be flagged either (nor told apart from a missing one).
      if (loaded.opening !== null && !canReadThread(viewer, loaded.consultation, loaded.opening)) throw errors.notFound(what);
      if (loaded.item.authorId === actor.id) throw errors.forbidden("You cannot flag your own contribution.");
      await tx.flag.create({
        data: {
          ...flagTarget(target),
          consultationId: loaded.consultation.id,
          flaggerId: actor.id,
          reason: input.reason,
          note: input.note ?? null,
        },
      });
      const illegal = input.reason === "illegal_content";
      recordEvent(tx, { consultationId: loaded.consultation.id, type: "queue:added", payload: { kind: target.kind, id: target.id } });
      const openFlags = await tx.flag.count({ where: { ...flagTarget(target), resolvedAt: null } });
      if (illegal || openFlags >= loaded.consultation.flagHideThreshold) await autoHide(tx, target, loaded.consultation, loaded, input.reason, illegal);
      // The flagger learns only that the flag was received.
      return { received: true };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw errors.conflict("You have already flagged this contribution.");
    throw err;
  }
}
