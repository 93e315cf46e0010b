// Moderating amendments with the moderation machinery: the same neutrality and hierarchy rules
// (moderationPolicy with loadDecisionFacts), the same status moves as posts and positions, a decision
// row the author is notified of and may appeal, and an audit entry (recordDecision); flags on an
// amendment are dismissed as a post's are (dismissFlags: audited, nobody told).
import { about } from "../notifications/about.ts";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { loadReadableConsultation, viewerFor } from "../consultations/access.ts";
import { loadDecisionFacts } from "../moderation/facts.ts";
import { moderationPolicy } from "../moderation/policy.ts";
import { dismissFlags, queuedAt, recordDecision, type DecisionRecord } from "../moderation/decisions.ts";
import { inTransaction } from "../events/record.ts";
import type { TAmendmentDecisionBody } from "../../shared/schemas/texts.ts";

const NEXT_STATUS = {
  approve: { from: ["pending"], to: "published" },
  reject: { from: ["pending"], to: "rejected" },
  hide: { from: ["published"], to: "hidden" },
  restore: { from: ["hidden", "rejected"], to: "published" },
} as const;

export async function decideOnAmendment(prisma: PrismaClient, actor: Actor, amendmentId: string, input: TAmendmentDecisionBody) {
  return inTransaction(prisma, async (tx) => {
    const amendment = await tx.amendment.findUnique({ where: { id: amendmentId } });
    if (!amendment) throw errors.notFound("Amendment");
    const consultation = await tx.consultation.findUniqueOrThrow({ where: { id: amendment.consultationId } });
    const viewer = await viewerFor(tx, actor, consultation.id);
    // Not staff here: the same 404 as a missing amendment (a hidden one must not be revealed).
    if (!consultationPolicy.moderate(viewer, consultation)) throw errors.notFound("Amendment");
    const removes = input.action === "reject" || input.action === "hide";
    const facts = await loadDecisionFacts(tx, actor, consultation, { userId: amendment.authorId, onBehalfOfOrganisationId: amendment.organisationId });
    if (!moderationPolicy.decide(facts, removes)) {
      throw errors.forbidden("You cannot decide on this amendment: it is your own, speaks for your organisation, or its author ranks at or above you.");
    }
    const target = { amendmentId: amendment.id };
    const record: DecisionRecord = {
      consultation,
      action: input.action,
      reasonCode: input.reasonCode ?? null,
      statement: input.statement ?? null,
      decidedById: actor.id,
      subjectUserId: amendment.authorId,
      subjectCategory: amendment.category,
      target,
      about: about.amendment(amendment.eId),
      // As for posts and positions: held since creation, or flagged since the first open flag; a published,
      // unflagged amendment a moderator hides was never queued (null), so its age does not count as waiting.
      queuedAt: await queuedAt(tx, amendment, target),
    };
    // Flags found unfounded: the amendment stays as it is, as for posts and positions.
    if (input.action === "dismiss_flags") return dismissFlags(tx, record, target, amendment.status);
    const move = NEXT_STATUS[input.action];
    if (!(move.from as readonly string[]).includes(amendment.status)) {
      throw errors.conflict(`Cannot ${input.action} an amendment that is ${amendment.status}.`, [{ path: "action", message: `not applicable to a ${amendment.status} amendment` }]);
    }
    // Guarded update: a concurrent decision on the same amendment makes this one a conflict, not a double.
    const { count } = await tx.amendment.updateMany({
      where: { id: amendment.id, status: amendment.status },
      data: { status: move.to, ...(input.action === "restore" ? { quarantined: false } : {}) },
    });
    if (count === 0) throw errors.conflict("Someone else decided on this amendment first.");
    // A decision settles the open flags (hiding a flagged amendment is the existing decision path).
    await tx.flag.updateMany({ where: { ...target, resolvedAt: null }, data: { resolvedAt: new Date() } });
    // The decision row, the audit entry, the author's notification, amendment:changed and queue:decided.
    const decision = await recordDecision(tx, { ...record, before: { status: amendment.status }, after: { status: move.to } });
    return { decision: { id: decision.id, action: decision.action }, status: move.to };
  });
}

/** How many amendments the moderation page lists at once (oldest first): a queue, not an archive. */
const MODERATION_LIST_MAX = 200;

/**
 * Amendments waiting for a moderator (held for review) and those removed (to restore), for the moderation
 * page; moderators and organisers only (403 otherwise, like the queue). Quarantined text is withheld here
 * as in the queue.
 */
export async function listAmendmentsForModeration(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, consultationIdOrSlug);
  if (!consultationPolicy.moderate(viewer, consultation)) throw errors.forbidden("Only moderators and organisers see the moderation queue.");
  const rows = await prisma.amendment.findMany({
    where: { consultationId: consultation.id, status: { in: ["pending", "hidden", "rejected"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MODERATION_LIST_MAX,
    include: { author: { select: { id: true, displayName: true } } },
  });
  const [documents, organisations] = await Promise.all([
    prisma.textDocument.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.documentId))] } }, select: { id: true, title: true } }),
    prisma.organisation.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => !!x))] } }, select: { id: true, name: true } }),
  ]);
  const title = new Map(documents.map((d) => [d.id, d.title]));
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return {
    items: rows.map((a) => ({
      id: a.id,
      documentId: a.documentId,
      documentTitle: title.get(a.documentId) ?? "",
      eId: a.eId,
      kind: a.kind,
      status: a.status,
      quarantined: a.quarantined,
      quote: a.quarantined ? null : a.quote,
      proposedText: a.quarantined ? null : a.proposedText,
      justificationHtml: a.quarantined ? null : a.justificationHtml,
      category: a.category,
      author: a.author,
      organisation: a.organisationId ? { id: a.organisationId, name: orgName.get(a.organisationId) ?? "" } : null,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}
