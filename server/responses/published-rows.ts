// Published responses read in bulk, for the public CSV export: one plain statement per batch for the
// responses and their names, and one per side table for the few that have redactions, files or verified
// impersonation reports. The same shape as PUBLISHED_INCLUDE gives, for the same presenter
// (presentPublished), so the export shows exactly what the published list shows; what is published is
// still only what publishedResponsesWhere admits (the same conditions, written here in SQL).
import type { Tx } from "../db/index.ts";
import { Prisma, type ConsentChoice, type ResponseChannel, type ResponseStatus, type StakeholderCategory } from "../db/generated/client.ts";
// publication.ts first: it and attachments.ts import each other, and publication.ts needs ATTACHMENT_META
// when it is evaluated, so attachments.ts must finish first (which importing publication.ts ensures).
import { PUBLISHED_CONSENTS, type PublishedSource } from "./publication.ts";
import { ATTACHMENT_META } from "./attachments.ts";
import { isoTimestamp, readRows } from "../db/direct-reads.ts";

interface Row {
  id: string;
  seq: number;
  status: ResponseStatus;
  consent: ConsentChoice | null;
  category: StakeholderCategory;
  country: string | null;
  channel: ResponseChannel;
  answers: unknown;
  submission_number: string | null;
  version: number;
  submitted_at: string | null;
  amended_at: string | null;
  external_name: string | null;
  external_organisation: string | null;
  external_register_number: string | null;
  suspected_automated_at: string | null;
  display_name: string | null;
  org_id: string | null;
  org_name: string | null;
  org_register: string | null;
}

const dateOf = (iso: string | null) => (iso === null ? null : new Date(iso));

const PUBLISHED_CONSENTS_SQL = Prisma.raw(PUBLISHED_CONSENTS.map((c) => `'${c}'`).join(", "));

const group = <T extends { responseId: string }>(rows: T[]) => {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.responseId);
    if (list) list.push(r);
    else out.set(r.responseId, [r]);
  }
  return out;
};

/** Up to `limit` published responses of the consultation after `afterSeq`, oldest first. */
export async function readPublishedRows(db: Tx, consultationId: string, afterSeq: number, limit: number): Promise<(PublishedSource & { seq: number })[]> {
  // The consents as constants, not parameters: the planner then knows how many rows qualify and reads
  // the index in order, stopping at the limit.
  // readRows: without Prisma's per-value conversion (a million rows), hence timestamps as text.
  const rows = await readRows<Row>(db, Prisma.sql`
    SELECT r.id, r.seq, r.status::text AS status, r.consent::text AS consent, r.category::text AS category, r.country, r.channel::text AS channel,
           r.answers, r.submission_number, r.version, ${isoTimestamp("r.submitted_at")} AS submitted_at, ${isoTimestamp("r.amended_at")} AS amended_at,
           r.external_name, r.external_organisation, r.external_register_number, ${isoTimestamp("r.suspected_automated_at")} AS suspected_automated_at,
           u.display_name, o.id AS org_id, o.name AS org_name, o.transparency_register_id AS org_register
    FROM responses r
    LEFT JOIN users u ON u.id = r.respondent_id
    LEFT JOIN organisations o ON o.id = r.on_behalf_of_organisation_id
    WHERE r.consultation_id = ${consultationId} AND r.status = 'submitted' AND r.consent IN (${PUBLISHED_CONSENTS_SQL}) AND r.seq > ${afterSeq}
    ORDER BY r.seq LIMIT ${limit}`);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // One array parameter per side table (a list of thousands of parameters costs more to plan than to run).
  const [redactions, reports, withFiles] = await Promise.all([
    db.$queryRaw<{ responseId: string; questionKey: string; redactedText: string; reason: string }[]>`
      SELECT response_id AS "responseId", question_key AS "questionKey", redacted_text AS "redactedText", reason
      FROM response_redactions WHERE response_id = ANY(${ids}::text[]) ORDER BY created_at`,
    db.$queryRaw<{ responseId: string; n: number }[]>`
      SELECT response_id AS "responseId", count(*)::int AS n FROM response_impersonation_reports
      WHERE response_id = ANY(${ids}::text[]) AND verified_at IS NOT NULL GROUP BY response_id`,
    db.$queryRaw<{ responseId: string }[]>`SELECT DISTINCT response_id AS "responseId" FROM response_attachments WHERE response_id = ANY(${ids}::text[])`,
  ]);
  // Files are few: read whole, with their page redactions, for just the responses that have some.
  const attachments = withFiles.length
    ? await db.responseAttachment.findMany({ where: { responseId: { in: withFiles.map((f) => f.responseId) } }, select: { responseId: true, ...ATTACHMENT_META }, orderBy: { createdAt: "asc" } })
    : [];
  const redactionsOf = group(redactions);
  const attachmentsOf = group(attachments);
  const reportsOf = new Map(reports.map((r) => [r.responseId, r.n]));
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    status: r.status,
    consent: r.consent,
    category: r.category,
    country: r.country,
    channel: r.channel,
    answers: r.answers as PublishedSource["answers"],
    submissionNumber: r.submission_number,
    version: r.version,
    submittedAt: dateOf(r.submitted_at),
    amendedAt: dateOf(r.amended_at),
    externalName: r.external_name,
    externalOrganisation: r.external_organisation,
    externalRegisterNumber: r.external_register_number,
    suspectedAutomatedAt: dateOf(r.suspected_automated_at),
    respondent: r.display_name === null ? null : { displayName: r.display_name },
    onBehalfOf: r.org_id === null ? null : { id: r.org_id, name: r.org_name!, transparencyRegisterId: r.org_register },
    redactions: redactionsOf.get(r.id) ?? [],
    attachments: attachmentsOf.get(r.id) ?? [],
    _count: { impersonationReports: reportsOf.get(r.id) ?? 0 },
  }));
}
