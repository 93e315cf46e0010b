// What happened to one item, for the people who moderate it: every decision in order, who took it (or
// "automated"), the reason code and statement, and any appeal with its outcome.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { viewerFor } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";

export async function listDecisionHistory(prisma: PrismaClient, actor: Actor, target: { kind: "post" | "position"; id: string }) {
  const item =
    target.kind === "post"
      ? await prisma.post.findUnique({ where: { id: target.id }, select: { consultation: true } })
      : await prisma.position.findUnique({ where: { id: target.id }, select: { consultation: true } });
  // Anyone who does not moderate the item's consultation gets the same 404 as for a missing item.
  if (!item) throw errors.notFound(target.kind === "post" ? "Post" : "Position");
  const viewer = await viewerFor(prisma, actor, item.consultation.id);
  if (!consultationPolicy.moderate(viewer, item.consultation)) throw errors.notFound(target.kind === "post" ? "Post" : "Position");
  const decisions = await prisma.moderationDecision.findMany({
    where: target.kind === "post" ? { postId: target.id } : { positionId: target.id },
    orderBy: { createdAt: "asc" },
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
