// The site's own audit: what admins (and the admin CLI) did outside any consultation — verifying or
// refusing organisations, suspending and reinstating accounts, granting admin — newest first, with the
// names of who did it and of what it was done to.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { accountPolicy } from "../accounts/policy.ts";
import { errors } from "../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";

export async function readAdminAudit(prisma: PrismaClient, actor: Actor, query: { action?: string; cursor?: string; limit: number }) {
  if (!accountPolicy.list(actor)) throw errors.forbidden();
  const after = query.cursor ? decodeCursor(query.cursor, { seq: cursorKeys.seq }).seq : null;
  const rows = await prisma.auditEntry.findMany({
    where: { consultationId: null, ...(query.action ? { action: query.action } : {}), ...(after !== null ? { seq: { lt: after } } : {}) },
    orderBy: { seq: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const userIds = [...new Set(page.flatMap((r) => [r.actorId, r.targetType === "user" ? r.targetId : null]).filter((x): x is string => !!x))];
  const orgIds = [...new Set(page.filter((r) => r.targetType === "organisation").map((r) => r.targetId))];
  const [users, orgs] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }),
    prisma.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }),
  ]);
  const names = new Map<string, string>([...users.map((u) => [u.id, u.displayName] as const), ...orgs.map((o) => [o.id, o.name] as const)]);
  return {
    items: page.map((e) => ({
      id: e.id,
      seq: e.seq,
      action: e.action,
      /** Null: done from the command line. */
      actor: e.actorId ? { id: e.actorId, displayName: names.get(e.actorId) ?? null } : null,
      target: { type: e.targetType, id: e.targetId, name: names.get(e.targetId) ?? null },
      reasonCode: e.reasonCode,
      statement: e.statement,
      before: e.before,
      after: e.after,
      createdAt: e.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit ? encodeCursor({ seq: page.at(-1)!.seq }) : null,
  };
}
