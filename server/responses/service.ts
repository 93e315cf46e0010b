// Answering a questionnaire: one response per person and capacity (as an individual, or for an
// organisation they represent, under the existing representative rules). A draft is saved as often as
// the person likes and checked only for answers that do not fit; submitting checks everything (required
// questions that are shown, consent), assigns the submission number and keeps the version; submitting
// again amends, until the consultation closes, each version kept in response_versions.
import type { PrismaClient } from "../db/index.ts";
import { isUniqueViolation } from "../db/index.ts";
import { createId } from "@paralleldrive/cuid2";
import { Prisma, type ConsentChoice, type Response, type StakeholderCategory } from "../db/generated/client.ts";
import type { TAnswers } from "../../shared/schemas/responses.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { loadReadableConsultation, viewerFor } from "../consultations/access.ts";
import { resolveSpeaker } from "../posts/write.ts";
import { inTransaction, type EventTx } from "../events/record.ts";
import { allQuestions, validateAnswers, type Issue } from "../../shared/questionnaire/validate.ts";
import type { TPutResponseBody } from "../../shared/schemas/responses.ts";
import { findQuestionnaire, holdQuestionnaire, questionnaireLockSql } from "./questionnaires.ts";
import { directTransaction } from "../db/direct-reads.ts";
import { checkListedAttachments } from "./attachments.ts";
import { responsePolicy } from "./policy.ts";
import { presentOwnResponse, RESPONSE_INCLUDE } from "./present.ts";

const INDIVIDUAL = "individual";

export const submissionNumberOf = (seq: number) => `RT-${String(seq).padStart(7, "0")}`;

function refuse(issues: Issue[]): never {
  throw errors.invalidInput(`The response is not complete: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
}

/** Saves the caller's draft, or submits or amends it (`input.submit`). Returns the response and whether it was created. */
export async function saveResponse(prisma: PrismaClient, actor: Actor, idOrSlug: string, input: TPutResponseBody) {
  if (input.submit) {
    const first = await submitFirstAnswer(prisma, actor, idOrSlug, input);
    if (first) return first;
  }
  const attempt = () =>
    inTransaction(prisma, async (tx) => {
      const { consultation, viewer } = await loadReadableConsultation(tx, actor, idOrSlug);
      const now = new Date();
      if (!responsePolicy.respond(viewer, consultation, now)) {
        throw errors.forbidden(consultation.status !== "open" || (consultation.closesAt && consultation.closesAt <= now) ? "This consultation is not taking responses: it is not open, or it has closed." : "You cannot respond to this consultation.");
      }
      // Shared with questionnaire edits (exclusive there): the definition cannot change under a submission.
      await holdQuestionnaire(tx, consultation.id, "shared");
      const questionnaire = await findQuestionnaire(tx, consultation.id);
      if (!questionnaire) throw errors.notFound("Questionnaire");
      const speaker = await resolveSpeaker(tx, actor.id, input.organisationId);
      const capacityKey = input.organisationId ?? INDIVIDUAL;
      const [existing] = await tx.$queryRaw<{ id: string; status: string }[]>`
        SELECT id, status::text AS status FROM responses WHERE consultation_id = ${consultation.id} AND respondent_id = ${actor.id} AND capacity_key = ${capacityKey}`;
      if (existing?.status === "submitted" && !input.submit) {
        throw errors.conflict("This response is already submitted: change it by submitting an amendment (submit: true).", [{ path: "submit", message: "must be true for a submitted response" }]);
      }

      const checked = validateAnswers(questionnaire.definition, input.answers, { final: input.submit });
      const fileKeys = allQuestions(questionnaire.definition).filter((q) => q.type === "file_upload").map((q) => q.key);
      const issues = [...checked.issues, ...(await checkListedAttachments(tx, existing?.id ?? null, checked.answers, fileKeys))];
      if (speaker.organisation && input.consent === "publish_anonymous") {
        issues.push({ path: "consent", message: "cannot be anonymous for an organisation: organisations are always named (choose publish_named or do_not_publish)" });
      }
      if (input.submit && !input.consent) issues.push({ path: "consent", message: "is required to submit: choose how your response may be published" });
      if (issues.length > 0) refuse(issues);

      const organisation = speaker.organisation ? await tx.organisation.findUniqueOrThrow({ where: { id: speaker.organisation.id }, select: { id: true, name: true, transparencyRegisterId: true, country: true } }) : null;
      const fields = {
        answers: checked.answers,
        consent: input.consent ?? null,
        // An organisation answers from its registered country; an individual says where they are, if they wish.
        country: organisation ? organisation.country.toUpperCase() : (input.country ?? null),
      };
      const onBehalfOf = organisation && { id: organisation.id, name: organisation.name, transparencyRegisterId: organisation.transparencyRegisterId };
      const row = existing
        ? await tx.response.update({ where: { id: existing.id }, data: fields })
        : await tx.response.create({
            data: { ...fields, consultationId: consultation.id, respondentId: actor.id, onBehalfOfOrganisationId: input.organisationId ?? null, capacityKey, category: speaker.category },
          });
      const saved = input.submit ? await submit(tx, row, now) : row;
      // A response created just now has no files (they are uploaded to a saved draft) and no redactions:
      // nothing more to read. One saved before is read back whole.
      const full = existing ? await tx.response.findUniqueOrThrow({ where: { id: saved.id }, include: RESPONSE_INCLUDE }) : { ...saved, onBehalfOf, redactions: [], attachments: [] };
      return { created: !existing, response: presentOwnResponse(full, { edit: true }) };
    });
  try {
    return await attempt();
  } catch (err) {
    // Two first saves at once (two tabs): the second finds the first's row on a retry.
    if (isUniqueViolation(err)) return attempt();
    throw err;
  }
}

interface NewSubmission {
  consultationId: string;
  questionnaireVersion: number;
  respondentId: string;
  onBehalfOfOrganisationId: string | null;
  capacityKey: string;
  category: StakeholderCategory;
  answers: TAnswers;
  consent: ConsentChoice;
  country: string | null;
}

/**
 * The common case, and the one that comes in bursts (issue 14: 200 a second): a first answer submitted at
 * once. No interactive transaction: the checks read outside one, each a plain statement, and the response
 * and its first version are written by one statement under the questionnaire's shared lock, which
 * re-checks what those reads relied on and may have changed since: the questionnaire's version, the
 * consultation still open, no response yet by this person in this capacity (ON CONFLICT). Whatever else
 * (an input to explain, a draft or a response to amend, files, a lost race) returns null, and the general
 * path (saveResponse's transaction) handles it and gives its answer.
 */
async function submitFirstAnswer(prisma: PrismaClient, actor: Actor, idOrSlug: string, input: TPutResponseBody) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const now = new Date();
  if (!input.consent || !responsePolicy.respond(viewer, consultation, now)) return null;
  const questionnaire = await findQuestionnaire(prisma, consultation.id);
  if (!questionnaire) return null;
  const checked = validateAnswers(questionnaire.definition, input.answers, { final: true });
  const files = allQuestions(questionnaire.definition).filter((q) => q.type === "file_upload" && Array.isArray(checked.answers[q.key]) && (checked.answers[q.key] as unknown[]).length > 0);
  if (checked.issues.length > 0 || files.length > 0) return null;
  const speaker = await resolveSpeaker(prisma, actor.id, input.organisationId).catch(() => null);
  if (!speaker || (speaker.organisation && input.consent === "publish_anonymous")) return null;
  const organisation = speaker.organisation ? await prisma.organisation.findUniqueOrThrow({ where: { id: speaker.organisation.id }, select: { id: true, name: true, transparencyRegisterId: true, country: true } }) : null;
  const r: NewSubmission = {
    consultationId: consultation.id,
    questionnaireVersion: questionnaire.version,
    respondentId: actor.id,
    onBehalfOfOrganisationId: organisation?.id ?? null,
    capacityKey: input.organisationId ?? INDIVIDUAL,
    category: speaker.category,
    answers: checked.answers,
    consent: input.consent,
    // An organisation answers from its registered country; an individual says where they are, if they wish.
    country: organisation ? organisation.country.toUpperCase() : (input.country ?? null),
  };
  const id = createId();
  const row = await directTransaction(prisma, async (run) => {
    await run(questionnaireLockSql(consultation.id, "shared"));
    const [inserted] = await run<{ seq: number }>(insertFirstAnswerSql(id, r, now));
    return inserted ?? null;
  });
  if (!row) return null;
  const onBehalfOf = organisation && { id: organisation.id, name: organisation.name, transparencyRegisterId: organisation.transparencyRegisterId };
  return { created: true, response: presentOwnResponse({ ...newResponseRow(id, r, row.seq, now), onBehalfOf, redactions: [], attachments: [] }, { edit: true }) };
}

/** The response as submit() would leave it (version 1, its number, in the indexing queue) and its first version, or no row. */
function insertFirstAnswerSql(id: string, r: NewSubmission, now: Date) {
  const answers = JSON.stringify(r.answers);
  return Prisma.sql`
    WITH allowed AS (
      SELECT nextval(pg_get_serial_sequence('responses', 'seq'))::int AS seq
      WHERE EXISTS (SELECT 1 FROM questionnaires q WHERE q.consultation_id = ${r.consultationId} AND q.version = ${r.questionnaireVersion})
        AND EXISTS (SELECT 1 FROM consultations c WHERE c.id = ${r.consultationId} AND c.status = 'open' AND (c.closes_at IS NULL OR c.closes_at > ${now}))),
    ins AS (
      INSERT INTO responses (id, seq, consultation_id, respondent_id, on_behalf_of_organisation_id, capacity_key, category, country, status, consent,
                             answers, submission_number, version, submitted_at, channel, created_at, updated_at)
      SELECT ${id}, seq, ${r.consultationId}, ${r.respondentId}, ${r.onBehalfOfOrganisationId}, ${r.capacityKey}, ${r.category}::"StakeholderCategory", ${r.country},
             'submitted', ${r.consent}::"ConsentChoice", ${answers}::jsonb, 'RT-' || lpad(seq::text, 7, '0'), 1, ${now}, 'web', ${now}, ${now}
      FROM allowed
      ON CONFLICT (consultation_id, respondent_id, capacity_key) DO NOTHING
      RETURNING id, seq),
    versions AS (
      INSERT INTO response_versions (response_id, version, answers, consent, country, submitted_at)
      SELECT id, 1, ${answers}::jsonb, ${r.consent}::"ConsentChoice", ${r.country}, ${now} FROM ins)
    SELECT seq FROM ins`;
}

/** The row insertFirstAnswerSql wrote, as Prisma would read it. */
function newResponseRow(id: string, r: NewSubmission, seq: number, now: Date): Response {
  const { questionnaireVersion: _version, ...fields } = r;
  return {
    ...fields,
    id,
    seq,
    status: "submitted",
    submissionNumber: submissionNumberOf(seq),
    version: 1,
    submittedAt: now,
    amendedAt: null,
    campaignId: null,
    indexedAt: null,
    tallied: null,
    createdAt: now,
    updatedAt: now,
    channel: "web",
    externalName: null,
    externalOrganisation: null,
    externalRegisterNumber: null,
    partnerId: null,
    externalRef: null,
    suspectedAutomatedAt: null,
    suspectedAutomatedReason: null,
    suspectedAutomatedById: null,
  };
}

/** Submits or amends; either way the response goes (back) to the indexing queue to be grouped and counted. */
async function submit(tx: EventTx, current: { id: string; seq: number; version: number; submittedAt: Date | null }, now: Date) {
  const { id, seq, version, submittedAt } = current;
  const next = version + 1;
  const row = await tx.response.update({
    where: { id },
    data: {
      status: "submitted",
      version: next,
      submissionNumber: submissionNumberOf(seq),
      submittedAt: submittedAt ?? now,
      amendedAt: submittedAt ? now : null,
      indexedAt: null,
    },
  });
  await tx.responseVersion.create({ data: { responseId: id, version: next, answers: row.answers as object, consent: row.consent!, country: row.country, submittedAt: now } });
  return row;
}

/**
 * The response if the caller is its respondent (or, with `staff`, one of the consultation's staff, for
 * submitted responses), else 404: the same as for a response that does not exist, so a denial reveals nothing.
 */
export async function loadOwnResponse(prisma: PrismaClient, actor: Actor, responseId: string, opts: { staff?: boolean } = {}) {
  const response = await prisma.response.findUnique({ where: { id: responseId }, include: { ...RESPONSE_INCLUDE, consultation: true } });
  if (!response) throw errors.notFound("Response");
  const viewer = await viewerFor(prisma, actor, response.consultationId);
  const own = responsePolicy.readOwn(viewer, response.consultation, response);
  const asStaff = opts.staff === true && response.status === "submitted" && responsePolicy.readAll(viewer, response.consultation);
  if (!own && !asStaff) throw errors.notFound("Response");
  return { response, viewer, consultation: response.consultation, own };
}

/** One's own response; the consultation's staff read submitted ones too (to review and redact them). */
export async function getResponse(prisma: PrismaClient, actor: Actor, responseId: string) {
  const { response, viewer, consultation, own } = await loadOwnResponse(prisma, actor, responseId, { staff: true });
  return presentOwnResponse(response, { edit: own && responsePolicy.respond(viewer, consultation, new Date()) });
}

/** The caller's responses to one consultation, in every capacity, drafts included. */
export async function listOwnResponses(prisma: PrismaClient, actor: Actor, idOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const rows = await prisma.response.findMany({ where: { consultationId: consultation.id, respondentId: actor.id }, include: RESPONSE_INCLUDE, orderBy: { seq: "asc" } });
  const edit = responsePolicy.respond(viewer, consultation, new Date());
  return rows.map((r) => presentOwnResponse(r, { edit }));
}

/** Every submitted version of the caller's response, oldest first. */
export async function listOwnVersions(prisma: PrismaClient, actor: Actor, responseId: string) {
  const { response } = await loadOwnResponse(prisma, actor, responseId);
  const versions = await prisma.responseVersion.findMany({ where: { responseId: response.id }, orderBy: { version: "asc" } });
  return versions.map((v) => ({ version: v.version, answers: v.answers, consent: v.consent, country: v.country, submittedAt: v.submittedAt.toISOString() }));
}
