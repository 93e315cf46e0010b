// Reading contributions for export: keyset batches (posts by seq, positions and endorsements by id), so
// 100,000 contributions never sit in memory at once. Each batch is shaped into export rows here, the one
// place that decides which fields leave the database (never an e-mail; no text of quarantined items).
import type { Tx } from "../db/index.ts";
import { tallyEndorsements } from "../posts/endorsements.ts";
import { STAKEHOLDER_CATEGORIES } from "../../shared/categories.ts";
import type { TExportEndorsement, TExportPost, TExportPosition } from "../../shared/schemas/exports.ts";
import type { EndorsementTally } from "../posts/present.ts";
import type { ReasonCode } from "../../shared/schemas/moderation.ts";
import { endorsementScopeWhere, positionScopeWhere, postScopeWhere, WITHHELD, type ExportAudience } from "./scope.ts";
import { htmlToText } from "./text.ts";
import { EXPORT_BATCH_SIZE, type ContributionBatch } from "./formats/columns.ts";
import { anchorsOfThreads, countTextRows, readAmendmentBatch, readUnitBatch } from "../texts/export-rows.ts";

export type { ContributionBatch };
export { EXPORT_BATCH_SIZE };

/** Tallies with categories in the fixed category order, so every export of the same record is identical. */
function orderedTally(t: EndorsementTally | undefined): { total: number; byCategory: Record<string, number> } {
  const byCategory: Record<string, number> = {};
  for (const c of STAKEHOLDER_CATEGORIES) if (t?.byCategory[c]) byCategory[c] = t.byCategory[c]!;
  return { total: t?.total ?? 0, byCategory };
}

interface LatestDecision {
  action: string;
  reasonCode: ReasonCode | null;
  statement: string | null;
  createdAt: Date;
}

/** The latest moderation decision on each item (staff exports only). */
async function latestDecisions(db: Tx, field: "postId" | "positionId", ids: string[]): Promise<Map<string, LatestDecision>> {
  const rows = await db.moderationDecision.findMany({
    where: { [field]: { in: ids } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { postId: true, positionId: true, action: true, reasonCode: true, statement: true, createdAt: true },
  });
  const latest = new Map<string, LatestDecision>();
  for (const r of rows) {
    const id = (field === "postId" ? r.postId : r.positionId)!;
    if (!latest.has(id)) latest.set(id, r);
  }
  return latest;
}

function staffColumns(a: ExportAudience, quarantined: boolean, d: LatestDecision | undefined) {
  if (a.scope !== "staff") return {};
  return {
    quarantined,
    moderationAction: d?.action ?? null,
    moderationReasonCode: d?.reasonCode ?? null,
    moderationStatement: d?.statement ?? null,
    moderatedAt: d?.createdAt.toISOString() ?? null,
  };
}

export async function readPostBatch(db: Tx, a: ExportAudience, afterSeq: number, take = EXPORT_BATCH_SIZE): Promise<TExportPost[]> {
  const rows = await db.post.findMany({
    where: { ...postScopeWhere(a), seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take,
    select: {
      id: true, seq: true, threadId: true, parentId: true, replyType: true, isOpening: true, authorId: true,
      onBehalfOfOrganisationId: true, authorCategory: true, bodyHtml: true, status: true, quarantined: true,
      version: true, editedAt: true, createdAt: true,
      author: { select: { displayName: true } },
      onBehalfOf: { select: { name: true } },
      thread: { select: { title: true, questionId: true, question: { select: { ordinal: true } } } },
    },
  });
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tallies, decisions, quarantinedThreads, anchors] = await Promise.all([
    tallyEndorsements(db, "postId", ids),
    a.scope === "staff" ? latestDecisions(db, "postId", ids) : Promise.resolve(new Map<string, LatestDecision>()),
    // A thread whose opening post was reported as illegal: its title may be the illegal part, so it is withheld too.
    a.scope === "staff"
      ? db.post.findMany({ where: { threadId: { in: [...new Set(rows.map((r) => r.threadId))] }, isOpening: true, quarantined: true }, select: { threadId: true } })
      : Promise.resolve([]),
    anchorsOfThreads(db, a, [...new Set(rows.map((r) => r.threadId))]),
  ]);
  const withheldTitles = new Set(quarantinedThreads.map((p) => p.threadId));
  return rows.map((p) => {
    const tally = orderedTally(tallies.get(p.id));
    return {
      kind: "post" as const,
      id: p.id,
      seq: p.seq,
      threadId: p.threadId,
      threadTitle: withheldTitles.has(p.threadId) ? WITHHELD : p.thread.title,
      questionId: p.thread.questionId,
      questionOrdinal: p.thread.question?.ordinal ?? null,
      parentId: p.parentId,
      replyType: p.replyType,
      isOpening: p.isOpening,
      category: p.authorCategory,
      authorId: a.showAuthors ? p.authorId : null,
      author: a.showAuthors ? p.author.displayName : null,
      organisationId: a.showAuthors ? p.onBehalfOfOrganisationId : null,
      organisation: a.showAuthors ? (p.onBehalfOf?.name ?? null) : null,
      status: p.status,
      body: p.quarantined ? WITHHELD : htmlToText(p.bodyHtml),
      bodyHtml: p.quarantined ? WITHHELD : p.bodyHtml,
      createdAt: p.createdAt.toISOString(),
      editedAt: p.editedAt?.toISOString() ?? null,
      version: p.version,
      endorsements: tally.total,
      endorsementsByCategory: tally.byCategory,
      permalink: `/posts/${p.id}`,
      textDocumentId: anchors.get(p.threadId)?.documentId ?? null,
      textEId: anchors.get(p.threadId)?.eId ?? null,
      ...staffColumns(a, p.quarantined, decisions.get(p.id)),
    };
  });
}

export async function readPositionBatch(db: Tx, a: ExportAudience, afterId: string, take = EXPORT_BATCH_SIZE): Promise<TExportPosition[]> {
  const rows = await db.position.findMany({
    where: { ...positionScopeWhere(a), id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
    select: {
      id: true, questionId: true, organisationId: true, authorId: true, stance: true, summary: true, argumentHtml: true,
      amendmentText: true, declarationOfInterests: true, fundingSources: true, category: true, status: true,
      quarantined: true, version: true, createdAt: true, updatedAt: true,
      question: { select: { ordinal: true } },
      organisation: { select: { name: true, country: true } },
      author: { select: { displayName: true } },
      evidence: { orderBy: { ordinal: "asc" }, select: { kind: true, citation: true, url: true } },
      citations: { orderBy: { ordinal: "asc" }, select: { documentId: true, eId: true, label: true } },
    },
  });
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tallies, decisions] = await Promise.all([
    tallyEndorsements(db, "positionId", ids),
    a.scope === "staff" ? latestDecisions(db, "positionId", ids) : Promise.resolve(new Map<string, LatestDecision>()),
  ]);
  return rows.map((p) => {
    const tally = orderedTally(tallies.get(p.id));
    const text = (v: string | null) => (p.quarantined && v !== null ? WITHHELD : v);
    return {
      kind: "position" as const,
      id: p.id,
      questionId: p.questionId,
      questionOrdinal: p.question.ordinal,
      category: p.category,
      organisationId: a.showAuthors ? p.organisationId : null,
      organisation: a.showAuthors ? p.organisation.name : null,
      country: a.showAuthors ? p.organisation.country : null,
      authorId: a.showAuthors ? p.authorId : null,
      author: a.showAuthors ? p.author.displayName : null,
      stance: p.stance,
      summary: text(p.summary)!,
      argument: p.quarantined ? WITHHELD : htmlToText(p.argumentHtml),
      argumentHtml: text(p.argumentHtml)!,
      amendmentText: text(p.amendmentText),
      // Declarations of interest travel with their positions (except when the position is quarantined).
      declarationOfInterests: text(p.declarationOfInterests),
      fundingSources: text(p.fundingSources),
      evidence: p.quarantined ? [] : p.evidence.map((e) => ({ kind: e.kind, citation: e.citation, url: e.url })),
      status: p.status,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      version: p.version,
      endorsements: tally.total,
      endorsementsByCategory: tally.byCategory,
      permalink: `/positions/${p.id}`,
      // The texts are as public as the consultation the export is of: whoever gets its positions may read them.
      citedUnits: p.quarantined ? [] : p.citations.map((c) => ({ textId: c.documentId, eId: c.eId, label: c.label })),
      ...staffColumns(a, p.quarantined, decisions.get(p.id)),
    };
  });
}

export async function readEndorsementBatch(db: Tx, a: ExportAudience, afterId: string, take = EXPORT_BATCH_SIZE): Promise<TExportEndorsement[]> {
  const rows = await db.endorsement.findMany({
    where: { AND: [endorsementScopeWhere(a), { id: { gt: afterId } }] },
    orderBy: { id: "asc" },
    take,
    // Who endorsed is never exported: only the category they endorsed in.
    select: { id: true, postId: true, positionId: true, category: true, createdAt: true },
  });
  return rows.map((e) => ({
    kind: "endorsement" as const,
    id: e.id,
    targetKind: e.postId ? ("post" as const) : ("position" as const),
    targetId: (e.postId ?? e.positionId)!,
    category: e.category,
    createdAt: e.createdAt.toISOString(),
  }));
}

/**
 * Keyset batches are cheap only when the planner knows how big the tables are: it then walks the seq index
 * and stops after one batch. Without statistics (PGlite has no autovacuum, and a bulk import leaves them
 * behind on PostgreSQL too) it sorts the whole consultation for every batch, which is quadratic: minutes
 * for 100,000 posts instead of seconds. So before a large read, statistics that are missing or far behind
 * are refreshed (ANALYZE samples a bounded number of rows: a fraction of a second).
 */
export async function ensurePlannerStatistics(db: Tx, consultationId: string): Promise<void> {
  const rows = await db.post.count({ where: { consultationId } });
  if (rows < 1_000) return;
  const [stats] = await db.$queryRaw<{ reltuples: number }[]>`
    SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'posts' AND relnamespace = 'public'::regnamespace`;
  if (stats && stats.reltuples >= rows / 2) return;
  try {
    // Only the columns the export filters and orders on: the texts would make it many times slower.
    await db.$executeRawUnsafe(
      `ANALYZE "public"."posts" ("consultation_id", "thread_id", "status", "quarantined", "is_opening", "seq"), "public"."threads" ("id", "consultation_id"), ` +
        `"public"."positions" ("consultation_id", "status", "quarantined", "id"), "public"."endorsements" ("id", "post_id", "position_id")`,
    );
  } catch (err) {
    // Only an optimisation: a role that may not analyse still gets its export, more slowly.
    console.warn("exports: could not refresh planner statistics", err);
  }
}

/**
 * Lets other requests run between two batches. PGlite answers queries without any I/O wait, so a loop of
 * reads and writes would otherwise run as one long chain of promise callbacks and starve the event loop.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every contribution the audience may see, in batches: posts, then positions, then endorsements. */
export async function* contributionBatches(db: Tx, a: ExportAudience, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<ContributionBatch> {
  await ensurePlannerStatistics(db, a.consultation.id);
  for (let after = 0; ; ) {
    const rows = await readPostBatch(db, a, after, batchSize);
    await yieldToEventLoop();
    if (rows.length) yield { kind: "post", rows };
    if (rows.length < batchSize) break;
    after = rows.at(-1)!.seq;
  }
  for (let after = ""; ; ) {
    const rows = await readPositionBatch(db, a, after, batchSize);
    await yieldToEventLoop();
    if (rows.length) yield { kind: "position", rows };
    if (rows.length < batchSize) break;
    after = rows.at(-1)!.id;
  }
  for (let after = ""; ; ) {
    const rows = await readEndorsementBatch(db, a, after, batchSize);
    await yieldToEventLoop();
    if (rows.length) yield { kind: "endorsement", rows };
    if (rows.length < batchSize) break;
    after = rows.at(-1)!.id;
  }
  // The draft texts: units of the current versions, then amendments (server/texts/export-rows.ts).
  for (const [kind, read] of [["unit", readUnitBatch], ["amendment", readAmendmentBatch]] as const) {
    for (let after = ""; ; ) {
      const rows = await read(db, a, after, batchSize);
      await yieldToEventLoop();
      if (rows.length) yield { kind, rows } as unknown as ContributionBatch;
      if (rows.length < batchSize) break;
      after = rows.at(-1)!.id;
    }
  }
}

/** How many rows an export will have, for progress figures. */
export async function countContributions(db: Tx, a: ExportAudience): Promise<number> {
  const [posts, positions, endorsements, texts] = await Promise.all([
    db.post.count({ where: postScopeWhere(a) }),
    db.position.count({ where: positionScopeWhere(a) }),
    db.endorsement.count({ where: endorsementScopeWhere(a) }),
    countTextRows(db, a),
  ]);
  return posts + positions + endorsements + texts;
}
