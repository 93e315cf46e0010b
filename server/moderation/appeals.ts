// Appeals: the affected person appeals a decision once, with a message; a moderator other than the
// decider (or an organiser) decides it with reasons; the outcome is recorded, audited and sent.
import type { PrismaClient } from "../db/index.ts";
import { isUniqueViolation } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import type { PostStatus } from "../../shared/schemas/threads.ts";
import type { TAffectedContribution } from "../../shared/schemas/threads-moderated.ts";
import { errors } from "../http/errors.ts";
import { loadReadableConsultation, viewerFor } from "../consultations/access.ts";
import { consultationPolicy, rankIn } from "../consultations/policy.ts";
import { notify } from "../notifications/service.ts";
import { recordAudit } from "./audit.ts";
import { moderationPolicy } from "./policy.ts";
import { inTransaction, recordEvent } from "../events/record.ts";

export async function lodgeAppeal(prisma: PrismaClient, actor: Actor, decisionId: string, message: string) {
  const decision = await prisma.moderationDecision.findUnique({ where: { id: decisionId } });
  // Someone else's decision is "not found": its existence is not theirs to learn.
  if (!decision || decision.subjectUserId !== actor.id) throw errors.notFound("Decision");
  if (!moderationPolicy.appeal(actor.id, decision)) throw errors.forbidden("Only rejections, removals and sanctions can be appealed.");
  try {
    return await inTransaction(prisma, async (tx) => {
      const appeal = await tx.appeal.create({ data: { decisionId, authorId: actor.id, message } });
      await recordAudit(tx, { consultationId: decision.consultationId, actorId: actor.id, action: "appeal_lodged", targetType: "appeal", targetId: appeal.id, statement: message });
      return { id: appeal.id, status: appeal.status, createdAt: appeal.createdAt.toISOString() };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw errors.conflict("This decision has already been appealed: each decision can be appealed once.");
    throw err;
  }
}

async function actorRankFor(prisma: PrismaClient, actor: Actor, consultationId: string | null) {
  if (!consultationId) return actor.isAdmin ? ("admin" as const) : ("none" as const);
  const consultation = await prisma.consultation.findUniqueOrThrow({ where: { id: consultationId } });
  return rankIn(await viewerFor(prisma, actor, consultationId), consultation);
}

export async function decideAppeal(prisma: PrismaClient, actor: Actor, appealId: string, input: { outcome: "upheld" | "overturned"; statement: string }) {
  const appeal = await prisma.appeal.findUnique({ where: { id: appealId }, include: { decision: true } });
  if (!appeal) throw errors.notFound("Appeal");
  const rank = await actorRankFor(prisma, actor, appeal.decision.consultationId);
  if (!["moderator", "organiser", "admin"].includes(rank)) throw errors.notFound("Appeal");
  if (!moderationPolicy.decideAppeal({ id: actor.id, rank }, appeal.decision)) throw errors.forbidden("An appeal is decided by someone other than the person who took the decision.");
  return inTransaction(prisma, async (tx) => {
    const { count } = await tx.appeal.updateMany({
      where: { id: appeal.id, status: "open" },
      data: { status: input.outcome, outcomeStatement: input.statement, decidedById: actor.id, decidedAt: new Date() },
    });
    if (count === 0) throw errors.conflict("This appeal was already decided.");
    const d = appeal.decision;
    // Overturning undoes what the decision did, and only that: a contribution withdrawn or reported as
    // illegal since then stays where it is (the guard matches nothing and the appeal cannot overturn).
    if (input.outcome === "overturned") {
      const restore = async (done: Promise<{ count: number }>) => {
        if ((await done).count === 0) throw errors.conflict("The contribution changed since the decision (withdrawn, or reported as illegal): it cannot be restored. Uphold the appeal or decide on it afresh.");
      };
      if (d.postId && ["reject", "hide"].includes(d.action)) {
        await restore(tx.post.updateMany({ where: { id: d.postId, status: d.action === "hide" ? "hidden" : "rejected", quarantined: false }, data: { status: "published" } }));
        recordEvent(tx, { consultationId: d.consultationId!, type: "post:approved", payload: { postId: d.postId } });
      }
      if (d.positionId && d.action === "remove_position") {
        await restore(tx.position.updateMany({ where: { id: d.positionId, status: { in: ["hidden", "rejected"] }, quarantined: false }, data: { status: "published" } }));
        recordEvent(tx, { consultationId: d.consultationId!, type: "position:published", payload: { positionId: d.positionId } });
      }
      // Amendments are rejected or hidden as posts are (server/amendments/moderation.ts), by a moderator or
      // automatically after flags; restoring publishes them again, never one quarantined since.
      if (d.amendmentId && ["reject", "hide"].includes(d.action)) {
        await restore(tx.amendment.updateMany({ where: { id: d.amendmentId, status: d.action === "hide" ? "hidden" : "rejected", quarantined: false }, data: { status: "published" } }));
        recordEvent(tx, { consultationId: d.consultationId!, type: "amendment:changed", payload: { amendmentId: d.amendmentId } });
      }
      if (d.action === "mute" && d.consultationId && d.subjectUserId) await tx.mute.deleteMany({ where: { consultationId: d.consultationId, userId: d.subjectUserId } });
      if (d.action === "suspend" && d.subjectUserId) await tx.user.update({ where: { id: d.subjectUserId }, data: { status: "active" } });
    }
    await recordAudit(tx, { consultationId: d.consultationId, actorId: actor.id, action: `appeal_${input.outcome}`, targetType: "appeal", targetId: appeal.id, statement: input.statement, before: { status: "open" }, after: { status: input.outcome } });
    await notify(tx, appeal.authorId, "appeal_outcome", { appealId: appeal.id, decisionId: d.id, outcome: input.outcome, statement: input.statement, consultationId: d.consultationId });
    return { id: appeal.id, status: input.outcome };
  });
}

/**
 * Staff: the appeals of a consultation (the author's message, the decision, who decided). A consultation
 * the caller may not read is the same 404 as a missing one (like the queue and the log); readers who are
 * not staff get 403. Takes an id or a slug, like every other consultation route.
 */
export async function listAppeals(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, consultationIdOrSlug);
  if (!consultationPolicy.moderate(viewer, consultation)) throw errors.forbidden("Only staff see appeals.");
  const rank = rankIn(viewer, consultation);
  const appeals = await prisma.appeal.findMany({ where: { decision: { consultationId: consultation.id } }, include: { decision: true }, orderBy: { createdAt: "asc" } });
  return appeals.map((a) => ({
    id: a.id,
    status: a.status,
    message: a.message,
    createdAt: a.createdAt.toISOString(),
    outcomeStatement: a.outcomeStatement,
    decision: { id: a.decision.id, action: a.decision.action, reasonCode: a.decision.reasonCode, statement: a.decision.statement, decidedById: a.decision.decidedById, postId: a.decision.postId, positionId: a.decision.positionId, amendmentId: a.decision.amendmentId },
    canDecide: a.status === "open" && moderationPolicy.decideAppeal({ id: actor.id, rank }, a.decision),
  }));
}

function contributionOf(post: { bodyHtml: string; quarantined: boolean; status: PostStatus } | undefined): TAffectedContribution | null {
  if (!post) return null;
  return { bodyHtml: post.quarantined ? null : post.bodyHtml, quarantined: post.quarantined, status: post.status };
}

/** The author's view: every decision about their content or account, with reasons and appeal state. */
export async function listMyDecisions(prisma: PrismaClient, actor: Actor) {
  const decisions = await prisma.moderationDecision.findMany({
    where: { subjectUserId: actor.id, confirmedAt: { not: null } },
    include: { appeal: true },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const postIds = decisions.map((d) => d.postId).filter((id): id is string => id !== null);
  // Only the actor's own posts: a decision's subject is its author, but the rule is said here again.
  const posts = new Map(
    (postIds.length
      ? await prisma.post.findMany({ where: { id: { in: postIds }, authorId: actor.id }, select: { id: true, bodyHtml: true, quarantined: true, status: true } })
      : []
    ).map((p) => [p.id, p]),
  );
  // Where the author finds their amendment: the draft text's reading view at the amended unit. Only their
  // own (the decision's subject is its author; said here again), and no words of it: a link, not a copy.
  const amendmentIds = decisions.map((d) => d.amendmentId).filter((id): id is string => id !== null);
  const amendmentRows = amendmentIds.length
    ? await prisma.amendment.findMany({ where: { id: { in: amendmentIds }, authorId: actor.id }, select: { id: true, consultationId: true, documentId: true, eId: true, status: true, quarantined: true } })
    : [];
  const slugs = new Map(
    (amendmentRows.length ? await prisma.consultation.findMany({ where: { id: { in: [...new Set(amendmentRows.map((a) => a.consultationId))] } }, select: { id: true, slug: true } }) : []).map((c) => [c.id, c.slug]),
  );
  const amendments = new Map(
    amendmentRows.map((a) => [a.id, { id: a.id, consultationSlug: slugs.get(a.consultationId) ?? a.consultationId, documentId: a.documentId, eId: a.eId, status: a.status, quarantined: a.quarantined }]),
  );
  return decisions.map((d) => ({
    // The text the decision was about, so its author can see what was hidden or rejected and appeal
    // knowingly. Only their own post; content reported as illegal is never redistributed, not even here.
    contribution: contributionOf(d.postId ? posts.get(d.postId) : undefined),
    id: d.id,
    action: d.action,
    automated: d.automated,
    reasonCode: d.reasonCode,
    statement: d.statement,
    consultationId: d.consultationId,
    postId: d.postId,
    positionId: d.positionId,
    amendmentId: d.amendmentId,
    amendment: d.amendmentId ? (amendments.get(d.amendmentId) ?? null) : null,
    createdAt: d.createdAt.toISOString(),
    appealable: moderationPolicy.appeal(actor.id, d) && !d.appeal,
    appeal: d.appeal ? { id: d.appeal.id, status: d.appeal.status, outcomeStatement: d.appeal.outcomeStatement } : null,
  }));
}
