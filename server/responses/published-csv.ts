// The public responses CSV, produced by the database: a million published responses are a few seconds of
// PostgreSQL's time, while reading them into JavaScript and presenting each (the published list's
// presenter) took four times that. The statement below writes every cell exactly as presentPublished and
// formatAnswer show it to an anonymous reader, so the same rules are written twice, here and there;
// test/responses/published-csv.test.ts holds the two to the same bytes on every question type and on
// adversarial values (redactions, withheld and page-redacted files, Chatham House, formula-like text, odd
// numbers), on both databases. What is published is publishedResponsesWhere's rule, in SQL.
//
// Cells are computed once in an inner query (OFFSET 0 keeps the planner from copying their expressions into
// the outer one), then the outer one applies the CSV rules of csvSafe (formula guard) and empty-as-nothing.
import { Prisma } from "../db/generated/client.ts";
import { REDACTED_MARK, type TQuestion } from "../../shared/schemas/responses.ts";
import { isoTimestamp } from "../db/direct-reads.ts";
import { guardedCell, literal } from "../db/sql-csv.ts";
import { PUBLISHED_CONSENTS } from "./publication.ts";

/** formatAnswer's labelOf: an option key as its label, an unknown key as itself. */
function labelled(expr: string, list: { key: string; label: string }[]): string {
  if (list.length === 0) return expr;
  return `CASE ${expr} ${list.map((o) => `WHEN ${literal(o.key)} THEN ${literal(o.label)}`).join(" ")} ELSE ${expr} END`;
}

/** A list answer's elements, in order (nothing when the answer is not a list). */
const elementsOf = (value: string) => `jsonb_array_elements_text(CASE jsonb_typeof(${value}) WHEN 'array' THEN ${value} ELSE '[]'::jsonb END) WITH ORDINALITY AS e(v, n)`;

/**
 * A text answer with applyRedactions' masks: every redacted text of that question replaced, in the order
 * the redactions were made. `red.texts` is the response's redacted texts by question (see the statement).
 */
function maskedText(key: string): string {
  const k = literal(key);
  return `CASE WHEN red.texts IS NULL OR jsonb_typeof(r.answers -> ${k}) <> 'string' THEN r.answers ->> ${k} ELSE (
    WITH RECURSIVE m(n, v) AS (
      SELECT 0, r.answers ->> ${k}
      UNION ALL SELECT m.n + 1, replace(m.v, red.texts -> ${k} ->> m.n, ${literal(REDACTED_MARK)}) FROM m WHERE m.n < coalesce(jsonb_array_length(red.texts -> ${k}), 0))
    SELECT m.v FROM m ORDER BY m.n DESC LIMIT 1) END`;
}

/** A number as JavaScript's String(n) writes it: as stored, but in exponent form below 1e-6 and from 1e21. */
function jsNumber(text: string): string {
  return `CASE WHEN ${text}::numeric <> 0 AND (abs(${text}::numeric) >= 1e21 OR abs(${text}::numeric) < 0.000001)
    THEN regexp_replace(${text}::float8::text, 'e([+-])0*', 'e\\1') ELSE ${text} END`;
}

/** One question's cell: formatAnswer(question, answer) joined with " | ". */
function answerCell(q: TQuestion): string {
  const k = literal(q.key);
  const value = `(r.answers -> ${k})`;
  switch (q.type) {
    case "single_choice":
      return labelled(`(${maskedText(q.key)})`, q.options);
    case "multiple_choice":
      return `(SELECT string_agg(${labelled("e.v", q.options)}, ' | ' ORDER BY e.n) FROM ${elementsOf(value)})`;
    case "ranking":
      return `(SELECT string_agg(e.n || '. ' || ${labelled("e.v", q.options)}, ' | ' ORDER BY e.n) FROM ${elementsOf(value)})`;
    case "matrix":
      return `NULLIF(concat_ws(' | ', ${q.rows.map((row) => `CASE WHEN jsonb_typeof(${value}) = 'object' AND ${value} ? ${literal(row.key)} THEN ${literal(`${row.label}: `)} || ${labelled(`(${value} ->> ${literal(row.key)})`, q.columns)} END`).join(", ")}), '')`;
    case "scale":
      return `(r.answers ->> ${k}) || ${literal(` (${q.min}–${q.max})`)}`;
    case "file_upload":
      // publishedAttachments: a withheld file listed in its own question is left out; a file the public may
      // open is named with its download path; anything else listed keeps formatAnswer's "File <id>".
      return `(SELECT string_agg(CASE WHEN a.id IS NOT NULL AND a.withheld_at IS NULL AND jsonb_typeof(r.answers -> a.question_key) = 'array' AND (r.answers -> a.question_key) ? a.id
                 THEN a.file_name || ' </api/responses/' || r.id || '/attachments/' || a.id || '>' ELSE 'File ' || e.v END, ' | ' ORDER BY e.n)
               FROM ${elementsOf(value)} LEFT JOIN response_attachments a ON a.id = e.v AND a.response_id = r.id
               WHERE NOT (a.withheld_at IS NOT NULL AND a.question_key = ${k}))`;
    case "number":
      return `CASE WHEN jsonb_typeof(${value}) = 'number' THEN ${jsNumber(`(r.answers ->> ${k})`)} ELSE replace(r.answers ->> ${k}, E'\\n', ' | ') END`;
    default:
      return `replace(${maskedText(q.key)}, E'\\n', ' | ')`;
  }
}

/**
 * The published responses of a consultation as CSV cells (text or NULL), in submission order, one column
 * per FIXED column and one per question. `seeAuthors`: consultationPolicy.seeAuthors for an anonymous
 * reader (Chatham House withholds names). `afterSeq`/`limit` page it (the first column is then the seq).
 */
export function publishedCsvSelect(consultationId: string, questions: TQuestion[], opts: { seeAuthors: boolean; page?: { afterSeq: number; limit: number } }): Prisma.Sql {
  const c = literal(consultationId);
  const consents = PUBLISHED_CONSENTS.map(literal).join(", ");
  const hasOrganisation = `(o.id IS NOT NULL OR coalesce(r.external_organisation, '') <> '')`;
  const named = `(r.consent = 'publish_named' OR ${hasOrganisation})`;
  const names = opts.seeAuthors
    ? [
        `CASE WHEN ${named} AND NOT ${hasOrganisation} THEN coalesce(u.display_name, r.external_name) END`,
        `CASE WHEN o.id IS NOT NULL THEN o.name WHEN ${hasOrganisation} THEN r.external_organisation END`,
        `CASE WHEN o.id IS NOT NULL THEN o.transparency_register_id WHEN ${hasOrganisation} THEN r.external_register_number END`,
      ]
    : ["NULL::text", "NULL::text", "NULL::text"];
  // presentPublished's "redacted": any span redaction, or a file listed in its answer that is withheld or
  // has a redacted page.
  const redacted = `(red.response_id IS NOT NULL OR (files.response_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM response_attachments a WHERE a.response_id = r.id AND jsonb_typeof(r.answers -> a.question_key) = 'array' AND (r.answers -> a.question_key) ? a.id
        AND (a.withheld_at IS NOT NULL OR EXISTS (SELECT 1 FROM response_attachment_page_redactions p WHERE p.attachment_id = a.id)))))`;
  const page = opts.page ? `AND r.seq > ${Math.trunc(opts.page.afterSeq)}` : "";
  const limit = opts.page ? `LIMIT ${Math.trunc(opts.page.limit)}` : "";
  const inner = [
    "r.seq",
    "r.submission_number AS submission_number",
    `${isoTimestamp("r.submitted_at").sql} AS submitted_at`,
    `${isoTimestamp("r.amended_at").sql} AS amended_at`,
    "r.version::text AS version",
    ...names.map((n, i) => `${n} AS name${i}`),
    "r.category::text AS category",
    "r.country",
    `CASE WHEN ${redacted} THEN 'true' ELSE 'false' END AS redacted`,
    ...questions.map((q, i) => `${answerCell(q)} AS q${i}`),
  ];
  const outer = [
    ...(opts.page ? ["s.seq AS seq"] : []),
    guardedCell("s.submission_number"),
    "s.submitted_at",
    "s.amended_at",
    "s.version",
    ...names.map((_, i) => guardedCell(`s.name${i}`)),
    "s.category",
    guardedCell("s.country"),
    "s.redacted",
    ...questions.map((_, i) => guardedCell(`s.q${i}`)),
  ].map((cell, i) => (i === 0 && opts.page ? cell : `${cell} AS c${i}`));
  return Prisma.raw(`
    SELECT ${outer.join(",\n      ")}
    FROM (
      WITH red AS (
        SELECT g.response_id, jsonb_object_agg(g.question_key, g.texts) AS texts FROM (
          SELECT rr.response_id, rr.question_key, jsonb_agg(rr.redacted_text ORDER BY rr.created_at, rr.id) FILTER (WHERE rr.redacted_text <> '') AS texts
          FROM response_redactions rr JOIN responses x ON x.id = rr.response_id WHERE x.consultation_id = ${c} GROUP BY 1, 2) g
        GROUP BY g.response_id),
      files AS (SELECT DISTINCT a.response_id FROM response_attachments a JOIN responses x ON x.id = a.response_id WHERE x.consultation_id = ${c})
      SELECT ${inner.join(",\n        ")}
      FROM responses r
      LEFT JOIN users u ON u.id = r.respondent_id
      LEFT JOIN organisations o ON o.id = r.on_behalf_of_organisation_id
      LEFT JOIN red ON red.response_id = r.id
      LEFT JOIN files ON files.response_id = r.id
      WHERE r.consultation_id = ${c} AND r.status = 'submitted' AND r.consent IN (${consents}) ${page}
      ORDER BY r.seq ${limit} OFFSET 0) s
    ORDER BY s.seq`);
}
