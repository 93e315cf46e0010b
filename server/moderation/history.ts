// What happened to one item, for the people who moderate it: every decision in order, who took it (or
// "automated"), the reason code and statement, and any appeal with its outcome.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { viewerFor } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";

export type HistoryKind = "post" | "position" | "amendment";
const WHAT = { post: "Post", position: "Position", amendment: "Amendment" } as const;

/** The item's consultation, or null if there is no such item. */
async function consultationOf(prisma: PrismaClient, target: { kind: HistoryKind; id: string }) {
  if (target.kind === "post") return (await prisma.post.findUnique({ where: { id: target.id }, select: { consultation: true } }))?.consultation ?? null;
  if (target.kind === "position") return (await prisma.position.findUnique({ where: { id: target.id }, select: { consultation: true } }))?.consultation ?? null;
  // Amendments have no Prisma relation to their consultation (as in server/amendments/).
  const amendment = await prisma.amendment.findUnique({ where: { id: target.id }, select: { consultationId: true } });
  return amendment && prisma.consultation.findUniqueOrThrow({ where: { id: amendment.consultationId } });
}

const decisionsOf = (target: { kind: HistoryKind; id: string }) =>
  target.kind === "post" ? { postId: target.id } : target.kind === "position" ? { positionId: target.id } : { amendmentId: target.id };

export async function listDecisionHistory(prisma: PrismaClient, actor: Actor, target: { kind: HistoryKind; id: string }) {
  const consultation = await consultationOf(prisma, target);
  // Anyone who does not moderate the item's consultation gets the same 404 as for a missing item.
  if (!consultation) throw errors.notFound(WHAT[target.kind]);
  const viewer = await viewerFor(prisma, actor, consultation.id);
  if (!consultationPolicy.moderate(viewer, consultation)) throw errors.notFound(WHAT[target.kind]);
  const decisions = await prisma.moderationDecision.findMany({
    where: decisionsOf(target),
    // The id keeps the order stable when two decisions share a millisecond.
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { appeal: true },
  });
  const people = await prisma.user.findMany({
    where: { id: { in: [...new Set(decisions.flatMap((d) => [d.decidedById, d.confirmedById, d.appeal?.decidedById]).filter((x): x is string => !!x))] } },
    select: { id: true, displayName: true },
  });
  const name = (id: string | null | undefined) => (id ? (people.find((p) => p.id === id) ?? null) : null);
  return decisions.map((d) => ({
    id: d.id,
    action: d.action,
    reasonCode: d.reasonCode,
    statement: d.statement,
    automated: d.automated,
    decidedBy: name(d.decidedById),
    confirmedBy: name(d.confirmedById),
    confirmed: d.confirmedAt !== null,
    createdAt: d.createdAt.toISOString(),
    appeal: d.appeal
      ? { status: d.appeal.status, outcomeStatement: d.appeal.outcomeStatement, decidedBy: name(d.appeal.decidedById), decidedAt: d.appeal.decidedAt?.toISOString() ?? null, createdAt: d.appeal.createdAt.toISOString() }
      : null,
  }));
}
