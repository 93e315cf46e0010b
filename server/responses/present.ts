// A response as its respondent sees it (their own, drafts included). Published views come later and
// never use this presenter: it carries everything the respondent wrote.
import type { Response } from "../db/generated/client.ts";
import { ATTACHMENT_META, presentAttachment, type AttachmentMeta } from "./attachments.ts";

export type ResponseRow = Response & {
  onBehalfOf: { id: string; name: string; transparencyRegisterId: string | null } | null;
  redactions: { id: string; questionKey: string; start: number; end: number; reason: string; createdAt: Date }[];
  attachments: AttachmentMeta[];
};

export const RESPONSE_INCLUDE = {
  onBehalfOf: { select: { id: true, name: true, transparencyRegisterId: true } },
  redactions: { select: { id: true, questionKey: true, start: true, end: true, reason: true, createdAt: true }, orderBy: { createdAt: "asc" as const } },
  attachments: { select: ATTACHMENT_META, orderBy: { createdAt: "asc" as const } },
} as const;

export function presentOwnResponse(r: ResponseRow, abilities: { edit: boolean }) {
  return {
    id: r.id,
    consultationId: r.consultationId,
    organisation: r.onBehalfOf ? { id: r.onBehalfOf.id, name: r.onBehalfOf.name, transparencyRegisterId: r.onBehalfOf.transparencyRegisterId } : null,
    category: r.category,
    country: r.country,
    status: r.status,
    consent: r.consent,
    answers: r.answers,
    submissionNumber: r.submissionNumber,
    version: r.version,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    amendedAt: r.amendedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    /** What moderators masked before publication, and why: the respondent is told. */
    redactions: r.redactions.map((x) => ({ id: x.id, questionKey: x.questionKey, start: x.start, end: x.end, reason: x.reason, createdAt: x.createdAt.toISOString() })),
    /** Every file uploaded to it (listed in an answer or not), with why a moderator withheld one. */
    attachments: r.attachments.map((a) => presentAttachment(a, r.id, { reason: true })),
    suspectedAutomated: r.suspectedAutomatedAt !== null,
    abilities,
  };
}
