// Reading contributions for export: keyset batches (posts by seq, positions and endorsements by id), so
// 100,000 contributions never sit in memory at once. Each batch is shaped into export rows here, the one
// place that decides which fields leave the database (never an e-mail; no text of quarantined items).
import type { Tx } from "../db/index.ts";
import { Prisma } from "../db/generated/client.ts";
import { tallyEndorsements } from "../posts/endorsements.ts";
import { isoTimestamp, readRows } from "../db/direct-reads.ts";
import { visibleContributionSql } from "../consultations/visibility-sql.ts";
import { STAKEHOLDER_CATEGORIES } from "../../shared/categories.ts";
import type { TExportEndorsement, TExportPost, TExportPosition } from "../../shared/schemas/exports.ts";
import type { EndorsementTally } from "../posts/present.ts";
import type { ReasonCode } from "../../shared/schemas/moderation.ts";
import { endorsementScopeWhere, positionScopeWhere, postScopeWhere, WITHHELD, type ExportAudience } from "./scope.ts";
import { htmlToText } from "./text.ts";
import { yieldToEventLoop } from "./event-loop.ts";
import { EXPORT_BATCH_SIZE, ROW_KINDS, type ContributionBatch } from "./formats/columns.ts";
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
  /** As Date.prototype.toISOString() writes it. */
  createdAt: string;
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
    if (!latest.has(id)) latest.set(id, { ...r, createdAt: r.createdAt.toISOString() });
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
    moderatedAt: d?.createdAt ?? null,
  };
}

interface PostRow {
  id: string;
  seq: number;
  thread_id: string;
  thread_title: string;
  question_id: string | null;
  question_ordinal: number | null;
  parent_id: string | null;
  reply_type: TExportPost["replyType"];
  is_opening: boolean;
  author_id: string;
  display_name: string;
  organisation_id: string | null;
  organisation: string | null;
  category: TExportPost["category"];
  body_html: string;
  /** The database's plain text of body_html (roundtable_html_to_text), the same in every export. */
  body_text: string;
  status: TExportPost["status"];
  quarantined: boolean;
  version: number;
  edited_at: string | null;
  created_at: string;
  /** Endorsements per category (null: none). */
  tally: Record<string, number> | null;
  /** Staff scope only (null otherwise): the thread's opening post was reported as illegal. */
  title_withheld: boolean | null;
  /** Staff scope only: the latest moderation decision on the post. */
  decision_action: string | null;
  decision_reason_code: ReasonCode | null;
  decision_statement: string | null;
  decided_at: string | null;
}

/**
 * Whether the thread of the post `alias` has an opening post the public may see: one probe of the
 * opening-post index. Written as a scalar subquery with LIMIT, not EXISTS: PostgreSQL may turn an EXISTS
 * into a hashed subplan that reads every post of the table once per statement (measured: 100 ms a batch
 * on 100,000 posts, depending on the statistics of the moment).
 */
export function openingVisibleSql(a: ExportAudience, alias: string): Prisma.Sql {
  const visible = visibleContributionSql(a.viewer, a.consultation, "op");
  return Prisma.sql`(SELECT true FROM posts op WHERE op.thread_id = ${Prisma.raw(alias)}.thread_id AND op.is_opening AND ${visible} AND NOT op.quarantined LIMIT 1) IS NOT NULL`;
}

/**
 * One statement per batch, run by readRows without Prisma's per-value conversion (an export reads every
 * post of a consultation). In the public scope a post exists only while its thread's opening post is
 * visible: one probe of the opening-post index per row.
 */
function postBatchSql(a: ExportAudience, afterSeq: number, take: number): Prisma.Sql {
  const visible = (alias: string) => visibleContributionSql(a.viewer, a.consultation, alias);
  const publicOnly =
    a.scope === "staff"
      ? Prisma.empty
      : Prisma.sql`AND NOT p.quarantined AND ${openingVisibleSql(a, "p")}`;
  // Staff exports: whether the thread's title is withheld (its opening post reported as illegal: the title
  // may be the illegal part) and the latest decision, in the same statement as the COPY path (csv-copy.ts).
  const staff = a.scope === "staff";
  const staffSelect = staff
    ? Prisma.sql`(SELECT true FROM posts qo WHERE qo.thread_id = p.thread_id AND qo.is_opening AND qo.quarantined LIMIT 1) IS NOT NULL AS title_withheld,
           md.action::text AS decision_action, md.reason_code::text AS decision_reason_code, md.statement AS decision_statement, ${isoTimestamp("md.created_at")} AS decided_at`
    : Prisma.sql`NULL::boolean AS title_withheld, NULL::text AS decision_action, NULL::text AS decision_reason_code, NULL::text AS decision_statement, NULL::text AS decided_at`;
  const latestDecision = staff
    ? Prisma.sql`LEFT JOIN LATERAL (SELECT d.action, d.reason_code, d.statement, d.created_at FROM moderation_decisions d WHERE d.post_id = p.id ORDER BY d.created_at DESC, d.id DESC LIMIT 1) md ON TRUE`
    : Prisma.empty;
  // The batch is chosen first (by the seq index, LIMIT inside) and only its rows are joined: the joins
  // then cannot be planned over the whole consultation when a table's statistics are behind.
  return Prisma.sql`
    WITH batch AS MATERIALIZED (
      SELECT p.id, p.seq, p.thread_id, p.parent_id, p.reply_type, p.is_opening, p.author_id, p.on_behalf_of_organisation_id,
             p.author_category, p.body_html, p.body_text, p.status, p.quarantined, p.version, p.edited_at, p.created_at
      FROM posts p
      WHERE p.consultation_id = ${a.consultation.id} AND p.seq > ${afterSeq} AND ${visible("p")} ${publicOnly}
      ORDER BY p.seq LIMIT ${take})
    SELECT p.id, p.seq, p.thread_id, t.title AS thread_title, t.question_id, q.ordinal AS question_ordinal, p.parent_id,
           p.reply_type::text AS reply_type, p.is_opening, p.author_id, u.display_name, p.on_behalf_of_organisation_id AS organisation_id,
           o.name AS organisation, p.author_category::text AS category, p.body_html, p.body_text, p.status::text AS status, p.quarantined, p.version,
           ${isoTimestamp("p.edited_at")} AS edited_at, ${isoTimestamp("p.created_at")} AS created_at,
           (SELECT json_object_agg(x.category, x.n) FROM (SELECT e.category::text AS category, count(*)::int AS n FROM endorsements e
             WHERE e.post_id = p.id GROUP BY e.category) x) AS tally,
           ${staffSelect}
    FROM batch p
    JOIN threads t ON t.id = p.thread_id
    LEFT JOIN questions q ON q.id = t.question_id
    JOIN users u ON u.id = p.author_id
    LEFT JOIN organisations o ON o.id = p.on_behalf_of_organisation_id
    ${latestDecision}
    ORDER BY p.seq`;
}

export async function readPostBatch(db: Tx, a: ExportAudience, afterSeq: number, take = EXPORT_BATCH_SIZE): Promise<TExportPost[]> {
  const rows = await readRows<PostRow>(db, postBatchSql(a, afterSeq, take));
  if (rows.length === 0) return [];
  const anchors = await anchorsOfThreads(db, a, [...new Set(rows.map((r) => r.thread_id))]);
  return rows.map((p) => {
    const tally = orderedTally(p.tally ? { total: Object.values(p.tally).reduce((n, c) => n + c, 0), byCategory: p.tally } : undefined);
    return {
      kind: "post" as const,
      id: p.id,
      seq: p.seq,
      threadId: p.thread_id,
      threadTitle: p.title_withheld ? WITHHELD : p.thread_title,
      questionId: p.question_id,
      questionOrdinal: p.question_ordinal,
      parentId: p.parent_id,
      replyType: p.reply_type,
      isOpening: p.is_opening,
      category: p.category,
      authorId: a.showAuthors ? p.author_id : null,
      author: a.showAuthors ? p.display_name : null,
      organisationId: a.showAuthors ? p.organisation_id : null,
      organisation: a.showAuthors ? p.organisation : null,
      status: p.status,
      body: p.quarantined ? WITHHELD : p.body_text,
      bodyHtml: p.quarantined ? WITHHELD : p.body_html,
      createdAt: p.created_at,
      editedAt: p.edited_at,
      version: p.version,
      endorsements: tally.total,
      endorsementsByCategory: tally.byCategory,
      permalink: `/posts/${p.id}`,
      textDocumentId: anchors.get(p.thread_id)?.documentId ?? null,
      textEId: anchors.get(p.thread_id)?.eId ?? null,
      ...staffColumns(a, p.quarantined, p.decision_action ? { action: p.decision_action, reasonCode: p.decision_reason_code, statement: p.decision_statement, createdAt: p.decided_at! } : undefined),
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

/** Endorsements of visible posts and positions, by id: the same conditions as postBatchSql and positionScopeWhere. */
export async function readEndorsementBatch(db: Tx, a: ExportAudience, afterId: string, take = EXPORT_BATCH_SIZE): Promise<TExportEndorsement[]> {
  const visible = (alias: string) => visibleContributionSql(a.viewer, a.consultation, alias);
  const c = a.consultation.id;
  const publicPost = a.scope === "staff" ? Prisma.empty : Prisma.sql`AND NOT p.quarantined AND ${openingVisibleSql(a, "p")}`;
  const publicPosition = a.scope === "staff" ? Prisma.empty : Prisma.sql`AND NOT ps.quarantined`;
  // Walks the endorsements in id order and probes each one's post or position by primary key (scalar
  // subqueries with LIMIT, for the reason openingVisibleSql gives): the cost stays per row of the batch
  // whatever the planner's statistics say. Who endorsed is never exported: only the category they endorsed in.
  const rows = await readRows<{ id: string; post_id: string | null; position_id: string | null; category: TExportEndorsement["category"]; created_at: string }>(
    db,
    Prisma.sql`
      SELECT e.id, e.post_id, e.position_id, e.category::text AS category, ${isoTimestamp("e.created_at")} AS created_at
      FROM endorsements e
      WHERE e.id > ${afterId}
        AND ((SELECT true FROM posts p WHERE p.id = e.post_id AND p.consultation_id = ${c} AND ${visible("p")} ${publicPost} LIMIT 1) IS NOT NULL
          OR (SELECT true FROM positions ps WHERE ps.id = e.position_id AND ps.consultation_id = ${c} AND ${visible("ps")} ${publicPosition} LIMIT 1) IS NOT NULL)
      ORDER BY e.id LIMIT ${take}`,
  );
  return rows.map((e) => ({
    kind: "endorsement" as const,
    id: e.id,
    targetKind: e.post_id ? ("post" as const) : ("position" as const),
    targetId: (e.post_id ?? e.position_id)!,
    category: e.category,
    createdAt: e.created_at,
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
        `"public"."positions" ("consultation_id", "status", "quarantined", "id"), "public"."endorsements" ("id", "post_id", "position_id"), ` +
        `"public"."users" ("id"), "public"."organisations" ("id")`,
    );
  } catch (err) {
    // Only an optimisation: a role that may not analyse still gets its export, more slowly.
    console.warn("exports: could not refresh planner statistics", err);
  }
}


/**
 * Keyset batches with one read ahead: the next batch is read from the database while the caller writes
 * this one out, so an export takes about the longer of the two instead of their sum.
 */
export async function* readAhead<R, K>(read: (after: K) => Promise<R[]>, first: K, keyOf: (row: R) => K, size: number): AsyncGenerator<R[]> {
  let next = read(first);
  try {
    for (;;) {
      const rows = await next;
      const full = rows.length >= size;
      if (full) next = read(keyOf(rows.at(-1)!));
      await yieldToEventLoop();
      if (rows.length) yield rows;
      if (!full) return;
    }
  } finally {
    // A consumer that stops early (a client gone, a failed write) leaves a read in flight: its outcome no longer matters.
    next.catch(() => {});
  }
}

/**
 * One keyset batch of a kind, after the cursor: posts by seq, the others by id. The draft texts' units and
 * amendments are read in server/texts/export-rows.ts.
 */
export function readBatch(db: Tx, a: ExportAudience, kind: ContributionBatch["kind"], after: string | number, take = EXPORT_BATCH_SIZE): Promise<ContributionBatch["rows"]> {
  switch (kind) {
    case "post":
      return readPostBatch(db, a, Number(after), take);
    case "position":
      return readPositionBatch(db, a, String(after), take);
    case "endorsement":
      return readEndorsementBatch(db, a, String(after), take);
    case "unit":
      return readUnitBatch(db, a, String(after), take);
    case "amendment":
      return readAmendmentBatch(db, a, String(after), take);
  }
}

/** The contributions of one kind the audience may see, in batches (without ensurePlannerStatistics). */
export async function* batchesOfKind(db: Tx, a: ExportAudience, kind: ContributionBatch["kind"], batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<ContributionBatch> {
  const keyOf = (row: ContributionBatch["rows"][number]) => (row.kind === "post" ? row.seq : row.id);
  const first = kind === "post" ? 0 : "";
  for await (const rows of readAhead<ContributionBatch["rows"][number], string | number>((after) => readBatch(db, a, kind, after, batchSize), first, keyOf, batchSize)) {
    yield { kind, rows } as ContributionBatch;
  }
}

/** Every contribution the audience may see, in batches, kind after kind in ROW_KINDS' order. */
export async function* contributionBatches(db: Tx, a: ExportAudience, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<ContributionBatch> {
  await ensurePlannerStatistics(db, a.consultation.id);
  for (const kind of ROW_KINDS) yield* batchesOfKind(db, a, kind, batchSize);
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
