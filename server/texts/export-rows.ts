// The draft texts in the contributions export (CSV, JSON, XLSX sheets, the package): the units of each
// text's current version with how many comments and amendments they have, and the amendments. Keyset
// batches like the other rows (server/exports/rows.ts), with the export's audience: the public sees
// what an anonymous reader may (nothing quarantined), staff every status with reported text withheld.
import type { Tx } from "../db/index.ts";
import { STAKEHOLDER_CATEGORIES } from "../../shared/categories.ts";
import type { TExportAmendment, TExportTextUnit } from "../../shared/schemas/exports.ts";
import { visibleContributionWhere } from "../consultations/policy.ts";
import { postScopeWhere, WITHHELD, type ExportAudience } from "../exports/scope.ts";
import { htmlToText } from "../exports/text.ts";
import { EXPORT_BATCH_SIZE } from "../exports/formats/columns.ts";
import { tallyAmendmentEndorsements } from "../amendments/service.ts";

const enc = encodeURIComponent;

const withTexts = new WeakMap<ExportAudience, Promise<boolean>>();
/**
 * Whether the consultation has a draft text, asked once per export (the audience object lives as long
 * as the export): without one, the export reads nothing more than before texts existed.
 */
export function exportHasTexts(db: Tx, a: ExportAudience): Promise<boolean> {
  let known = withTexts.get(a);
  if (!known) withTexts.set(a, (known = db.textDocument.findFirst({ where: { consultationId: a.consultation.id }, select: { id: true } }).then(Boolean)));
  return known;
}

/** The unit each thread of a batch of posts is about (comments by unit); empty without texts. */
export async function anchorsOfThreads(db: Tx, a: ExportAudience, threadIds: string[]): Promise<Map<string, { documentId: string; eId: string }>> {
  if (!(await exportHasTexts(db, a))) return new Map();
  const rows = await db.threadAnchor.findMany({ where: { threadId: { in: threadIds } }, select: { threadId: true, documentId: true, eId: true } });
  return new Map(rows.map((r) => [r.threadId, { documentId: r.documentId, eId: r.eId }]));
}

/** Amendments of the consultation the audience may see. */
export function amendmentScopeWhere(a: ExportAudience) {
  const visible = visibleContributionWhere(a.viewer, a.consultation);
  return a.scope === "staff" ? { consultationId: a.consultation.id, ...visible } : { consultationId: a.consultation.id, ...visible, quarantined: false };
}

/** Each document's current version of the consultation (the one its units are exported from). */
async function currentVersions(db: Tx, consultationId: string) {
  const versions = await db.textVersion.findMany({
    where: { document: { consultationId } },
    orderBy: [{ documentId: "asc" }, { number: "desc" }],
    select: { id: true, number: true, documentId: true, document: { select: { title: true } } },
  });
  const current = new Map<string, (typeof versions)[number]>();
  for (const v of versions) if (!current.has(v.documentId)) current.set(v.documentId, v);
  return [...current.values()];
}

export async function readUnitBatch(db: Tx, a: ExportAudience, afterId: string, take = EXPORT_BATCH_SIZE): Promise<TExportTextUnit[]> {
  if (!(await exportHasTexts(db, a))) return [];
  const versions = await currentVersions(db, a.consultation.id);
  if (versions.length === 0) return [];
  const byVersion = new Map(versions.map((v) => [v.id, v]));
  const rows = await db.textUnit.findMany({ where: { versionId: { in: [...byVersion.keys()] }, id: { gt: afterId } }, orderBy: { id: "asc" }, take });
  if (rows.length === 0) return [];
  const documentIds = [...new Set(rows.map((r) => r.documentId))];
  const eIds = [...new Set(rows.map((r) => r.eId))];
  // Counts by (document, eId) for the whole batch: a few grouped queries, never one per unit.
  const [anchors, amendments] = await Promise.all([
    db.threadAnchor.findMany({ where: { documentId: { in: documentIds }, eId: { in: eIds } }, select: { threadId: true, documentId: true, eId: true } }),
    db.amendment.groupBy({ by: ["documentId", "eId"], where: { ...amendmentScopeWhere(a), documentId: { in: documentIds }, eId: { in: eIds } }, _count: { _all: true } }),
  ]);
  const posts = anchors.length
    ? await db.post.groupBy({ by: ["threadId"], where: { AND: [postScopeWhere(a), { threadId: { in: anchors.map((x) => x.threadId) } }] }, _count: { _all: true } })
    : [];
  const key = (documentId: string, eId: string) => `${documentId}|${eId}`;
  const unitOfThread = new Map(anchors.map((x) => [x.threadId, key(x.documentId, x.eId)]));
  const comments = new Map<string, number>();
  for (const p of posts) {
    const k = unitOfThread.get(p.threadId)!;
    comments.set(k, (comments.get(k) ?? 0) + p._count._all);
  }
  const amendmentCount = new Map(amendments.map((g) => [key(g.documentId, g.eId), g._count._all]));
  return rows.map((u) => {
    const v = byVersion.get(u.versionId)!;
    return {
      kind: "unit" as const,
      id: u.id,
      documentId: u.documentId,
      documentTitle: v.document.title,
      version: v.number,
      eId: u.eId,
      parentEId: u.parentEId,
      unitKind: u.kind,
      ordinal: u.ordinal,
      num: u.num,
      heading: u.heading,
      text: u.text,
      comments: comments.get(key(u.documentId, u.eId)) ?? 0,
      amendments: amendmentCount.get(key(u.documentId, u.eId)) ?? 0,
      permalink: `/consultations/${enc(a.consultation.slug)}/texts/${enc(u.documentId)}?unit=${enc(u.eId)}`,
    };
  });
}

export async function readAmendmentBatch(db: Tx, a: ExportAudience, afterId: string, take = EXPORT_BATCH_SIZE): Promise<TExportAmendment[]> {
  if (!(await exportHasTexts(db, a))) return [];
  const rows = await db.amendment.findMany({
    where: { ...amendmentScopeWhere(a), id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
    include: { author: { select: { displayName: true } } },
  });
  if (rows.length === 0) return [];
  const orgIds = [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => !!x))];
  const [tallies, organisations] = await Promise.all([
    tallyAmendmentEndorsements(db, rows.map((r) => r.id)),
    orgIds.length ? db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }) : Promise.resolve([]),
  ]);
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return rows.map((x) => {
    const tally = tallies.get(x.id);
    const byCategory: Record<string, number> = {};
    for (const c of STAKEHOLDER_CATEGORIES) if (tally?.byCategory[c]) byCategory[c] = tally.byCategory[c]!;
    const text = (v: string) => (x.quarantined ? WITHHELD : v);
    return {
      kind: "amendment" as const,
      id: x.id,
      documentId: x.documentId,
      eId: x.eId,
      version: x.versionNumber,
      amendmentKind: x.kind,
      spanStart: x.spanStart,
      spanEnd: x.spanEnd,
      quote: text(x.quote),
      proposedText: text(x.proposedText),
      justification: x.quarantined ? WITHHELD : htmlToText(x.justificationHtml),
      justificationHtml: text(x.justificationHtml),
      evidence: x.quarantined ? [] : (x.evidence as { kind: TExportAmendment["evidence"][number]["kind"]; citation: string; url: string | null }[]),
      declarationOfInterests: x.quarantined && x.declarationOfInterests ? WITHHELD : x.declarationOfInterests,
      fundingSources: x.quarantined && x.fundingSources ? WITHHELD : x.fundingSources,
      category: x.category,
      authorId: a.showAuthors ? x.authorId : null,
      author: a.showAuthors ? x.author.displayName : null,
      organisationId: a.showAuthors ? x.organisationId : null,
      organisation: a.showAuthors && x.organisationId ? (orgName.get(x.organisationId) ?? null) : null,
      status: x.status,
      outcome: x.outcome,
      outcomeReasons: x.outcomeReasons,
      createdAt: x.createdAt.toISOString(),
      endorsements: tally?.total ?? 0,
      endorsementsByCategory: byCategory,
      permalink: `/consultations/${enc(a.consultation.slug)}/texts/${enc(x.documentId)}?unit=${enc(x.eId)}#amendment-${enc(x.id)}`,
      ...(a.scope === "staff" ? { quarantined: x.quarantined } : {}),
    };
  });
}

/** How many text rows an export will have, for progress figures. */
export async function countTextRows(db: Tx, a: ExportAudience): Promise<number> {
  if (!(await exportHasTexts(db, a))) return 0;
  const versions = await currentVersions(db, a.consultation.id);
  const [units, amendments] = await Promise.all([
    versions.length ? db.textUnit.count({ where: { versionId: { in: versions.map((v) => v.id) } } }) : 0,
    db.amendment.count({ where: amendmentScopeWhere(a) }),
  ]);
  return units + amendments;
}
