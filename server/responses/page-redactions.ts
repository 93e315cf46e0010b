// Moderators redact a page of a PDF attachment before publication (a signature, a page of personal
// data), with a reason code printed where the page was and a statement the respondent reads. The
// attachment keeps its original for the respondent and staff; the public download is a copy rebuilt from
// the kept pages only (files/redact-pdf.ts), and the extracted text that search reads loses the page's
// text. Both are rebuilt from the original with every redaction of the file at once, under a lock on the
// attachment, so two moderators redacting two pages at the same time both count.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { viewerFor } from "../consultations/access.ts";
import { inTransaction } from "../events/record.ts";
import { recordAudit } from "../moderation/audit.ts";
import type { TLiftRedactionBody, TPageRedactionBody } from "../../shared/schemas/responses.ts";
import { ATTACHMENT_META, presentAttachment } from "./attachments.ts";
import { EXTRACTED_TEXT_MAX, extractAttachmentText, pdfPageTexts } from "./files/extract.ts";
import { buildRedactedPdf, UnredactablePdfError } from "./files/redact-pdf.ts";
import { responsePolicy } from "./policy.ts";

const invalid = (path: string, message: string) => errors.invalidInput(`The request is invalid: ${path} ${message}`, [{ path, message }]);

/** The published copy and the searchable text of a PDF with these pages left out. */
export async function publishedPdf(original: Buffer, redacted: Map<number, string>) {
  const [content, texts] = await Promise.all([buildRedactedPdf(original, redacted), pdfPageTexts(original).catch(() => [] as string[])]);
  const text = texts.filter((_, i) => !redacted.has(i + 1)).join("\n\n").slice(0, EXTRACTED_TEXT_MAX);
  return { content, text };
}

export async function redactAttachmentPage(prisma: PrismaClient, actor: Actor, responseId: string, attachmentId: string, input: TPageRedactionBody) {
  return inTransaction(prisma, async (tx) => {
    const attachment = await tx.responseAttachment.findFirst({ where: { id: attachmentId, responseId }, include: { response: { include: { consultation: true } } } });
    if (!attachment) throw errors.notFound("Attachment");
    const viewer = await viewerFor(tx, actor, attachment.response.consultationId);
    if (!responsePolicy.readAll(viewer, attachment.response.consultation)) throw errors.notFound("Attachment");
    if (attachment.response.status !== "submitted") throw errors.conflict("Only files of submitted responses are redacted.");
    if (attachment.mediaType !== "application/pdf") throw invalid("attachmentId", "is not a PDF: withhold the whole file instead");
    if (attachment.pageCount === null || input.page > attachment.pageCount) throw invalid("page", `must be at most ${attachment.pageCount ?? 0}, the file's page count`);
    await tx.$executeRaw`SELECT id FROM response_attachments WHERE id = ${attachmentId} FOR UPDATE`;
    try {
      await tx.responseAttachmentPageRedaction.create({ data: { attachmentId, page: input.page, reasonCode: input.reasonCode, reason: input.reason, moderatorId: actor.id } });
    } catch (err) {
      if (isUniqueViolation(err)) throw errors.conflict(`Page ${input.page} of this file is already redacted.`);
      throw err;
    }
    const all = await tx.responseAttachmentPageRedaction.findMany({ where: { attachmentId } });
    let published;
    try {
      published = await publishedPdf(Buffer.from(attachment.content), new Map(all.map((r) => [r.page, r.reasonCode])));
    } catch (err) {
      if (err instanceof UnredactablePdfError) throw invalid("attachmentId", `cannot be redacted page by page (${err.message}): withhold the whole file instead`);
      throw err;
    }
    // Bytes through SQL as base64, as at upload (the driver adapters do not all bind bytea).
    await tx.$executeRaw`UPDATE response_attachments SET redacted_content = decode(${published.content.toString("base64")}, 'base64'), extracted_text = ${published.text} WHERE id = ${attachmentId}`;
    // The statement only: never the page's text.
    await recordAudit(tx, { consultationId: attachment.response.consultationId, actorId: actor.id, action: "redact_attachment_page", targetType: "response", targetId: responseId, statement: `Page ${input.page} (${input.reasonCode}): ${input.reason}` });
    const row = await tx.responseAttachment.findUniqueOrThrow({ where: { id: attachmentId }, select: ATTACHMENT_META });
    return presentAttachment(row, responseId, { reason: true });
  });
}

/**
 * A moderator lifts a page redaction, with a reason. Under the same lock as redacting, the published copy
 * and the searchable text are rebuilt from the original with the pages still redacted; with none left, the
 * public download is the original again (redacted_content null) and the text the one extracted at upload
 * (search's tsvector is generated from extracted_text, so it follows in the same statement).
 */
export async function liftAttachmentPageRedaction(prisma: PrismaClient, actor: Actor, responseId: string, attachmentId: string, page: number, input: TLiftRedactionBody) {
  return inTransaction(prisma, async (tx) => {
    const attachment = await tx.responseAttachment.findFirst({ where: { id: attachmentId, responseId }, include: { response: { include: { consultation: true } } } });
    if (!attachment) throw errors.notFound("Attachment");
    const viewer = await viewerFor(tx, actor, attachment.response.consultationId);
    if (!responsePolicy.readAll(viewer, attachment.response.consultation)) throw errors.notFound("Attachment");
    await tx.$executeRaw`SELECT id FROM response_attachments WHERE id = ${attachmentId} FOR UPDATE`;
    const { count } = await tx.responseAttachmentPageRedaction.deleteMany({ where: { attachmentId, page } });
    if (count === 0) throw errors.notFound("Page redaction");
    const remaining = await tx.responseAttachmentPageRedaction.findMany({ where: { attachmentId } });
    const original = Buffer.from(attachment.content);
    if (remaining.length === 0) {
      const { text } = await extractAttachmentText("pdf", original);
      await tx.$executeRaw`UPDATE response_attachments SET redacted_content = NULL, extracted_text = ${text} WHERE id = ${attachmentId}`;
    } else {
      // The remaining pages were redactable together before; the same original with fewer pages left out is too.
      const published = await publishedPdf(original, new Map(remaining.map((r) => [r.page, r.reasonCode])));
      await tx.$executeRaw`UPDATE response_attachments SET redacted_content = decode(${published.content.toString("base64")}, 'base64'), extracted_text = ${published.text} WHERE id = ${attachmentId}`;
    }
    await recordAudit(tx, { consultationId: attachment.response.consultationId, actorId: actor.id, action: "lift_attachment_page_redaction", targetType: "response", targetId: responseId, statement: `Page ${page}: ${input.reason}` });
    const row = await tx.responseAttachment.findUniqueOrThrow({ where: { id: attachmentId }, select: ATTACHMENT_META });
    return presentAttachment(row, responseId, { reason: true });
  });
}
