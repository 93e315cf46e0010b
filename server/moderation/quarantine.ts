// Opening content reported as illegal: staff only, and every opening is written to the audit log.
import { inTransaction } from "../events/record.ts";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { viewerFor } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { recordAudit } from "./audit.ts";

export async function openQuarantined(prisma: PrismaClient, actor: Actor, kind: "post" | "position", id: string) {
  return inTransaction(prisma, async (tx) => {
    const item =
      kind === "post"
        ? await tx.post.findUnique({ where: { id }, include: { consultation: true, revisions: { orderBy: { version: "asc" } } } })
        : await tx.position.findUnique({ where: { id }, include: { consultation: true, evidence: true } });
    if (!item || !item.quarantined) throw errors.notFound(kind === "post" ? "Post" : "Position");
    const viewer = await viewerFor(tx, actor, item.consultationId);
    if (!consultationPolicy.moderate(viewer, item.consultation)) throw errors.notFound(kind === "post" ? "Post" : "Position");
    await recordAudit(tx, { consultationId: item.consultationId, actorId: actor.id, action: "open_quarantined", targetType: kind, targetId: id });
    const { consultation: _c, ...content } = item;
    return content;
  });
}
