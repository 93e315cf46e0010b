// contributionVisibility (policy.ts) written as an SQL condition on a contributions table alias, for the
// reads written in SQL (exports). The same three cases as visibleContributionWhere, from the same rule.
import { Prisma } from "../db/generated/client.ts";
import { contributionVisibility, type ConsultationState, type Viewer } from "./policy.ts";

export function visibleContributionSql(viewer: Viewer, c: ConsultationState, alias: string): Prisma.Sql {
  const v = contributionVisibility(viewer, c);
  const col = (name: string) => Prisma.raw(`${alias}.${name}`);
  if (v.kind === "all") return Prisma.sql`TRUE`;
  if (v.kind === "published-and-own-pending") return Prisma.sql`(${col("status")} = 'published' OR (${col("status")} = 'pending' AND ${col("author_id")} = ${v.userId}))`;
  return Prisma.sql`${col("status")} = 'published'`;
}
