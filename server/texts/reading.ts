// The reading view: a version of the text with, for every unit, the number of comments (visible posts in
// threads anchored to it) and amendments, and who engaged by stakeholder category; totals roll up to
// articles and chapters. A fixed number of grouped queries whatever the size of the text (never one per
// unit), so a 1,000-unit text with 10,000 comments opens at once (test/bench/w-texts.ts).
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import type { Consultation } from "../db/generated/client.ts";
import { contributionVisibility, visibleContributionWhere, type Viewer } from "../consultations/policy.ts";
import { Prisma } from "../db/generated/client.ts";
import { errors } from "../http/errors.ts";
import { buildTree } from "./tree.ts";
import { loadReadableDocument, presentVersions } from "./service.ts";
import { textPolicy } from "./policy.ts";

export interface CategoryCounts {
  comments: number;
  amendments: number;
  /** Endorsements of the unit's amendments by people of this category. */
  endorsements: number;
}
export interface UnitCounts {
  comments: number;
  amendments: number;
  /** Positions on a question citing the unit (not by category: the margin and the standing show the number). */
  positions: number;
  byCategory: Record<string, CategoryCounts>;
}

/** visibleContributionWhere as SQL on the posts aliased `alias` (the same rule, from contributionVisibility). */
function visibleSql(viewer: Viewer, c: Consultation, alias: "o" | "p" | "a" | "s", opts: { publicOnly?: boolean }) {
  const col = (name: string) => Prisma.raw(`${alias}.${name}`);
  const v = contributionVisibility(viewer, c);
  const status =
    v.kind === "all"
      ? Prisma.sql`TRUE`
      : v.kind === "published-and-own-pending"
        ? Prisma.sql`(${col("status")} = 'published' OR (${col("status")} = 'pending' AND ${col("author_id")} = ${v.userId}))`
        : Prisma.sql`${col("status")} = 'published'`;
  return opts.publicOnly ? Prisma.sql`${status} AND NOT ${col("quarantined")}` : status;
}

export const empty = (): UnitCounts => ({ comments: 0, amendments: 0, positions: 0, byCategory: {} });
const FIELDS = ["comments", "amendments", "endorsements"] as const;
const bump = (c: UnitCounts, category: string, field: keyof CategoryCounts, n: number) => {
  const cat = (c.byCategory[category] ??= { comments: 0, amendments: 0, endorsements: 0 });
  cat[field] += n;
  if (field !== "endorsements") c[field] += n;
};

/**
 * "Most contested": a provision is contested when stakeholder categories back DIFFERENT amendments to it.
 * Each category backs the amendment of the unit it supports most (its proposals plus its endorsements);
 * `camps` is how many distinct amendments are some category's first choice. Units with two camps or more
 * are listed, most camps first, then by how many categories took part, then by total engagement.
 */
export const CONTESTED_MEASURE =
  "A provision is contested when stakeholder categories back different amendments to it. Each category's first choice is the amendment it supports most (proposals and endorsements by people of that category); the measure is the number of distinct first choices (camps). Provisions with two camps or more are ranked by camps, then by the number of categories involved, then by total proposals, endorsements and comments.";

export async function getReadingView(prisma: PrismaClient, actor: Actor | null, documentId: string, query: { version?: number }) {
  const { document, viewer, consultation } = await loadReadableDocument(prisma, actor, documentId);
  const currentVersion = document.versions.at(-1)!.number;
  const number = query.version ?? currentVersion;
  const version = await prisma.textVersion.findUnique({ where: { documentId_number: { documentId: document.id, number } }, select: { id: true } });
  if (!version) throw errors.notFound("Version");
  const { units, own, total, contested } = await computeReading(prisma, viewer, consultation, document.id, version.id);
  return {
    id: document.id,
    consultationId: document.consultationId,
    title: document.title,
    version: number,
    currentVersion,
    // The reading page's version switcher and organiser actions need no second request.
    versions: presentVersions(document.versions),
    abilities: { manage: textPolicy.manage(viewer, consultation) },
    units: buildTree(units, (u) => ({ id: u.id, counts: own.get(u.eId) ?? empty(), totals: total.get(u.eId) ?? empty() })),
    mostContested: { measure: CONTESTED_MEASURE, items: contested },
  };
}

/**
 * The counts of one version's units as `viewer` may see them (the reading view; the summary report asks
 * for the public's view): own and with descendants, and the contested units. Quarantined items are left
 * out when `publicOnly` (the report is for publication).
 */
export async function computeReading(prisma: PrismaClient, viewer: Viewer, consultation: Consultation, documentId: string, versionId: string, opts: { publicOnly?: boolean } = {}) {
  const visible = { ...visibleContributionWhere(viewer, consultation), ...(opts.publicOnly ? { quarantined: false } : {}) };
  const document = { id: documentId };
  const version = { id: versionId };
  // The comments per unit and category in one grouped query over the anchors (thread_anchors by document,
  // posts by thread): no list of thread ids sent back and forth, no row per thread to count in JavaScript.
  // A thread whose opening post the viewer may not see does not count (as in the thread list).
  const commentsQuery = prisma.$queryRaw<{ eId: string; category: string; n: number }[]>`
    SELECT a.e_id AS "eId", p.author_category::text AS category, count(*)::int AS n
    FROM thread_anchors a
    JOIN posts o ON o.thread_id = a.thread_id AND o.is_opening AND ${visibleSql(viewer, consultation, "o", opts)}
    JOIN posts p ON p.thread_id = a.thread_id AND ${visibleSql(viewer, consultation, "p", opts)}
    WHERE a.document_id = ${document.id}
    GROUP BY a.e_id, p.author_category`;
  // Comments and amendments are about an eId, whichever version they were written on.
  const [units, amendments, comments, endorsements, citations] = await Promise.all([
    prisma.textUnit.findMany({ where: { versionId: version.id }, orderBy: { ordinal: "asc" }, select: { id: true, eId: true, parentEId: true, kind: true, ordinal: true, depth: true, num: true, heading: true, text: true } }),
    prisma.amendment.findMany({ where: { documentId: document.id, ...visible }, select: { id: true, eId: true, category: true } }),
    commentsQuery,
    // Endorsements of the amendments the viewer may see, by category, in the same round.
    prisma.$queryRaw<{ amendmentId: string; category: string; n: number }[]>`
      SELECT e.amendment_id AS "amendmentId", e.category::text AS category, count(*)::int AS n
      FROM amendments a JOIN amendment_endorsements e ON e.amendment_id = a.id
      WHERE a.document_id = ${document.id} AND ${visibleSql(viewer, consultation, "a", opts)}
      GROUP BY e.amendment_id, e.category`,
    // Positions citing each unit (the same visibility as every contribution).
    prisma.$queryRaw<{ eId: string; n: number }[]>`
      SELECT c.e_id AS "eId", count(*)::int AS n
      FROM position_citations c JOIN positions s ON s.id = c.position_id
      WHERE c.document_id = ${document.id} AND ${visibleSql(viewer, consultation, "s", opts)}
      GROUP BY c.e_id`,
  ]);

  const own = new Map<string, UnitCounts>();
  const of = (eId: string) => own.get(eId) ?? own.set(eId, empty()).get(eId)!;
  for (const g of comments) bump(of(g.eId), g.category, "comments", g.n);
  for (const g of citations) of(g.eId).positions += g.n;
  const eIdOfAmendment = new Map(amendments.map((a) => [a.id, a.eId]));
  /** Per unit, per amendment, per category: proposals and endorsements (for the contested measure). */
  const support = new Map<string, Map<string, Map<string, number>>>();
  const addSupport = (eId: string, amendmentId: string, category: string, n: number) => {
    const byAmendment = support.get(eId) ?? support.set(eId, new Map()).get(eId)!;
    const byCategory = byAmendment.get(amendmentId) ?? byAmendment.set(amendmentId, new Map()).get(amendmentId)!;
    byCategory.set(category, (byCategory.get(category) ?? 0) + n);
  };
  for (const a of amendments) {
    bump(of(a.eId), a.category, "amendments", 1);
    addSupport(a.eId, a.id, a.category, 1);
  }
  for (const e of endorsements) {
    const eId = eIdOfAmendment.get(e.amendmentId)!;
    bump(of(eId), e.category, "endorsements", e.n);
    addSupport(eId, e.amendmentId, e.category, e.n);
  }

  // Totals include the descendants: an article's count covers its paragraphs and points.
  const total = new Map<string, UnitCounts>();
  for (const u of [...units].reverse()) {
    const t = total.get(u.eId) ?? empty();
    const mine = own.get(u.eId);
    if (mine) {
      for (const [cat, c] of Object.entries(mine.byCategory)) for (const f of FIELDS) bump(t, cat, f, c[f]);
      t.positions += mine.positions;
    }
    total.set(u.eId, t);
    if (u.parentEId) {
      const p = total.get(u.parentEId) ?? empty();
      for (const [cat, c] of Object.entries(t.byCategory)) for (const f of FIELDS) bump(p, cat, f, c[f]);
      p.positions += t.positions;
      total.set(u.parentEId, p);
    }
  }

  const inVersion = new Set(units.map((u) => u.eId));
  const contested = [...support]
    .map(([eId, byAmendment]) => {
      const best = new Map<string, { amendmentId: string; n: number }>();
      for (const [amendmentId, byCategory] of byAmendment) {
        for (const [cat, n] of byCategory) if ((best.get(cat)?.n ?? 0) < n) best.set(cat, { amendmentId, n });
      }
      const camps = new Set([...best.values()].map((b) => b.amendmentId)).size;
      const c = own.get(eId)!;
      const engagement = c.comments + c.amendments + Object.values(c.byCategory).reduce((s, x) => s + x.endorsements, 0);
      return { eId, camps, categories: best.size, engagement, firstChoices: Object.fromEntries([...best].map(([cat, b]) => [cat, b.amendmentId])) };
    })
    .filter((x) => x.camps >= 2 && inVersion.has(x.eId))
    .sort((a, b) => b.camps - a.camps || b.categories - a.categories || b.engagement - a.engagement)
    .slice(0, 20);

  return { units, own, total, contested };
}
