// What waits for a staff member across the consultations they moderate: the count behind the header's
// "Moderation" entry. Waiting = held for review, or published with open flags (each item once).
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";

export async function moderationOverview(prisma: PrismaClient, actor: Actor) {
  // Staff roles are granted to people directly (organisations join as participants or observers).
  const consultations = await prisma.consultation.findMany({
    where: {
      status: { not: "draft" },
      ...(actor.isAdmin ? {} : { members: { some: { userId: actor.id, role: { in: ["moderator", "organiser"] } } } }),
    },
    select: { id: true, slug: true, title: true },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const ids = consultations.map((c) => c.id);
  if (ids.length === 0) return { total: 0, consultations: [] };
  const [pendingPosts, pendingPositions, pendingAmendments, flagged] = await Promise.all([
    prisma.post.groupBy({ by: ["consultationId"], where: { consultationId: { in: ids }, status: "pending" }, _count: { _all: true } }),
    prisma.position.groupBy({ by: ["consultationId"], where: { consultationId: { in: ids }, status: "pending" }, _count: { _all: true } }),
    // Held amendments to the draft texts wait in the same queue.
    prisma.amendment.groupBy({ by: ["consultationId"], where: { consultationId: { in: ids }, status: "pending" }, _count: { _all: true } }),
    // One row per flagged item (not per flag); held items are already counted as pending.
    prisma.flag.groupBy({
      by: ["consultationId", "postId", "positionId", "amendmentId"],
      where: {
        consultationId: { in: ids },
        resolvedAt: null,
        OR: [{ post: { status: { not: "pending" } } }, { position: { status: { not: "pending" } } }, { amendment: { status: { not: "pending" } } }],
      },
    }),
  ]);
  const waiting = new Map<string, number>();
  const add = (id: string, n: number) => waiting.set(id, (waiting.get(id) ?? 0) + n);
  for (const g of [...pendingPosts, ...pendingPositions, ...pendingAmendments]) add(g.consultationId, g._count._all);
  for (const g of flagged) add(g.consultationId, 1);
  const items = consultations.map((c) => ({ ...c, waiting: waiting.get(c.id) ?? 0 }));
  return { total: items.reduce((n, c) => n + c.waiting, 0), consultations: items.filter((c) => c.waiting > 0) };
}
