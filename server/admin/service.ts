// Account administration by admins: list accounts, suspend and reinstate, grant admin.
import { inTransaction } from "../events/record.ts";
import { endUserSessions } from "../accounts/sessions.ts";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { accountPolicy } from "../accounts/policy.ts";
import { errors } from "../http/errors.ts";
import type { TUpdateUserBody } from "../../shared/schemas/admin.ts";
import { setAccountSuspended } from "../moderation/sanctions.ts";
import { recordAudit } from "../moderation/audit.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";

type AccountRow = { id: string; email: string; displayName: string; category: string; isAdmin: boolean; status: string; createdAt: Date; legalName?: string | null; consultationRoles?: { role: string }[] };

function presentAccount(u: AccountRow) {
  const roles = u.consultationRoles ?? [];
  return {
    id: u.id, email: u.email, displayName: u.displayName, category: u.category, isAdmin: u.isAdmin, status: u.status, createdAt: u.createdAt.toISOString(),
    /** The real name behind a verified pseudonym (admins only). */
    verifiedIdentity: u.legalName ?? null,
    /** In how many consultations the person holds each role (admins see who runs and moderates what). */
    consultationRoles: Object.fromEntries(["organiser", "moderator", "analyst", "participant", "observer"].map((r) => [r, roles.filter((x) => x.role === r).length])),
  };
}
const WITH_ROLES = { consultationRoles: { select: { role: true } } } as const;

export async function listAccounts(prisma: PrismaClient, actor: Actor, query: { q?: string; cursor?: string; limit: number }) {
  if (!accountPolicy.list(actor)) throw errors.forbidden();
  const after = query.cursor ? decodeCursor(query.cursor, { id: cursorKeys.id }).id : null;
  const rows = await prisma.user.findMany({
    where: {
      ...(query.q ? { OR: [{ emailKey: { contains: query.q.toLowerCase() } }, { displayName: { contains: query.q, mode: "insensitive" } }] } : {}),
      ...(after ? { id: { gt: after } } : {}),
    },
    orderBy: { id: "asc" },
    take: query.limit + 1,
    include: WITH_ROLES,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(presentAccount), nextCursor: rows.length > query.limit ? encodeCursor({ id: page.at(-1)!.id }) : null };
}

export async function updateAccount(prisma: PrismaClient, actor: Actor, userId: string, input: TUpdateUserBody) {
  if (!accountPolicy.list(actor)) throw errors.forbidden();
  const target = await prisma.user.findUnique({ where: { id: userId } });
  if (!target) throw errors.notFound("User");
  if (input.isAdmin && !accountPolicy.grantAdmin(actor, target)) throw errors.forbidden("This account is already an admin.");
  if (input.status && input.status !== target.status) {
    await setAccountSuspended(prisma, actor, userId, input.status === "suspended", { reasonCode: input.reasonCode, statement: input.statement });
  }
  if (input.isAdmin) {
    await inTransaction(prisma, async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { isAdmin: true } });
      // A new role: the account logs in again, so no session or socket keeps what it held before.
      await endUserSessions(tx, userId, "role_changed");
      await recordAudit(tx, { consultationId: null, actorId: actor.id, action: "grant_admin", targetType: "user", targetId: userId, before: { isAdmin: false }, after: { isAdmin: true } });
    });
  }
  return presentAccount(await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: WITH_ROLES }));
}
