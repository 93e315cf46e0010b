// The contributions CSV on PostgreSQL: posts and endorsements, nearly all of a large export's rows, are
// written by the database (COPY), the few positions, draft-text units and amendments by the writer every
// other format uses. Reading 100,000 posts into JavaScript and writing them out again took 2.5 times
// what `psql \copy` takes for the same rows (issue 12's W6).
//
// The statements below write every cell exactly as readPostBatch / readEndorsementBatch and
// contributionsCsvLines do (server/exports/rows.ts, formats/): the same rules twice, held to the same
// bytes by test/exports/csv-copy.test.ts on adversarial records. Which rows: postBatchSql's and
// readEndorsementBatch's conditions, from the same SQL fragments. On PGlite (no COPY) the export is
// the batch writer's.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/index.ts";
import { copiesDirectly, copyOut, isoTimestamp } from "../db/direct-reads.ts";
import { guardedCell, inlined, literal } from "../db/sql-csv.ts";
import { visibleContributionSql } from "../consultations/visibility-sql.ts";
import { STAKEHOLDER_CATEGORIES } from "../../shared/categories.ts";
import { exportHasTexts } from "../texts/export-rows.ts";
import { WITHHELD, type ExportAudience } from "./scope.ts";
import { batchesOfKind, ensurePlannerStatistics, openingVisibleSql } from "./rows.ts";
import { csvColumns } from "./formats/columns.ts";
import { contributionsCsvLines, contributionsCsvTable, writeChunk } from "./formats/contributions.ts";

const iso = (column: string) => isoTimestamp(column).sql;
const bool = (column: string) => `CASE WHEN ${column} THEN 'true' ELSE 'false' END`;

/** The statement's select list: the CSV's columns in order, a cell where the kind has the column, none elsewhere. */
function selectList(a: ExportAudience, cells: Record<string, string>): string {
  return csvColumns(a.scope).map((c, i) => `${cells[c] ?? "NULL"} AS c${i}`).join(",\n  ");
}

/**
 * Endorsements per category in STAKEHOLDER_CATEGORIES' order ("category:count;…", orderedTally's), and
 * their total: one aggregate over the post's endorsements with a count per category (a GROUP BY with
 * string_agg per post took 1.2 s of a 3 s export of 100,000 posts).
 */
const TALLY = `LEFT JOIN LATERAL (
    SELECT count(*)::int AS total, NULLIF(concat_ws(';', ${STAKEHOLDER_CATEGORIES.map((c) => {
      const n = `count(*) FILTER (WHERE e.category = ${literal(c)})`;
      return `CASE WHEN ${n} > 0 THEN ${literal(`${c}:`)} || ${n} END`;
    }).join(", ")}), '') AS by_category
    FROM endorsements e WHERE e.post_id = p.id) tl ON TRUE`;

export function postsCsvSelect(a: ExportAudience, hasTexts: boolean): Prisma.Sql {
  const staff = a.scope === "staff";
  const visible = inlined(visibleContributionSql(a.viewer, a.consultation, "p"));
  const publicOnly = staff ? "" : `AND NOT p.quarantined AND ${inlined(openingVisibleSql(a, "p"))}`;
  const author = (cell: string) => (a.showAuthors ? guardedCell(cell) : undefined);
  const text = (column: string) => guardedCell(`CASE WHEN p.quarantined THEN ${literal(WITHHELD)} ELSE ${column} END`);
  // readPostBatch withholds a thread's title when its opening post was reported as illegal.
  const title = staff
    ? `CASE WHEN (SELECT true FROM posts op WHERE op.thread_id = p.thread_id AND op.is_opening AND op.quarantined LIMIT 1) THEN ${literal(WITHHELD)} ELSE t.title END`
    : "t.title";
  const cells: Record<string, string | undefined> = {
    kind: "'post'",
    id: guardedCell("p.id"),
    seq: "p.seq::text",
    createdAt: iso("p.created_at"),
    status: "p.status::text",
    questionId: guardedCell("t.question_id"),
    questionOrdinal: "q.ordinal::text",
    threadId: guardedCell("p.thread_id"),
    threadTitle: guardedCell(title),
    parentId: guardedCell("p.parent_id"),
    replyType: "p.reply_type::text",
    isOpening: bool("p.is_opening"),
    category: "p.author_category::text",
    authorId: author("p.author_id"),
    author: author("u.display_name"),
    organisationId: author("p.on_behalf_of_organisation_id"),
    organisation: author("o.name"),
    body: text("p.body_text"),
    bodyHtml: text("p.body_html"),
    editedAt: iso("p.edited_at"),
    version: "p.version::text",
    endorsements: "coalesce(tl.total, 0)::text",
    endorsementsByCategory: "tl.by_category",
    permalink: guardedCell("'/posts/' || p.id"),
    textDocumentId: hasTexts ? guardedCell("ta.document_id") : undefined,
    textEId: hasTexts ? guardedCell("ta.e_id") : undefined,
    ...(staff && {
      quarantined: bool("p.quarantined"),
      moderationAction: "md.action::text",
      moderationReasonCode: "md.reason_code::text",
      moderationStatement: guardedCell("md.statement"),
      moderatedAt: iso("md.created_at"),
    }),
  };
  const defined = Object.fromEntries(Object.entries(cells).filter((e): e is [string, string] => e[1] !== undefined));
  return Prisma.raw(`SELECT
  ${selectList(a, defined)}
FROM posts p
JOIN threads t ON t.id = p.thread_id
LEFT JOIN questions q ON q.id = t.question_id
JOIN users u ON u.id = p.author_id
LEFT JOIN organisations o ON o.id = p.on_behalf_of_organisation_id
${hasTexts ? "LEFT JOIN thread_anchors ta ON ta.thread_id = p.thread_id" : ""}
${TALLY}
${staff ? "LEFT JOIN LATERAL (SELECT d.action, d.reason_code, d.statement, d.created_at FROM moderation_decisions d WHERE d.post_id = p.id ORDER BY d.created_at DESC, d.id DESC LIMIT 1) md ON TRUE" : ""}
WHERE p.consultation_id = ${literal(a.consultation.id)} AND ${visible} ${publicOnly}
ORDER BY p.seq`);
}

export function endorsementsCsvSelect(a: ExportAudience): Prisma.Sql {
  const c = literal(a.consultation.id);
  const visible = (alias: string) => inlined(visibleContributionSql(a.viewer, a.consultation, alias));
  const publicPost = a.scope === "staff" ? "" : `AND NOT p.quarantined AND ${inlined(openingVisibleSql(a, "p"))}`;
  const publicPosition = a.scope === "staff" ? "" : "AND NOT ps.quarantined";
  const cells = {
    kind: "'endorsement'",
    id: guardedCell("x.id"),
    createdAt: iso("x.created_at"),
    targetKind: "x.target_kind",
    targetId: guardedCell("x.target_id"),
    category: "x.category::text",
  };
  // Who endorsed is never exported: only the category they endorsed in. The visible posts are worked out
  // once and hashed (probing each endorsement's post by key was 0.4 s of 0.65 s on 146,000 endorsements),
  // and the rows are sorted before their cells are computed, so the sort moves ids, not whole lines (the
  // outer ORDER BY guarantees the order; the planner sees it is already sorted).
  return Prisma.raw(`WITH visible_posts AS MATERIALIZED (
  SELECT p.id FROM posts p WHERE p.consultation_id = ${c} AND ${visible("p")} ${publicPost})
SELECT
  ${selectList(a, cells)}
FROM (
  SELECT e.id, e.created_at, 'post' AS target_kind, e.post_id AS target_id, e.category
  FROM endorsements e JOIN visible_posts vp ON vp.id = e.post_id
  UNION ALL
  SELECT e.id, e.created_at, 'position', e.position_id, e.category
  FROM endorsements e JOIN positions ps ON ps.id = e.position_id
  WHERE e.post_id IS NULL AND ps.consultation_id = ${c} AND ${visible("ps")} ${publicPosition}
  ORDER BY 1 OFFSET 0
) x
ORDER BY x.id`);
}

/** Writes the contributions CSV into `out` (which it ends) by COPY: only where copiesDirectly(db). */
export async function copyContributionsCsv(db: Tx, a: ExportAudience, out: Writable): Promise<void> {
  if (!copiesDirectly(db)) throw new Error("copyContributionsCsv needs a database that copies directly (PostgreSQL)");
  await ensurePlannerStatistics(db, a.consultation.id);
  const table = contributionsCsvTable(a.scope);
  const batches = async (kind: "position" | "unit" | "amendment") => {
    for await (const batch of batchesOfKind(db, a, kind)) await writeChunk(out, contributionsCsvLines(table, batch, a.scope));
  };
  await writeChunk(out, table.header());
  await copyOut(db, postsCsvSelect(a, await exportHasTexts(db, a)), "csv", out, { end: false });
  await batches("position");
  await copyOut(db, endorsementsCsvSelect(a), "csv", out, { end: false });
  await batches("unit");
  await batches("amendment");
  out.end();
  await finished(out);
}
