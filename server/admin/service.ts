// Account administration by admins: list accounts, suspend and reinstate, grant admin.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { accountPolicy } from "../accounts/policy.ts";
import { errors } from "../http/errors.ts";
import type { TUpdateUserBody } from "../../shared/schemas/admin.ts";

function presentAccount(u: { id: string; email: string; displayName: string; category: string; isAdmin: boolean; status: string; createdAt: Date }) {
  return { id: u.id, email: u.email, displayName: u.displayName, category: u.category, isAdmin: u.isAdmin, status: u.status, createdAt: u.createdAt.toISOString() };
}

export async function listAccounts(prisma: PrismaClient, actor: Actor, query: { q?: string; cursor?: string; limit: number }) {
  if (!accountPolicy.list(actor)) throw errors.notFound("API route");
  const rows = await prisma.user.findMany({
    where: {
      ...(query.q ? { OR: [{ emailKey: { contains: query.q.toLowerCase() } }, { displayName: { contains: query.q, mode: "insensitive" } }] } : {}),
      ...(query.cursor ? { id: { gt: query.cursor } } : {}),
    },
    orderBy: { id: "asc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(presentAccount), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}

export async function updateAccount(prisma: PrismaClient, actor: Actor, userId: string, input: TUpdateUserBody) {
  if (!accountPolicy.list(actor)) throw errors.notFound("API route");
  const target = await prisma.user.findUnique({ where: { id: userId } });
  if (!target) throw errors.notFound("User");
  if (input.status === "suspended" && !accountPolicy.suspend(actor, target)) throw errors.forbidden("You cannot suspend this account.");
  if (input.status === "active" && !accountPolicy.reinstate(actor, target)) throw errors.forbidden("You cannot reinstate this account.");
  if (input.isAdmin && !accountPolicy.grantAdmin(actor, target)) throw errors.forbidden("This account is already an admin.");
  const updated = await prisma.user.update({
    where: { id: userId },
    data: { ...(input.status ? { status: input.status } : {}), ...(input.isAdmin ? { isAdmin: true } : {}) },
  });
  return presentAccount(updated);
}
