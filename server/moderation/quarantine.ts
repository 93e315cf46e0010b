// Opening content reported as illegal (a post, a position or an amendment): staff only, and every opening is written to the audit log.
import { inTransaction } from "../events/record.ts";
import type { PrismaClient, Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { viewerFor } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { recordAudit } from "./audit.ts";

const WHAT = { post: "Post", position: "Position", amendment: "Amendment" } as const;

async function loadItem(tx: Tx, kind: keyof typeof WHAT, id: string) {
  if (kind === "post") return tx.post.findUnique({ where: { id }, include: { consultation: true, revisions: { orderBy: { version: "asc" } } } });
  if (kind === "position") return tx.position.findUnique({ where: { id }, include: { consultation: true, evidence: true } });
  const amendment = await tx.amendment.findUnique({ where: { id } });
  return amendment && { ...amendment, consultation: await tx.consultation.findUniqueOrThrow({ where: { id: amendment.consultationId } }) };
}

export async function openQuarantined(prisma: PrismaClient, actor: Actor, kind: "post" | "position" | "amendment", id: string) {
  return inTransaction(prisma, async (tx) => {
    const item = await loadItem(tx, kind, id);
    if (!item || !item.quarantined) throw errors.notFound(WHAT[kind]);
    const viewer = await viewerFor(tx, actor, item.consultationId);
    if (!consultationPolicy.moderate(viewer, item.consultation)) throw errors.notFound(WHAT[kind]);
    await recordAudit(tx, { consultationId: item.consultationId, actorId: actor.id, action: "open_quarantined", targetType: kind, targetId: id });
    const { consultation: _c, ...content } = item;
    return content;
  });
}
