// Answering a questionnaire: one response per person and capacity (as an individual, or for an
// organisation they represent, under the existing representative rules). A draft is saved as often as
// the person likes and checked only for answers that do not fit; submitting checks everything (required
// questions that are shown, consent), assigns the submission number and keeps the version; submitting
// again amends, until the consultation closes, each version kept in response_versions.
import type { PrismaClient } from "../db/index.ts";
import { isUniqueViolation } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { loadReadableConsultation, viewerFor } from "../consultations/access.ts";
import { resolveSpeaker } from "../posts/write.ts";
import { inTransaction, type EventTx } from "../events/record.ts";
import { allQuestions, validateAnswers, type Issue } from "../../shared/questionnaire/validate.ts";
import type { TPutResponseBody } from "../../shared/schemas/responses.ts";
import { findQuestionnaire, holdQuestionnaire } from "./questionnaires.ts";
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
      const existing = await tx.response.findUnique({ where: { consultationId_respondentId_capacityKey: { consultationId: consultation.id, respondentId: actor.id, capacityKey } } });
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
      const row = existing
        ? await tx.response.update({ where: { id: existing.id }, data: fields })
        : await tx.response.create({
            data: { ...fields, consultationId: consultation.id, respondentId: actor.id, onBehalfOfOrganisationId: input.organisationId ?? null, capacityKey, category: speaker.category },
          });
      const saved = input.submit ? await submit(tx, row, now) : row;
      // A response created just now has no files (they are uploaded to a saved draft) and no redactions:
      // nothing more to read. One saved before is read back whole.
      const full = existing
        ? await tx.response.findUniqueOrThrow({ where: { id: saved.id }, include: RESPONSE_INCLUDE })
        : { ...saved, onBehalfOf: organisation && { id: organisation.id, name: organisation.name, transparencyRegisterId: organisation.transparencyRegisterId }, redactions: [], attachments: [] };
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
