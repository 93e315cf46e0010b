// What of a response may be published, and how: THE rule every public channel of responses uses (the
// published list, the public export, the summary report). A response is published when it is submitted
// and its respondent chose to publish it (named or anonymously); do-not-publish responses are counted,
// never shown. Organisations are always named, with their register number. Moderators' redactions mask
// every occurrence of the redacted text in that answer, so an amendment that keeps the text stays masked.
import type { Prisma, ResponseRedaction } from "../db/generated/client.ts";
import type { ConsultationState, Viewer } from "../consultations/policy.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { REDACTED_MARK, type TAnswers } from "../../shared/schemas/responses.ts";
import { ATTACHMENT_META, presentAttachment, type AttachmentMeta } from "./attachments.ts";

/**
 * The files of a published response that the public may open: listed in the answer of the question they
 * were uploaded to, and not withheld. The answers lose the ids of the others, so nothing points at them.
 */
export function publishedAttachments(answers: TAnswers, attachments: AttachmentMeta[]): { answers: TAnswers; shown: AttachmentMeta[]; withheld: number } {
  const shown = attachments.filter((a) => a.withheldAt === null && Array.isArray(answers[a.questionKey]) && (answers[a.questionKey] as string[]).includes(a.id));
  const withheld = attachments.filter((a) => a.withheldAt !== null && Array.isArray(answers[a.questionKey]) && (answers[a.questionKey] as string[]).includes(a.id));
  if (withheld.length === 0) return { answers, shown, withheld: 0 };
  const hidden = new Set(withheld.map((a) => a.id));
  const out: TAnswers = { ...answers };
  for (const a of withheld) out[a.questionKey] = (out[a.questionKey] as string[]).filter((id) => !hidden.has(id));
  return { answers: out, shown, withheld: withheld.length };
}

export const PUBLISHED_CONSENTS = ["publish_named", "publish_anonymous"] as const;

/** The Prisma `where` for published responses of a consultation: lists never fetch anything else. */
export function publishedResponsesWhere(consultationId: string): Prisma.ResponseWhereInput {
  return { consultationId, status: "submitted", consent: { in: [...PUBLISHED_CONSENTS] } };
}

export function isPublished(r: { status: string; consent: string | null }): boolean {
  return r.status === "submitted" && (PUBLISHED_CONSENTS as readonly string[]).includes(r.consent ?? "");
}

type Redaction = Pick<ResponseRedaction, "questionKey" | "redactedText">;

/** The answers with every redacted text masked; non-text answers are untouched. */
export function applyRedactions(answers: TAnswers, redactions: Redaction[]): TAnswers {
  if (redactions.length === 0) return answers;
  const out: TAnswers = { ...answers };
  for (const r of redactions) {
    const v = out[r.questionKey];
    if (typeof v === "string" && r.redactedText.length > 0) out[r.questionKey] = v.split(r.redactedText).join(REDACTED_MARK);
  }
  return out;
}

export const PUBLISHED_INCLUDE = {
  respondent: { select: { displayName: true } },
  onBehalfOf: { select: { id: true, name: true, transparencyRegisterId: true } },
  redactions: { select: { questionKey: true, redactedText: true, reason: true } },
  attachments: { select: ATTACHMENT_META, orderBy: { createdAt: "asc" as const } },
  _count: { select: { impersonationReports: { where: { verifiedAt: { not: null } } } } },
} as const;

export type PublishedRow = Prisma.ResponseGetPayload<{ include: typeof PUBLISHED_INCLUDE }>;

/** What presentPublished reads of a row (Prisma's PublishedRow has it all). */
export type PublishedSource = Pick<
  PublishedRow,
  | "id" | "status" | "consent" | "category" | "country" | "channel" | "answers" | "submissionNumber" | "version" | "submittedAt" | "amendedAt"
  | "externalName" | "externalOrganisation" | "externalRegisterNumber" | "suspectedAutomatedAt" | "respondent" | "onBehalfOf" | "redactions" | "attachments" | "_count"
>;

/**
 * A published response as any reader of the consultation sees it. Names follow the respondent's choice
 * (and Chatham House withholds them from all but staff); redacted spans are masked, with no reason given
 * publicly (the reason is the respondent's to read).
 */
export function presentPublished(r: PublishedSource, viewer: Viewer, c: ConsultationState) {
  const seeAuthors = consultationPolicy.seeAuthors(viewer, c);
  // Taken in from another channel: the names as given on the form, the paper or the email.
  const organisation = r.onBehalfOf ? { name: r.onBehalfOf.name, registerNumber: r.onBehalfOf.transparencyRegisterId } : r.externalOrganisation ? { name: r.externalOrganisation, registerNumber: r.externalRegisterNumber } : null;
  const named = r.consent === "publish_named" || organisation !== null;
  const files = publishedAttachments(applyRedactions(r.answers as TAnswers, r.redactions), r.attachments);
  return {
    id: r.id,
    submissionNumber: r.submissionNumber,
    respondent: seeAuthors && named && !organisation ? (r.respondent?.displayName ?? r.externalName ?? null) : null,
    organisation: seeAuthors ? organisation : null,
    anonymous: !named,
    category: r.category,
    country: r.country,
    channel: r.channel,
    answers: files.answers,
    attachments: files.shown.map((a) => presentAttachment(a, r.id, { reason: false })),
    redacted: r.redactions.length > 0 || files.withheld > 0 || files.shown.some((a) => a.pageRedactions.length > 0),
    /** Counted apart, never removed: a moderator's mark, and verified reports that it was sent in someone's name. */
    suspectedAutomated: r.suspectedAutomatedAt !== null,
    reportedImpersonation: r._count.impersonationReports > 0,
    version: r.version,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    amendedAt: r.amendedAt?.toISOString() ?? null,
  };
}
