// Taking in responses from other channels: an organiser's import of a CSV or XLSX file (email and paper
// responses), and partners' API calls. Each response is stored submitted, with its channel, a submission
// number, its first version, and grouped into campaigns like any other. An import is all or nothing: any
// bad row and the answer lists every problem by row and field, and nothing is written.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient, Tx } from "../../db/index.ts";
import type { Actor } from "../../accounts/actor.ts";
import { AppError, errors } from "../../http/errors.ts";
import { loadReadableConsultation } from "../../consultations/access.ts";
import { inTransaction } from "../../events/record.ts";
import { recordAudit } from "../../moderation/audit.ts";
import { allQuestions, type Issue } from "../../../shared/questionnaire/validate.ts";
import type { TAnswers, TQuestionnaire } from "../../../shared/schemas/responses.ts";
import { findQuestionnaire, holdQuestionnaire } from "../questionnaires.ts";
import { responsePolicy } from "../policy.ts";
import { submissionNumberOf } from "../service.ts";
import { checkHeader, checkIntake, responseFromRow, type IntakeResponse } from "./rows.ts";
import { readTable } from "./table.ts";
import { checkPendingFiles, openImport, type CheckedFile, type ImportBundle, type PendingFile } from "./bundle.ts";
import { cleanFileName, type UploadedPart } from "../files/multipart.ts";
import { inspectAttachment } from "../files/inspect.ts";
import { extractAttachmentText } from "../files/extract.ts";
import { isUniqueViolation } from "../../db/errors.ts";

const DETAILS_MAX = 200;

function refuse(summary: string, issues: Issue[]): never {
  const shown = issues.slice(0, DETAILS_MAX);
  const more = issues.length > DETAILS_MAX ? ` (and ${issues.length - DETAILS_MAX} more)` : "";
  throw errors.invalidInput(`${summary}: ${shown.slice(0, 5).map((i) => `${i.path} ${i.message}`).join("; ")}${issues.length > 5 ? "; …" : ""}${more}. Nothing was imported.`, shown);
}

async function insertIntake(tx: Tx, consultationId: string, r: IntakeResponse, extra: { partnerId?: string }) {
  const now = new Date();
  const capacityKey = `${r.channel}:${randomBytes(12).toString("base64url")}`;
  const created = await tx.response.create({
    data: {
      consultationId,
      respondentId: null,
      capacityKey,
      category: r.category,
      country: r.country,
      consent: r.consent,
      answers: r.answers,
      status: "submitted",
      version: 1,
      submittedAt: now,
      channel: r.channel,
      externalName: r.name,
      externalOrganisation: r.organisation,
      externalRegisterNumber: r.registerNumber,
      partnerId: extra.partnerId ?? null,
      externalRef: r.externalRef ?? null,
    },
  });
  const row = await tx.response.update({ where: { id: created.id }, data: { submissionNumber: submissionNumberOf(created.seq) } });
  await tx.responseVersion.create({ data: { responseId: row.id, version: 1, answers: r.answers, consent: r.consent, country: r.country, submittedAt: now } });
  return row;
}

/** The consultation, if the caller is one of its organisers (403 otherwise; 404 if they cannot read it). */
export async function authorizeIntake(db: Tx, actor: Actor, idOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(db, actor, idOrSlug);
  if (!responsePolicy.manageCodebook(viewer, consultation)) throw errors.forbidden("Only the consultation's organisers take in responses from other channels.");
  return consultation;
}

async function loadForIntake(db: Tx, actor: Actor, idOrSlug: string) {
  const consultation = await authorizeIntake(db, actor, idOrSlug);
  const q = await findQuestionnaire(db, consultation.id);
  if (!q) throw errors.notFound("Questionnaire");
  return { consultation, q: q.definition };
}

export async function importResponses(prisma: PrismaClient, limits: ImportLimits, actor: Actor, idOrSlug: string, file: Buffer) {
  const { consultation, q } = await loadForIntake(prisma, actor, idOrSlug);
  const bundle = await openImport(file, { maxFileBytes: limits.attachmentMaxBytes });
  try {
    return await importBundle(prisma, limits, actor, consultation.id, q, bundle);
  } finally {
    bundle.close();
  }
}

export interface ImportLimits {
  attachmentMaxBytes: number;
  attachmentsMax: number;
}

async function importBundle(prisma: PrismaClient, limits: ImportLimits, actor: Actor, consultationId: string, q: TQuestionnaire, bundle: ImportBundle) {
  const [header, ...rows] = await readTable(bundle.table);
  const columns = header!.map((h) => h.trim());
  const headerIssues = checkHeader(q, columns);
  if (headerIssues.length) refuse("The file's header is not in the import layout", headerIssues);
  const rowFiles = { names: bundle.files?.names ?? null, newId: () => randomBytes(16).toString("base64url") };
  const parsed = rows.map((cells, i) => responseFromRow(q, Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ""])), i + 2, rowFiles));
  // The files' contents are checked as uploads are; a response carries no more files than the web form allows.
  for (const [i, p] of parsed.entries()) {
    if (p.pending.length > limits.attachmentsMax) p.issues.push({ path: `rows.${i + 2}`, message: `names ${p.pending.length} files: a response may carry at most ${limits.attachmentsMax}` });
  }
  const fileCheck = await checkPendingFiles(bundle, parsed.flatMap((p) => (p.issues.length ? [] : p.pending)));
  const issues = [...parsed.flatMap((p) => p.issues), ...fileCheck.issues].sort(byRow);
  if (issues.length) refuse(`${new Set(issues.map((x) => x.path.split(".").slice(0, 2).join("."))).size} of ${rows.length} rows are not valid`, issues);
  const responses = parsed.map((p) => ({ response: p.response!, pending: p.pending }));
  const counts = await inTransaction(prisma, async (tx) => {
    for (const { response: r, pending } of responses) {
      const row = await insertIntake(tx, consultationId, r, {});
      for (const f of pending) await insertImportedFile(tx, row.id, actor.id, f, fileCheck.files.get(f.name)!);
    }
    const byChannel: Record<string, number> = {};
    for (const { response: r } of responses) byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
    const fileCount = responses.reduce((n, r) => n + r.pending.length, 0);
    await recordAudit(tx, { consultationId, actorId: actor.id, action: "import_responses", targetType: "consultation", targetId: consultationId, statement: `${responses.length} responses imported, with ${fileCount} files`, after: byChannel });
    return { byChannel, files: fileCount };
  });
  return { imported: responses.length, byChannel: counts.byChannel, files: counts.files };
}

/** Problems in the order of the file: by row number, then as found. */
function byRow(a: Issue, b: Issue): number {
  const n = (i: Issue) => Number(/^rows\.(\d+)/.exec(i.path)?.[1] ?? 0);
  return n(a) - n(b);
}

/** A file of an imported response, stored as an upload is (bytes as base64 through SQL, its text extracted). */
async function insertImportedFile(tx: Tx, responseId: string, uploaderId: string, f: PendingFile, file: CheckedFile) {
  const sha256 = createHash("sha256").update(file.data).digest("hex");
  await tx.$executeRaw`INSERT INTO "response_attachments" ("id", "response_id", "question_key", "uploader_id", "file_name", "media_type", "size", "sha256", "content", "extracted_text", "page_count")
    VALUES (${f.id}, ${responseId}, ${f.questionKey}, ${uploaderId}, ${cleanFileName(file.fileName)}, ${file.mediaType}, ${file.data.length}, ${sha256}, decode(${file.data.toString("base64")}, 'base64'), ${file.text}, ${file.pageCount})`;
}

// ---- Partners ----

const KEY_PREFIX = "rtp_";
const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

export async function createPartner(prisma: PrismaClient, actor: Actor, idOrSlug: string, name: string) {
  const consultation = await authorizeIntake(prisma, actor, idOrSlug);
  const apiKey = KEY_PREFIX + randomBytes(32).toString("base64url");
  const partner = await prisma.responsePartner.create({ data: { consultationId: consultation.id, name, keyHash: hashKey(apiKey), keyPrefix: apiKey.slice(0, 10), createdById: actor.id } });
  // The key is shown this once: only its hash is kept.
  return { partner: presentPartner(partner), apiKey };
}

const presentPartner = (p: { id: string; name: string; keyPrefix: string; createdAt: Date; revokedAt: Date | null }) => ({ id: p.id, name: p.name, keyPrefix: p.keyPrefix, createdAt: p.createdAt.toISOString(), revoked: p.revokedAt !== null });

export async function listPartners(prisma: PrismaClient, actor: Actor, idOrSlug: string) {
  const consultation = await authorizeIntake(prisma, actor, idOrSlug);
  const rows = await prisma.responsePartner.findMany({ where: { consultationId: consultation.id }, orderBy: { createdAt: "asc" } });
  const counts = await prisma.response.groupBy({ by: ["partnerId"], where: { consultationId: consultation.id, partnerId: { not: null } }, _count: { _all: true } });
  const byPartner = new Map(counts.map((c) => [c.partnerId, c._count._all]));
  return rows.map((p) => ({ ...presentPartner(p), responses: byPartner.get(p.id) ?? 0 }));
}

export async function revokePartner(prisma: PrismaClient, actor: Actor, partnerId: string) {
  const partner = await prisma.responsePartner.findUnique({ where: { id: partnerId } });
  if (!partner) throw errors.notFound("Partner");
  await authorizeIntake(prisma, actor, partner.consultationId).catch(() => {
    throw errors.notFound("Partner");
  });
  await prisma.responsePartner.update({ where: { id: partnerId }, data: { revokedAt: partner.revokedAt ?? new Date() } });
}

/** The partner a bearer key belongs to, or 401 whatever was wrong with it (missing, unknown, revoked). */
export async function authenticatePartner(prisma: PrismaClient, authorization: string | undefined) {
  const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  const partner = key?.startsWith(KEY_PREFIX) ? await prisma.responsePartner.findUnique({ where: { keyHash: hashKey(key) } }) : null;
  if (!partner || partner.revokedAt) throw new AppError("unauthenticated", "A valid partner API key is required: send it as \"Authorization: Bearer <key>\".");
  return partner;
}

export interface PartnerResponseInput extends Omit<IntakeResponse, "channel"> {
  externalRef?: string | null;
}

export interface PartnerPartner {
  id: string;
  consultationId: string;
  /** The organiser who issued the key: the partner's files are stored as uploaded on their behalf. */
  createdById: string;
}

/** A file of a partner's response, checked and its text extracted, waiting for the transaction. */
interface PartnerFile extends CheckedFile {
  id: string;
  questionKey: string;
}

const presentPartnerFile = (f: { id: string; questionKey: string; fileName: string; mediaType: string; size: number }) => ({ id: f.id, questionKey: f.questionKey, fileName: f.fileName, mediaType: f.mediaType, size: f.size });

/**
 * The partner's answers with its files listed in their questions (the ids are made here), checked like the
 * web form's: each file part names a file-upload question, the JSON answers name none (their ids would be
 * the partner's guesses), and required file questions and each question's file limit hold. Problems with
 * files are reported as files.<question key>.
 */
function answersWithFiles(q: TQuestionnaire, input: PartnerResponseInput, files: { id: string; questionKey: string }[]) {
  const fileKeys = new Set(allQuestions(q).filter((x) => x.type === "file_upload").map((x) => x.key));
  const issues: Issue[] = [];
  for (const key of Object.keys(input.answers)) {
    if (fileKeys.has(key)) issues.push({ path: `answers.${key}`, message: `is a file-upload question: send its files as multipart/form-data parts named "${key}"` });
  }
  for (const key of new Set(files.map((f) => f.questionKey))) {
    if (!fileKeys.has(key)) issues.push({ path: `files.${key.slice(0, 60)}`, message: "is not a file-upload question of this questionnaire" });
  }
  if (issues.length) return { issues, answers: input.answers };
  const answers: TAnswers = { ...input.answers };
  for (const f of files) answers[f.questionKey] = [...((answers[f.questionKey] as string[] | undefined) ?? []), f.id];
  const checked = checkIntake(q, { ...input, answers, channel: "partner" }, "", { files: true });
  const asFileIssue = (i: Issue): Issue => {
    const key = i.path.replace(/^answers\./, "");
    if (!fileKeys.has(key)) return i;
    return { path: `files.${key}`, message: i.message === "is required" ? `is required: send its file in a multipart/form-data part named "${key}"` : i.message };
  };
  return { issues: checked.issues.map(asFileIssue), answers: checked.answers };
}

/**
 * A partner's response: validated like the web form's, taken in once per externalRef, grouped into campaigns.
 * Files (multipart parts named by their question's key) go in with it in the same transaction, or nothing
 * does: each is checked as a web upload is (type by content, active content refused, text extracted) before
 * the transaction opens, so the slow part holds no lock. A retry with the same externalRef answers the
 * response already taken in, with its files, and stores nothing again.
 */
export async function submitPartnerResponse(prisma: PrismaClient, limits: ImportLimits, partner: PartnerPartner, input: PartnerResponseInput, parts: UploadedPart[] = []) {
  const previous = async (db: Tx) => {
    if (!input.externalRef) return null;
    const existing = await db.response.findUnique({ where: { partnerId_externalRef: { partnerId: partner.id, externalRef: input.externalRef } }, include: { attachments: { select: { id: true, questionKey: true, fileName: true, mediaType: true, size: true }, orderBy: { createdAt: "asc" } } } });
    return existing && { created: false, response: { id: existing.id, submissionNumber: existing.submissionNumber, attachments: existing.attachments.map(presentPartnerFile) } };
  };
  // The JSON form is a form without files: the same rules (a required file question says how to send it).
  const files: PartnerFile[] = parts.map((p) => ({ id: randomBytes(16).toString("base64url"), questionKey: p.field, fileName: p.fileName, mediaType: "", data: p.data, text: "", pageCount: null }));
  if (files.length) {
    // Everything cheap first (the questionnaire's rules, a retry), then the bytes.
    const q = await findQuestionnaire(prisma, partner.consultationId);
    if (!q) throw errors.notFound("Questionnaire");
    const checked = answersWithFiles(q.definition, input, files);
    if (checked.issues.length) refuse("The response is not valid", checked.issues);
    if (files.length > limits.attachmentsMax) refuse("The response is not valid", [{ path: "files", message: `must be at most ${limits.attachmentsMax} files` }]);
    const replay = await previous(prisma);
    if (replay) return replay;
    const fileIssues: Issue[] = [];
    for (const f of files) {
      const inspection = await inspectAttachment(f.data);
      if (!inspection.ok) {
        fileIssues.push({ path: `files.${f.questionKey}`, message: `"${f.fileName.slice(0, 120)}" is refused: ${inspection.reason}` });
        continue;
      }
      const extracted = await extractAttachmentText(inspection.kind, f.data);
      Object.assign(f, { mediaType: inspection.mediaType, text: extracted.text, pageCount: extracted.pageCount });
    }
    if (fileIssues.length) refuse("The response's files are refused", fileIssues);
  }
  try {
    return await inTransaction(prisma, async (tx) => {
      const consultation = await tx.consultation.findUniqueOrThrow({ where: { id: partner.consultationId } });
      if (consultation.status !== "open" || (consultation.closesAt && consultation.closesAt <= new Date())) throw errors.forbidden("This consultation is not taking responses: it is not open, or it has closed.");
      await holdQuestionnaire(tx, consultation.id, "shared");
      const q = await findQuestionnaire(tx, consultation.id);
      if (!q) throw errors.notFound("Questionnaire");
      // Checked again under the questionnaire's lock: it cannot have changed its file questions unseen.
      const checked = answersWithFiles(q.definition, input, files);
      if (checked.issues.length) refuse("The response is not valid", checked.issues);
      const replay = await previous(tx);
      if (replay) return replay;
      const row = await insertIntake(tx, consultation.id, { ...input, channel: "partner", answers: checked.answers }, { partnerId: partner.id });
      // A file whose question a condition hid has lost its answer: it is not stored either.
      const listed = files.filter((f) => Array.isArray(checked.answers[f.questionKey]) && (checked.answers[f.questionKey] as string[]).includes(f.id));
      for (const f of listed) await insertImportedFile(tx, row.id, partner.createdById, { id: f.id, questionKey: f.questionKey, name: f.fileName, path: "" }, f);
      return { created: true, response: { id: row.id, submissionNumber: row.submissionNumber, attachments: listed.map((f) => presentPartnerFile({ ...f, size: f.data.length })) } };
    });
  } catch (err) {
    // The same externalRef sent twice at once: the second transaction meets the first one's row.
    if (input.externalRef && isUniqueViolation(err)) {
      const replay = await previous(prisma);
      if (replay) return replay;
    }
    throw err;
  }
}
