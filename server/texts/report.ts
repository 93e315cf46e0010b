// The draft texts in the summary report (which is public): for each text, its contested articles (where
// stakeholder categories back different amendments), each contested provision's words, its amendments
// with their support by category and the organisers' outcome, linked to the reading view. Built in the
// public scope like the rest of the report: what an anonymous reader may see, nothing quarantined, names
// withheld under Chatham House.
import type { PrismaClient } from "../db/index.ts";
import type { Consultation } from "../db/generated/client.ts";
import { ANONYMOUS, consultationPolicy, visibleContributionWhere } from "../consultations/policy.ts";
import { STAKEHOLDER_CATEGORIES } from "../../shared/categories.ts";
import { wordsOf, type ReportText, type ReportTextAmendment, type ReportTextArticle, type TextUnitKind } from "../../shared/schemas/texts.ts";
import { CONTESTED_MEASURE, computeReading } from "./reading.ts";
import { citation } from "./cite.ts";

const CONTESTED_ARTICLES = 20;
/** Answered amendments listed in the response matrix, per text. */
const ANSWERED_MAX = 300;
const enc = encodeURIComponent;
const unitPath = (slug: string, documentId: string, eId: string) => `/consultations/${enc(slug)}/texts/${enc(documentId)}?unit=${enc(eId)}`;
type Row = { eId: string; parentEId: string | null; kind: TextUnitKind; num: string | null; heading: string | null; text: string };

function articleOf(row: Row, byEId: Map<string, Row>): Row {
  for (let r: Row | undefined = row; r; r = r.parentEId ? byEId.get(r.parentEId) : undefined) if (r.kind === "article") return r;
  return row;
}

export async function describeTextsForReport(prisma: PrismaClient, consultation: Consultation): Promise<ReportText[]> {
  const documents = await prisma.textDocument.findMany({
    where: { consultationId: consultation.id },
    orderBy: { ordinal: "asc" },
    include: { versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, number: true } } },
  });
  const showAuthors = consultationPolicy.seeAuthors(ANONYMOUS, consultation);
  const out: ReportText[] = [];
  for (const d of documents) {
    const version = d.versions[0];
    if (!version) continue;
    const { units, own, contested } = await computeReading(prisma, ANONYMOUS, consultation, d.id, version.id, { publicOnly: true });
    const byEId = new Map(units.map((u) => [u.eId, u]));
    const contestedUnits = contested.slice(0, CONTESTED_ARTICLES * 3);
    // The contested units' amendments and every answered one (the response matrix), in one read.
    const amendments = await prisma.amendment.findMany({
      where: {
        documentId: d.id,
        ...visibleContributionWhere(ANONYMOUS, consultation),
        quarantined: false,
        OR: [{ eId: { in: contestedUnits.map((c) => c.eId) } }, { outcome: { not: null } }],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { author: { select: { displayName: true } } },
    });
    const [organisations, endorsements] = await Promise.all([
      prisma.organisation.findMany({ where: { id: { in: [...new Set(amendments.map((a) => a.organisationId).filter((x): x is string => !!x))] } }, select: { id: true, name: true } }),
      amendments.length ? prisma.amendmentEndorsement.groupBy({ by: ["amendmentId", "category"], where: { amendmentId: { in: amendments.map((a) => a.id) } }, _count: { _all: true } }) : Promise.resolve([]),
    ]);
    const orgName = new Map(organisations.map((o) => [o.id, o.name]));
    const endorsedBy = new Map<string, Map<string, number>>();
    for (const e of endorsements) endorsedBy.set(e.amendmentId, (endorsedBy.get(e.amendmentId) ?? new Map()).set(e.category, e._count._all));
    const present = (a: (typeof amendments)[number]): ReportTextAmendment => {
      const support: ReportTextAmendment["support"] = {};
      const mine = endorsedBy.get(a.id) ?? new Map<string, number>();
      for (const c of STAKEHOLDER_CATEGORIES) {
        const n = (c === a.category ? 1 : 0) + (mine.get(c) ?? 0);
        if (n) support[c] = n;
      }
      return {
        id: a.id,
        path: `${unitPath(consultation.slug, d.id, a.eId)}#amendment-${enc(a.id)}`,
        kind: a.kind,
        quote: a.kind === "insert_after" ? "" : a.quote,
        proposedText: a.proposedText,
        category: a.category,
        organisation: showAuthors && a.organisationId ? (orgName.get(a.organisationId) ?? null) : null,
        author: showAuthors ? a.author.displayName : null,
        support,
        endorsements: [...mine.values()].reduce((s, n) => s + n, 0),
        outcome: a.outcome ? { outcome: a.outcome, reasons: a.outcomeReasons } : null,
      };
    };
    // Contested units grouped by their article, in the order of the most contested unit of each.
    const articles = new Map<string, ReportTextArticle>();
    for (const c of contestedUnits) {
      const row = byEId.get(c.eId);
      if (!row) continue;
      const article = articleOf(row, byEId);
      let entry = articles.get(article.eId);
      if (!entry) {
        if (articles.size >= CONTESTED_ARTICLES) continue;
        entry = { eId: article.eId, title: [article.num, article.heading].filter(Boolean).join(" — ") || article.eId, path: unitPath(consultation.slug, d.id, article.eId), units: [] };
        articles.set(article.eId, entry);
      }
      entry.units.push({
        eId: row.eId,
        label: citation(row, byEId),
        path: unitPath(consultation.slug, d.id, row.eId),
        text: wordsOf(row.text).join(" "),
        spread: c.spread,
        camps: c.camps,
        comments: own.get(row.eId)?.comments ?? 0,
        amendments: amendments.filter((a) => a.eId === row.eId).map(present),
      });
    }
    const ordinal = new Map(units.map((u) => [u.eId, u.ordinal]));
    const answered = amendments
      .filter((a) => a.outcome)
      .sort((x, y) => (ordinal.get(x.eId) ?? Infinity) - (ordinal.get(y.eId) ?? Infinity))
      .slice(0, ANSWERED_MAX)
      .map((a) => ({ ...present(a), unitLabel: byEId.has(a.eId) ? citation(byEId.get(a.eId)!, byEId) : a.eId }));
    const totals = [...own.values()].reduce((s, c) => ({ comments: s.comments + c.comments, amendments: s.amendments + c.amendments }), { comments: 0, amendments: 0 });
    out.push({
      id: d.id,
      title: d.title,
      version: version.number,
      path: `/consultations/${enc(consultation.slug)}/texts/${enc(d.id)}`,
      units: units.length,
      comments: totals.comments,
      amendments: totals.amendments,
      measure: CONTESTED_MEASURE,
      contested: [...articles.values()],
      answered,
    });
  }
  return out;
}
