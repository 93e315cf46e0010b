// Files attached to a response: the answer to a file-upload question (a position paper, typically). The
// respondent uploads into their saved response while they may still edit it, and lists the returned id in
// that question's answer. Bytes are checked (files/inspect.ts) and their text extracted before anything is
// written; the row then goes in under the same checks as an answer, in one transaction.
//
// Downloads are authorized on every request, never by an unguessable URL alone: the respondent; the
// consultation's staff (submitted responses); anyone who may read the consultation, when the response is
// published, the file is listed in its current answers and no moderator withheld it.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient, Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import type { Config } from "../config.ts";
import { errors } from "../http/errors.ts";
import { viewerFor } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { inTransaction } from "../events/record.ts";
import { recordAudit } from "../moderation/audit.ts";
import { allQuestions } from "../../shared/questionnaire/validate.ts";
import type { TAnswers } from "../../shared/schemas/responses.ts";
import { inspectAttachment } from "./files/inspect.ts";
import { extractAttachmentText } from "./files/extract.ts";
import type { UploadedFile } from "./files/multipart.ts";
import { findQuestionnaire } from "./questionnaires.ts";
import { isPublished } from "./publication.ts";
import { responsePolicy } from "./policy.ts";

/** Everything about an attachment but its bytes: what lists and presenters select. */
export const ATTACHMENT_META = {
  id: true,
  questionKey: true,
  fileName: true,
  mediaType: true,
  size: true,
  pageCount: true,
  withheldAt: true,
  withheldReason: true,
  createdAt: true,
  pageRedactions: { select: { page: true, reasonCode: true, reason: true }, orderBy: { page: "asc" } },
} as const;

export interface AttachmentMeta {
  id: string;
  questionKey: string;
  fileName: string;
  mediaType: string;
  size: number;
  pageCount: number | null;
  withheldAt: Date | null;
  withheldReason: string | null;
  createdAt: Date;
  pageRedactions: { page: number; reasonCode: string; reason: string }[];
}

export function presentAttachment(a: AttachmentMeta, responseId: string, opts: { reason: boolean }) {
  return {
    id: a.id,
    questionKey: a.questionKey,
    fileName: a.fileName,
    mediaType: a.mediaType,
    size: a.size,
    pageCount: a.pageCount,
    url: `/api/responses/${responseId}/attachments/${a.id}`,
    withheld: a.withheldAt !== null,
    /** The respondent and staff are told why; the public is not. */
    ...(opts.reason ? { withheldReason: a.withheldReason } : {}),
    /** Pages replaced by a blank page in the published copy: the code is printed there, the statement is for the respondent and staff. */
    redactedPages: a.pageRedactions.map((p) => ({ page: p.page, reasonCode: p.reasonCode, ...(opts.reason ? { reason: p.reason } : {}) })),
    createdAt: a.createdAt.toISOString(),
  };
}

/** The attachment ids a set of answers lists (file-upload answers are lists of ids). */
export function listedAttachmentIds(answers: TAnswers, fileQuestionKeys: Iterable<string>): Set<string> {
  const ids = new Set<string>();
  for (const key of fileQuestionKeys) {
    const v = answers[key];
    if (Array.isArray(v)) for (const id of v) ids.add(id);
  }
  return ids;
}

/** The response, if the caller may change it now (their own, the consultation taking responses); else 404/403. */
async function loadEditable(db: Tx, actor: Actor, responseId: string) {
  const response = await db.response.findUnique({ where: { id: responseId }, include: { consultation: true } });
  if (!response) throw errors.notFound("Response");
  const viewer = await viewerFor(db, actor, response.consultationId);
  if (!responsePolicy.readOwn(viewer, response.consultation, response)) throw errors.notFound("Response");
  if (!responsePolicy.respond(viewer, response.consultation, new Date())) throw errors.forbidden("This consultation is not taking responses: it is not open, or it has closed.");
  return response;
}

const invalid = (path: string, message: string, sentence = `The file is refused: ${message}.`) => errors.invalidInput(sentence, [{ path, message }]);

/** Checks the caller may upload here before the body is read: a stranger's upload costs no parsing. */
export async function authorizeUpload(prisma: PrismaClient, actor: Actor, responseId: string, questionKey: string) {
  const response = await loadEditable(prisma, actor, responseId);
  const questionnaire = await findQuestionnaire(prisma, response.consultationId);
  const question = questionnaire && allQuestions(questionnaire.definition).find((q) => q.key === questionKey);
  if (!question || question.type !== "file_upload") throw invalid("questionKey", "is not a file-upload question of this questionnaire", "The request is invalid: questionKey is not a file-upload question of this questionnaire");
  return { maxFiles: question.maxFiles };
}

export async function uploadAttachment(prisma: PrismaClient, config: Config, actor: Actor, responseId: string, questionKey: string, file: UploadedFile) {
  const { maxFiles } = await authorizeUpload(prisma, actor, responseId, questionKey);
  const inspection = await inspectAttachment(file.data);
  if (!inspection.ok) throw invalid("file", inspection.reason);
  const extracted = await extractAttachmentText(inspection.kind, file.data);
  const sha256 = createHash("sha256").update(file.data).digest("hex");
  return inTransaction(prisma, async (tx) => {
    // Counted under a lock on the response: two uploads at once cannot both take the last place.
    await tx.$executeRaw`SELECT id FROM responses WHERE id = ${responseId} FOR UPDATE`;
    await loadEditable(tx, actor, responseId);
    const existing = await tx.responseAttachment.findMany({ where: { responseId }, select: { questionKey: true } });
    if (existing.length >= config.responses.attachmentsMax) throw invalid("file", `a response may carry at most ${config.responses.attachmentsMax} files`, `The file is refused: a response may carry at most ${config.responses.attachmentsMax} files. Remove one first.`);
    if (existing.filter((a) => a.questionKey === questionKey).length >= maxFiles) throw invalid("file", `this question takes at most ${maxFiles} files`, `The file is refused: this question takes at most ${maxFiles} files. Remove one first.`);
    // Bytes go in as base64 through SQL: the driver adapters do not all bind a bytea parameter (as for export chunks).
    // The id is random (128 bits), though no download relies on it being secret.
    const id = randomBytes(16).toString("base64url");
    await tx.$executeRaw`INSERT INTO "response_attachments" ("id", "response_id", "question_key", "uploader_id", "file_name", "media_type", "size", "sha256", "content", "extracted_text", "page_count")
      VALUES (${id}, ${responseId}, ${questionKey}, ${actor.id}, ${file.fileName}, ${inspection.mediaType}, ${file.data.length}, ${sha256}, decode(${file.data.toString("base64")}, 'base64'), ${extracted.text}, ${extracted.pageCount})`;
    const row = await tx.responseAttachment.findUniqueOrThrow({ where: { id }, select: ATTACHMENT_META });
    return { ...presentAttachment(row, responseId, { reason: true }), extractedCharacters: extracted.text.length };
  });
}

/**
 * Removes a file from one's response while it may be edited. A file that a submitted version lists stays:
 * the versions are the record of what was submitted (remove it from the answer and amend instead).
 */
export async function deleteAttachment(prisma: PrismaClient, actor: Actor, responseId: string, attachmentId: string) {
  await inTransaction(prisma, async (tx) => {
    await loadEditable(tx, actor, responseId);
    const attachment = await tx.responseAttachment.findFirst({ where: { id: attachmentId, responseId }, select: { id: true } });
    if (!attachment) throw errors.notFound("Attachment");
    const versions = await tx.responseVersion.findMany({ where: { responseId }, select: { answers: true } });
    if (versions.some((v) => JSON.stringify(v.answers).includes(`"${attachmentId}"`))) {
      throw errors.conflict("This file is part of a submitted version of your response: remove it from your answer and submit an amendment.");
    }
    await tx.responseAttachment.delete({ where: { id: attachmentId } });
  });
}

/** Every file id a set of answers lists must be a file of this response, uploaded for that question. */
export async function checkListedAttachments(tx: Tx, responseId: string | null, answers: TAnswers, fileQuestionKeys: string[]): Promise<{ path: string; message: string }[]> {
  const listed = fileQuestionKeys.flatMap((key) => (Array.isArray(answers[key]) ? (answers[key] as string[]).map((id) => ({ key, id })) : []));
  if (listed.length === 0) return [];
  const rows = responseId ? await tx.responseAttachment.findMany({ where: { responseId, id: { in: listed.map((l) => l.id) } }, select: { id: true, questionKey: true } }) : [];
  const owner = new Map(rows.map((r) => [r.id, r.questionKey]));
  return listed.filter((l) => owner.get(l.id) !== l.key).map((l) => ({ path: `answers.${l.key}`, message: `"${l.id}" is not a file uploaded to this question of your response` }));
}

/** The file, if this caller may download it now; else 404, whether it exists or not. */
export async function loadAttachmentForDownload(prisma: PrismaClient, actor: Actor | null, responseId: string, attachmentId: string) {
  const attachment = await prisma.responseAttachment.findFirst({ where: { id: attachmentId, responseId }, include: { response: { include: { consultation: true } } } });
  if (!attachment) throw errors.notFound("Attachment");
  const { response } = attachment;
  const viewer = await viewerFor(prisma, actor, response.consultationId);
  const consultation = response.consultation;
  const own = responsePolicy.readOwn(viewer, consultation, response);
  const staff = response.status === "submitted" && responsePolicy.readAll(viewer, consultation);
  let publicly = false;
  if (!own && !staff && consultationPolicy.read(viewer, consultation) && isPublished(response) && attachment.withheldAt === null) {
    const q = await findQuestionnaire(prisma, response.consultationId);
    const fileKeys = q ? allQuestions(q.definition).filter((x) => x.type === "file_upload").map((x) => x.key) : [];
    publicly = listedAttachmentIds(response.answers as TAnswers, fileKeys).has(attachment.id);
  }
  if (!own && !staff && !publicly) throw errors.notFound("Attachment");
  // The public gets the published copy: the redacted pages are not in it at all (files/redact-pdf.ts).
  const content = !own && !staff && attachment.redactedContent ? attachment.redactedContent : attachment.content;
  return { fileName: attachment.fileName, mediaType: attachment.mediaType, content: Buffer.from(content) };
}

/** A moderator withholds a file from publication, with a reason the respondent sees; it stays on record. */
export async function withholdAttachment(prisma: PrismaClient, actor: Actor, responseId: string, attachmentId: string, reason: string) {
  return inTransaction(prisma, async (tx) => {
    const attachment = await tx.responseAttachment.findFirst({ where: { id: attachmentId, responseId }, include: { response: { include: { consultation: true } } } });
    if (!attachment) throw errors.notFound("Attachment");
    const viewer = await viewerFor(tx, actor, attachment.response.consultationId);
    if (!responsePolicy.readAll(viewer, attachment.response.consultation)) throw errors.notFound("Attachment");
    if (attachment.response.status !== "submitted") throw errors.conflict("Only files of submitted responses are withheld.");
    const row = await tx.responseAttachment.update({ where: { id: attachmentId }, data: { withheldAt: new Date(), withheldReason: reason }, select: ATTACHMENT_META });
    await recordAudit(tx, { consultationId: attachment.response.consultationId, actorId: actor.id, action: "withhold_attachment", targetType: "response", targetId: responseId, statement: reason });
    return presentAttachment(row, responseId, { reason: true });
  });
}

/** A moderator lifts a withholding (the file is published again with its response); audited like the withholding. */
export async function releaseAttachment(prisma: PrismaClient, actor: Actor, responseId: string, attachmentId: string) {
  return inTransaction(prisma, async (tx) => {
    const attachment = await tx.responseAttachment.findFirst({ where: { id: attachmentId, responseId }, include: { response: { include: { consultation: true } } } });
    if (!attachment) throw errors.notFound("Attachment");
    const viewer = await viewerFor(tx, actor, attachment.response.consultationId);
    if (!responsePolicy.readAll(viewer, attachment.response.consultation)) throw errors.notFound("Attachment");
    const row = await tx.responseAttachment.update({ where: { id: attachmentId }, data: { withheldAt: null, withheldReason: null }, select: ATTACHMENT_META });
    if (attachment.withheldAt !== null) {
      await recordAudit(tx, { consultationId: attachment.response.consultationId, actorId: actor.id, action: "release_attachment", targetType: "response", targetId: responseId, statement: null });
    }
    return presentAttachment(row, responseId, { reason: true });
  });
}
