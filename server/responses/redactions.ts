// Moderators redact a span of a text answer before publication (personal data, say), with a reason the
// respondent sees. The span is checked against the answer as it stands; the redaction, audited, masks
// that text wherever it appears in the answer in every public channel (publication.ts).
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { viewerFor } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { inTransaction } from "../events/record.ts";
import { recordAudit } from "../moderation/audit.ts";
import type { TAnswers, TLiftRedactionBody, TRedactionBody } from "../../shared/schemas/responses.ts";
import { responsePolicy } from "./policy.ts";
import { findQuestionnaire } from "./questionnaires.ts";
import { allQuestions } from "../../shared/questionnaire/validate.ts";

export async function redactResponse(prisma: PrismaClient, actor: Actor, responseId: string, input: TRedactionBody) {
  return inTransaction(prisma, async (tx) => {
    const response = await tx.response.findUnique({ where: { id: responseId }, include: { consultation: true } });
    if (!response) throw errors.notFound("Response");
    const viewer = await viewerFor(tx, actor, response.consultationId);
    if (!consultationPolicy.read(viewer, response.consultation)) throw errors.notFound("Response");
    if (!responsePolicy.readAll(viewer, response.consultation)) throw errors.notFound("Response");
    if (response.status !== "submitted") throw errors.conflict("Only submitted responses are redacted.");
    const questionnaire = await findQuestionnaire(tx, response.consultationId);
    const question = questionnaire && allQuestions(questionnaire.definition).find((q) => q.key === input.questionKey);
    const answer = (response.answers as TAnswers)[input.questionKey];
    // Text questions only: an option key is the organiser's wording, never the respondent's data.
    if (!question || (question.type !== "short_text" && question.type !== "long_text") || typeof answer !== "string") {
      throw errors.invalidInput("The request is invalid: questionKey has no text answer in this response", [{ path: "questionKey", message: "has no text answer in this response" }]);
    }
    if (input.end > answer.length) {
      throw errors.invalidInput(`The request is invalid: end must be at most ${answer.length}, the answer's length`, [{ path: "end", message: `must be at most ${answer.length}, the answer's length` }]);
    }
    const redaction = await tx.responseRedaction.create({
      data: { responseId, questionKey: input.questionKey, start: input.start, end: input.end, redactedText: answer.slice(input.start, input.end), reason: input.reason, moderatorId: actor.id },
    });
    // The reason only: the redacted text never goes into the audit log, which others may read.
    await recordAudit(tx, { consultationId: response.consultationId, actorId: actor.id, action: "redact", targetType: "response", targetId: responseId, statement: input.reason });
    return { id: redaction.id, questionKey: redaction.questionKey, start: redaction.start, end: redaction.end, reason: redaction.reason, createdAt: redaction.createdAt.toISOString() };
  });
}

/**
 * A moderator lifts a redaction, with a reason: the row goes (every reader of response_redactions masks
 * from the rows there are, at read time: publication.ts, published-csv.ts (the CSV, in SQL), campaign-page.ts, report.ts;
 * no masked copy is stored), and the moderation log keeps the lift with its reason, never the text. The
 * respondent's view lists the remaining redactions only. Lifted already, or not this response's: 404.
 */
export async function liftRedaction(prisma: PrismaClient, actor: Actor, responseId: string, redactionId: string, input: TLiftRedactionBody) {
  await inTransaction(prisma, async (tx) => {
    const response = await tx.response.findUnique({ where: { id: responseId }, include: { consultation: true } });
    if (!response) throw errors.notFound("Response");
    const viewer = await viewerFor(tx, actor, response.consultationId);
    if (!consultationPolicy.read(viewer, response.consultation)) throw errors.notFound("Response");
    if (!responsePolicy.readAll(viewer, response.consultation)) throw errors.notFound("Response");
    // deleteMany, counted: of two moderators lifting at once, the second is told it is gone.
    const { count } = await tx.responseRedaction.deleteMany({ where: { id: redactionId, responseId } });
    if (count === 0) throw errors.notFound("Redaction");
    await recordAudit(tx, { consultationId: response.consultationId, actorId: actor.id, action: "lift_redaction", targetType: "response", targetId: responseId, statement: input.reason });
  });
}
