// The columns of the tabular exports (CSV: one table with a `kind` column; XLSX: one sheet per kind).
// Pure: no database, so the export worker can import it.
import type { ExportScope, TExportAmendment, TExportEndorsement, TExportPost, TExportPosition, TExportRow, TExportTextUnit } from "../../../shared/schemas/exports.ts";

export type ContributionBatch =
  | { kind: "post"; rows: TExportPost[] }
  | { kind: "position"; rows: TExportPosition[] }
  | { kind: "endorsement"; rows: TExportEndorsement[] }
  | { kind: "unit"; rows: TExportTextUnit[] }
  | { kind: "amendment"; rows: TExportAmendment[] };

/** The kinds of rows, in the order every export writes them (one sheet, one JSON array each). */
export const ROW_KINDS = ["post", "position", "endorsement", "unit", "amendment"] as const;

/** Rows per database read: exports stream in keyset batches of this size. */
export const EXPORT_BATCH_SIZE = 1_000;

const STAFF = ["quarantined", "moderationAction", "moderationReasonCode", "moderationStatement", "moderatedAt"] as const;

const POST = [
  "id", "seq", "createdAt", "status", "questionId", "questionOrdinal", "threadId", "threadTitle", "parentId", "replyType", "isOpening",
  "category", "authorId", "author", "organisationId", "organisation", "body", "bodyHtml", "editedAt", "version",
  "endorsements", "endorsementsByCategory", "permalink", "textDocumentId", "textEId",
] as const;
const POSITION = [
  "id", "createdAt", "updatedAt", "status", "questionId", "questionOrdinal", "category", "organisationId", "organisation", "country",
  "authorId", "author", "stance", "summary", "argument", "argumentHtml", "amendmentText", "declarationOfInterests", "fundingSources",
  "evidence", "version", "endorsements", "endorsementsByCategory", "permalink", "citedUnits",
] as const;
const ENDORSEMENT = ["id", "createdAt", "targetKind", "targetId", "category"] as const;
const UNIT = ["id", "documentId", "documentTitle", "version", "eId", "parentEId", "unitKind", "ordinal", "num", "heading", "text", "comments", "amendments", "permalink"] as const;
const AMENDMENT = [
  "id", "createdAt", "status", "documentId", "eId", "version", "amendmentKind", "spanStart", "spanEnd", "quote", "proposedText", "justification", "justificationHtml",
  "evidence", "declarationOfInterests", "fundingSources", "category", "authorId", "author", "organisationId", "organisation", "outcome", "outcomeReasons",
  "endorsements", "endorsementsByCategory", "permalink",
] as const;

export const SHEETS = { post: "posts", position: "positions", endorsement: "endorsements", unit: "units", amendment: "amendments" } as const;

const BASE: Record<TExportRow["kind"], readonly string[]> = { post: POST, position: POSITION, endorsement: ENDORSEMENT, unit: UNIT, amendment: AMENDMENT };

export function sheetColumns(kind: TExportRow["kind"], scope: ExportScope): string[] {
  const base = BASE[kind];
  if (scope !== "staff") return [...base];
  if (kind === "post" || kind === "position") return [...base, ...STAFF];
  // Amendments' moderation history is in the moderation log; here only whether the text is withheld.
  return kind === "amendment" ? [...base, "quarantined"] : [...base];
}

/** The single CSV's columns: every kind's, in a fixed order, after `kind`. */
export function csvColumns(scope: ExportScope): string[] {
  const seen = new Set<string>(["kind"]);
  for (const kind of ROW_KINDS) for (const c of sheetColumns(kind, scope)) seen.add(c);
  return [...seen];
}

/** A cell value as text or number: nulls empty, records "category:count;…", lists JSON. */
export function cellValue(value: unknown): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return value.length ? JSON.stringify(value) : "";
  if (typeof value === "object") return Object.entries(value as Record<string, number>).map(([k, v]) => `${k}:${v}`).join(";");
  return String(value);
}
