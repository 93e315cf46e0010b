// Endorsements of posts and positions: once per person (a unique constraint, not a read-then-write),
// withdrawable, counted by the endorser's stakeholder category.
import type { Tx } from "../db/index.ts";
import { Prisma } from "../db/generated/client.ts";
import { readRows } from "../db/direct-reads.ts";
import type { EndorsementTally } from "./present.ts";

type Target = { postId: string } | { positionId: string };

/** Tallies for many targets in one grouped query (no N+1 on list pages). */
export async function tallyEndorsements(db: Tx, target: "postId" | "positionId", ids: string[]): Promise<Map<string, EndorsementTally>> {
  const tallies = new Map<string, EndorsementTally>();
  if (ids.length === 0) return tallies;
  // One grouped plain statement (db/direct-reads.ts): exports ask it for a thousand ids a batch.
  const column = Prisma.raw(target === "postId" ? "post_id" : "position_id");
  const groups = await readRows<{ target: string; category: string; n: number }>(
    db,
    Prisma.sql`SELECT ${column} AS target, category::text AS category, count(*)::int AS n FROM endorsements WHERE ${column} = ANY(${ids}::text[]) GROUP BY 1, 2`,
  );
  for (const g of groups) {
    const tally = tallies.get(g.target) ?? { total: 0, byCategory: {} };
    tally.total += g.n;
    tally.byCategory[g.category] = (tally.byCategory[g.category] ?? 0) + g.n;
    tallies.set(g.target, tally);
  }
  return tallies;
}

export async function endorsedBy(db: Tx, userId: string | null, target: "postId" | "positionId", ids: string[]): Promise<Set<string>> {
  if (!userId || ids.length === 0) return new Set();
  const rows = await db.endorsement.findMany({ where: { userId, [target]: { in: ids } }, select: { postId: true, positionId: true } });
  return new Set(rows.map((r) => (target === "postId" ? r.postId : r.positionId)!));
}

/**
 * Returns whether a new endorsement was recorded (false: it already existed). ON CONFLICT DO NOTHING
 * rather than catching the violation: inside a transaction an error would abort it.
 */
export async function addEndorsement(tx: Tx, userId: string, category: string, target: Target): Promise<boolean> {
  const { count } = await tx.endorsement.createMany({ data: [{ userId, category: category as never, ...target }], skipDuplicates: true });
  return count > 0;
}

export async function removeEndorsement(tx: Tx, userId: string, target: Target): Promise<boolean> {
  const { count } = await tx.endorsement.deleteMany({ where: { userId, ...target } });
  return count > 0;
}

/** The category a person endorses in: the organisation they represent if any, else their own. */
export async function endorserCategory(db: Tx, userId: string): Promise<string> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { category: true, organisations: { where: { role: "representative", organisation: { verified: true } }, select: { organisation: { select: { category: true } } }, take: 1 } },
  });
  return user.organisations[0]?.organisation.category ?? user.category;
}
