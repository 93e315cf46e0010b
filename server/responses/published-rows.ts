// Published responses read in bulk, for the public CSV export: one plain statement per batch for the
// responses and their names, and one per side table for the few that have redactions, files or verified
// impersonation reports. The same shape as PUBLISHED_INCLUDE gives, for the same presenter
// (presentPublished), so the export shows exactly what the published list shows; what is published is
// still only what publishedResponsesWhere admits (the same conditions, written here in SQL).
import type { Tx } from "../db/index.ts";
import type { ConsentChoice, ResponseChannel, ResponseStatus, StakeholderCategory } from "../db/generated/client.ts";
import { ATTACHMENT_META } from "./attachments.ts";
import { PUBLISHED_CONSENTS, type PublishedSource } from "./publication.ts";

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
  submitted_at: Date | null;
  amended_at: Date | null;
  external_name: string | null;
  external_organisation: string | null;
  external_register_number: string | null;
  suspected_automated_at: Date | null;
  display_name: string | null;
  org_id: string | null;
  org_name: string | null;
  org_register: string | null;
}

const group = <T extends { responseId: string }>(rows: T[]) => {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.responseId, [...(out.get(r.responseId) ?? []), r]);
  return out;
};

/** Up to `limit` published responses of the consultation after `afterSeq`, oldest first. */
export async function readPublishedRows(db: Tx, consultationId: string, afterSeq: number, limit: number): Promise<(PublishedSource & { seq: number })[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id, r.seq, r.status::text AS status, r.consent::text AS consent, r.category::text AS category, r.country, r.channel::text AS channel,
           r.answers, r.submission_number, r.version, r.submitted_at, r.amended_at, r.external_name, r.external_organisation,
           r.external_register_number, r.suspected_automated_at, u.display_name, o.id AS org_id, o.name AS org_name, o.transparency_register_id AS org_register
    FROM responses r
    LEFT JOIN users u ON u.id = r.respondent_id
    LEFT JOIN organisations o ON o.id = r.on_behalf_of_organisation_id
    WHERE r.consultation_id = ${consultationId} AND r.status = 'submitted' AND r.consent::text = ANY(${[...PUBLISHED_CONSENTS]}::text[]) AND r.seq > ${afterSeq}
    ORDER BY r.seq LIMIT ${limit}`;
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [redactions, attachments, reports] = await Promise.all([
    db.responseRedaction.findMany({ where: { responseId: { in: ids } }, select: { responseId: true, questionKey: true, redactedText: true, reason: true } }),
    db.responseAttachment.findMany({ where: { responseId: { in: ids } }, select: { responseId: true, ...ATTACHMENT_META }, orderBy: { createdAt: "asc" } }),
    db.responseImpersonationReport.groupBy({ by: ["responseId"], where: { responseId: { in: ids }, verifiedAt: { not: null } }, _count: { _all: true } }),
  ]);
  const redactionsOf = group(redactions);
  const attachmentsOf = group(attachments);
  const reportsOf = new Map(reports.map((r) => [r.responseId, r._count._all]));
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
    submittedAt: r.submitted_at,
    amendedAt: r.amended_at,
    externalName: r.external_name,
    externalOrganisation: r.external_organisation,
    externalRegisterNumber: r.external_register_number,
    suspectedAutomatedAt: r.suspected_automated_at,
    respondent: r.display_name === null ? null : { displayName: r.display_name },
    onBehalfOf: r.org_id === null ? null : { id: r.org_id, name: r.org_name!, transparencyRegisterId: r.org_register },
    redactions: redactionsOf.get(r.id) ?? [],
    attachments: attachmentsOf.get(r.id) ?? [],
    _count: { impersonationReports: reportsOf.get(r.id) ?? 0 },
  }));
}
