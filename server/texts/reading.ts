// The reading view: a version of the text with, for every unit, the number of comments (visible posts in
// threads anchored to it) and amendments, who engaged by stakeholder category and how each category
// stands on it (STANCE_RULE); totals roll up to articles and chapters. A fixed number of grouped queries whatever the size of the text (never one per
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
  /** Positions of this category citing the unit. */
  positions: number;
  /** Stances on the unit (STANCE_RULE): contributions, not people. */
  support: number;
  oppose: number;
  mixed: number;
}
export interface UnitCounts {
  comments: number;
  amendments: number;
  /** Positions on a question citing the unit (by category in `byCategory`). */
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
const FIELDS = ["comments", "amendments", "endorsements", "positions", "support", "oppose", "mixed"] as const;
const bump = (c: UnitCounts, category: string, field: keyof CategoryCounts, n: number) => {
  if (n === 0) return;
  const cat = (c.byCategory[category] ??= { comments: 0, amendments: 0, endorsements: 0, positions: 0, support: 0, oppose: 0, mixed: 0 });
  cat[field] += n;
  if (field === "comments" || field === "amendments" || field === "positions") c[field] += n;
};

/**
 * How a contribution counts as a stance on the unit it is about, in its author's category (shown to
 * readers as `standing.stanceRule`). Each contribution counts once; the same person can count twice.
 * - a position citing the unit: support -> support, oppose -> oppose, support with amendments -> mixed;
 *   a neutral position takes no stance;
 * - a reply in a thread anchored to the unit typed "supports" -> support, "contests" -> oppose (read as
 *   about the provision under discussion); other replies and opening posts take no stance;
 * - proposing or endorsing an amendment to the unit: a deletion -> oppose; a replacement or an insertion
 *   -> mixed (for the provision, but changed).
 */
export const STANCE_RULE =
  "Stances by category count contributions about the provision, in their author's category: positions citing it (support, oppose; support with amendments counts as mixed, neutral as none); replies typed supports (support) or contests (oppose) in threads on it; proposals and endorsements of amendments to it (a deletion opposes, a replacement or an insertion is mixed: for the provision, but changed).";
const POSITION_STANCE: Record<string, "support" | "oppose" | "mixed" | null> = { support: "support", oppose: "oppose", support_with_amendments: "mixed", neutral: null };
const REPLY_STANCE: Record<string, "support" | "oppose" | null> = { supports: "support", contests: "oppose" };
const amendmentStance = (kind: string) => (kind === "delete" ? "oppose" : "mixed");
/** A category's lean on a unit, from -1 (all oppose) to 1 (all support); mixed stances count as 0. */
const leanOf = (c: CategoryCounts) => (c.support - c.oppose) / (c.support + c.oppose + c.mixed);
const stancesOf = (c: CategoryCounts) => c.support + c.oppose + c.mixed;

/**
 * "Most contested": where stakeholder categories disagree most. From the stances (STANCE_RULE) each
 * category has a lean, (support - oppose) / its stances; `spread` is the highest lean minus the lowest
 * (0 to 2, two categories with stances at least). Where stances alone cannot tell (every category mixed
 * because each wants a different change) the amendments do: each category backs the amendment of the
 * unit it supports most (proposals plus endorsements), and `camps` is how many distinct amendments are
 * some category's first choice. Listed: spread above 0 or two camps or more; ranked by spread, then
 * camps, then categories with a stance, then total engagement.
 */
export const CONTESTED_MEASURE =
  "Where stakeholder categories disagree most. Each category's lean on a provision runs from -1 (all its stances oppose) to +1 (all support): positions citing the provision (support, oppose; support with amendments counts as mixed), replies typed supports or contests in threads on it, and proposals or endorsements of amendments to it (a deletion opposes, another change is mixed). The spread is the highest lean minus the lowest (0 to 2). Where every category wants a change, the amendments tell the camps apart: each category's first choice is the amendment it supports most, and camps are the distinct first choices. Provisions with a spread above 0 or two camps or more are ranked by spread, then camps, then the number of categories with a stance, then total engagement.";

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
    stanceRule: STANCE_RULE,
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
  // Grouped by reply type too: the typed replies are stances (STANCE_RULE).
  const commentsQuery = prisma.$queryRaw<{ eId: string; category: string; replyType: string | null; n: number }[]>`
    SELECT a.e_id AS "eId", p.author_category::text AS category, p.reply_type::text AS "replyType", count(*)::int AS n
    FROM thread_anchors a
    JOIN posts o ON o.thread_id = a.thread_id AND o.is_opening AND ${visibleSql(viewer, consultation, "o", opts)}
    JOIN posts p ON p.thread_id = a.thread_id AND ${visibleSql(viewer, consultation, "p", opts)}
    WHERE a.document_id = ${document.id}
    GROUP BY a.e_id, p.author_category, p.reply_type`;
  // Comments and amendments are about an eId, whichever version they were written on.
  const [units, amendments, comments, endorsements, citations] = await Promise.all([
    prisma.textUnit.findMany({ where: { versionId: version.id }, orderBy: { ordinal: "asc" }, select: { id: true, eId: true, parentEId: true, kind: true, ordinal: true, depth: true, num: true, heading: true, text: true } }),
    prisma.amendment.findMany({ where: { documentId: document.id, ...visible }, select: { id: true, eId: true, category: true, kind: true } }),
    commentsQuery,
    // Endorsements of the amendments the viewer may see, by category, in the same round.
    prisma.$queryRaw<{ amendmentId: string; category: string; n: number }[]>`
      SELECT e.amendment_id AS "amendmentId", e.category::text AS category, count(*)::int AS n
      FROM amendments a JOIN amendment_endorsements e ON e.amendment_id = a.id
      WHERE a.document_id = ${document.id} AND ${visibleSql(viewer, consultation, "a", opts)}
      GROUP BY e.amendment_id, e.category`,
    // Positions citing each unit, by category and stance (the same visibility as every contribution).
    prisma.$queryRaw<{ eId: string; category: string; stance: string; n: number }[]>`
      SELECT c.e_id AS "eId", s.category::text AS category, s.stance::text AS stance, count(DISTINCT s.id)::int AS n
      FROM position_citations c JOIN positions s ON s.id = c.position_id
      WHERE c.document_id = ${document.id} AND ${visibleSql(viewer, consultation, "s", opts)}
      GROUP BY c.e_id, s.category, s.stance`,
  ]);

  const own = new Map<string, UnitCounts>();
  const of = (eId: string) => own.get(eId) ?? own.set(eId, empty()).get(eId)!;
  for (const g of comments) {
    bump(of(g.eId), g.category, "comments", g.n);
    const stance = g.replyType ? REPLY_STANCE[g.replyType] : null;
    if (stance) bump(of(g.eId), g.category, stance, g.n);
  }
  for (const g of citations) {
    bump(of(g.eId), g.category, "positions", g.n);
    const stance = POSITION_STANCE[g.stance];
    if (stance) bump(of(g.eId), g.category, stance, g.n);
  }
  const amendmentById = new Map(amendments.map((a) => [a.id, a]));
  /** Per unit, per amendment, per category: proposals and endorsements (for the contested measure). */
  const support = new Map<string, Map<string, Map<string, number>>>();
  const addSupport = (eId: string, amendmentId: string, category: string, n: number) => {
    const byAmendment = support.get(eId) ?? support.set(eId, new Map()).get(eId)!;
    const byCategory = byAmendment.get(amendmentId) ?? byAmendment.set(amendmentId, new Map()).get(amendmentId)!;
    byCategory.set(category, (byCategory.get(category) ?? 0) + n);
  };
  for (const a of amendments) {
    bump(of(a.eId), a.category, "amendments", 1);
    bump(of(a.eId), a.category, amendmentStance(a.kind), 1);
    addSupport(a.eId, a.id, a.category, 1);
  }
  for (const e of endorsements) {
    const a = amendmentById.get(e.amendmentId)!;
    bump(of(a.eId), e.category, "endorsements", e.n);
    bump(of(a.eId), e.category, amendmentStance(a.kind), e.n);
    addSupport(a.eId, e.amendmentId, e.category, e.n);
  }

  // Totals include the descendants: an article's count covers its paragraphs and points.
  const total = new Map<string, UnitCounts>();
  for (const u of [...units].reverse()) {
    const t = total.get(u.eId) ?? empty();
    const mine = own.get(u.eId);
    if (mine) for (const [cat, c] of Object.entries(mine.byCategory)) for (const f of FIELDS) bump(t, cat, f, c[f]);
    total.set(u.eId, t);
    if (u.parentEId) {
      const p = total.get(u.parentEId) ?? empty();
      for (const [cat, c] of Object.entries(t.byCategory)) for (const f of FIELDS) bump(p, cat, f, c[f]);
      total.set(u.parentEId, p);
    }
  }

  const inVersion = new Set(units.map((u) => u.eId));
  const contested = [...own]
    .filter(([eId]) => inVersion.has(eId))
    .map(([eId, c]) => {
      const best = new Map<string, { amendmentId: string; n: number }>();
      for (const [amendmentId, byCategory] of support.get(eId) ?? []) {
        for (const [cat, n] of byCategory) if ((best.get(cat)?.n ?? 0) < n) best.set(cat, { amendmentId, n });
      }
      const camps = new Set([...best.values()].map((b) => b.amendmentId)).size;
      const leans = Object.entries(c.byCategory).filter(([, x]) => stancesOf(x) > 0).map(([cat, x]) => [cat, leanOf(x)] as const);
      const spread = leans.length >= 2 ? Math.max(...leans.map(([, l]) => l)) - Math.min(...leans.map(([, l]) => l)) : 0;
      const engagement = c.comments + c.amendments + c.positions + Object.values(c.byCategory).reduce((s, x) => s + x.endorsements, 0);
      const round = (x: number) => Math.round(x * 100) / 100;
      return {
        eId,
        spread: round(spread),
        camps,
        categories: leans.length,
        engagement,
        leans: Object.fromEntries(leans.map(([cat, l]) => [cat, round(l)])),
        firstChoices: Object.fromEntries([...best].map(([cat, b]) => [cat, b.amendmentId])),
      };
    })
    .filter((x) => x.spread > 0 || x.camps >= 2)
    .sort((a, b) => b.spread - a.spread || b.camps - a.camps || b.categories - a.categories || b.engagement - a.engagement)
    .slice(0, 20);

  return { units, own, total, contested };
}
