// Verified pseudonymous participation, for survivors and whistle-blowers: a person asks to take part
// under a pseudonym and gives their real name; a moderator or organiser of one of the person's
// consultations, or an admin, verifies who they are (recorded in the audit log). Once verified, the
// account's display name IS the pseudonym, so every public surface (posts, threads, search, exports,
// sockets) shows the pseudonym and the category and nothing else; the real name lives in users.legal_name,
// which only staff surfaces select (the consultation member list, the admin accounts list).
import type { PrismaClient, Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { recordAudit } from "../moderation/audit.ts";
import type { TPseudonymDecisionBody, TPseudonymRequestBody } from "../../shared/schemas/privacy.ts";

const present = (r: { id: string; pseudonym: string; status: string; createdAt: Date; decidedAt: Date | null }) => ({
  id: r.id,
  pseudonym: r.pseudonym,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

export async function requestPseudonym(prisma: PrismaClient, actor: Actor, input: TPseudonymRequestBody) {
  const pending = await prisma.pseudonymRequest.findFirst({ where: { userId: actor.id, status: "pending" } });
  if (pending) throw errors.conflict("You already have a request waiting for verification.");
  const row = await prisma.pseudonymRequest.create({ data: { userId: actor.id, pseudonym: input.pseudonym, legalName: input.legalName, note: input.note ?? null } });
  return present(row);
}

export async function listMyPseudonymRequests(prisma: PrismaClient, actor: Actor) {
  const rows = await prisma.pseudonymRequest.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" } });
  return rows.map(present);
}

/**
 * Who may verify this person: admins, and moderators or organisers (directly) of a consultation the
 * person is a member of. Never the person themselves. A staff member waiting for two-factor has no
 * staff role yet (actor.staffLocked).
 */
async function mayVerify(db: Tx, actor: Actor, userId: string): Promise<boolean> {
  if (actor.id === userId || actor.staffLocked) return false;
  if (actor.isAdmin) return true;
  const rows = await db.$queryRaw<{ ok: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM consultation_members staff JOIN consultation_members person ON person.consultation_id = staff.consultation_id
       WHERE staff.user_id = ${actor.id} AND staff.role::text IN ('moderator', 'organiser') AND person.user_id = ${userId}
    ) AS ok`;
  return rows[0]?.ok === true;
}

/** Pending requests this staff member may decide, with the real names (staff only). */
export async function listPseudonymRequestsForStaff(prisma: PrismaClient, actor: Actor) {
  const rows = await prisma.pseudonymRequest.findMany({ where: { status: "pending" }, include: { user: { select: { id: true, displayName: true, category: true } } }, orderBy: { createdAt: "asc" }, take: 200 });
  const out = [];
  for (const r of rows) {
    if (await mayVerify(prisma, actor, r.userId)) out.push({ ...present(r), legalName: r.legalName, note: r.note, user: r.user });
  }
  return { items: out };
}

export async function decidePseudonymRequest(prisma: PrismaClient, actor: Actor, requestId: string, input: TPseudonymDecisionBody) {
  return prisma.$transaction(async (tx) => {
    const request = await tx.pseudonymRequest.findUnique({ where: { id: requestId } });
    // Not yours to decide is the same 404 as a request that does not exist.
    if (!request || !(await mayVerify(tx, actor, request.userId))) throw errors.notFound("Request");
    if (request.status !== "pending") throw errors.conflict("This request was already decided.");
    const now = new Date();
    const { count } = await tx.pseudonymRequest.updateMany({ where: { id: requestId, status: "pending" }, data: { status: input.verify ? "verified" : "refused", decidedById: actor.id, decidedAt: now } });
    if (count === 0) throw errors.conflict("This request was already decided.");
    if (input.verify) {
      await tx.user.update({ where: { id: request.userId }, data: { displayName: request.pseudonym, legalName: request.legalName, pseudonymVerifiedAt: now } });
    }
    // The audit says who verified whom and when; the real name stays out of the log.
    await recordAudit(tx, { consultationId: null, actorId: actor.id, action: input.verify ? "verify_pseudonym" : "refuse_pseudonym", targetType: "user", targetId: request.userId, statement: input.statement ?? null, after: { pseudonym: request.pseudonym } });
    return present({ ...request, status: input.verify ? "verified" : "refused", decidedAt: now });
  });
}
