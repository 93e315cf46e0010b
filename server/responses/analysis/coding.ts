// Coding open answers. An analyst sees the text answers to one question, in submission order, each with
// their own coding and how many analysts coded it so far, never another analyst's codes (the codings are
// independent: that is what makes the agreement figures mean something) and never a name (blind coding).
import type { PrismaClient, Tx } from "../../db/index.ts";
import type { Actor } from "../../accounts/actor.ts";
import { errors } from "../../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../../http/cursor.ts";
import { loadReadableConsultation, viewerFor } from "../../consultations/access.ts";
import { inTransaction } from "../../events/record.ts";
import { allQuestions } from "../../../shared/questionnaire/validate.ts";
import type { TAnswers, TCodingQueueQuery } from "../../../shared/schemas/responses.ts";
import { findQuestionnaire } from "../questionnaires.ts";
import { responsePolicy } from "../policy.ts";

const TEXT_TYPES = new Set(["short_text", "long_text"]);

/** The text questions of a questionnaire: what is coded. */
export async function textQuestionKeys(db: Tx, consultationId: string): Promise<Set<string>> {
  const q = await findQuestionnaire(db, consultationId);
  return new Set(q ? allQuestions(q.definition).filter((x) => TEXT_TYPES.has(x.type)).map((x) => x.key) : []);
}

const refuseQuestion = () => errors.invalidInput("The request is invalid: questionKey is not a text question of this questionnaire", [{ path: "questionKey", message: "is not a text question of this questionnaire" }]);

export async function listCodingQueue(prisma: PrismaClient, actor: Actor, idOrSlug: string, query: TCodingQueueQuery) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  if (!responsePolicy.analyse(viewer, consultation)) throw errors.notFound("Consultation");
  if (!(await findQuestionnaire(prisma, consultation.id))) throw errors.notFound("Questionnaire");
  if (!(await textQuestionKeys(prisma, consultation.id)).has(query.questionKey)) throw refuseQuestion();
  const after = query.cursor ? decodeCursor(query.cursor, { seq: cursorKeys.seq }).seq : undefined;
  const rows = await prisma.response.findMany({
    // Responses without an answer to the question are left out of the page after the fetch (a page may be short).
    where: { consultationId: consultation.id, status: "submitted", ...(after === undefined ? {} : { seq: { gt: after } }) },
    select: {
      id: true,
      seq: true,
      submissionNumber: true,
      category: true,
      answers: true,
      codings: { where: { questionKey: query.questionKey }, select: { analystId: true, codes: { select: { codeId: true } } } },
    },
    orderBy: { seq: "asc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page
      .map((r) => {
        const text = (r.answers as TAnswers)[query.questionKey];
        const mine = r.codings.find((c) => c.analystId === actor.id);
        return {
          responseId: r.id,
          submissionNumber: r.submissionNumber,
          category: r.category,
          text: typeof text === "string" ? text : "",
          myCodeIds: mine ? mine.codes.map((c) => c.codeId) : null,
          codedBy: r.codings.length,
        };
      })
      .filter((i) => i.text.trim().length > 0),
    nextCursor: rows.length > query.limit ? encodeCursor({ seq: page[page.length - 1]!.seq }) : null,
  };
}

/** Records (or replaces) the caller's coding of one answer. */
export async function saveCoding(prisma: PrismaClient, actor: Actor, responseId: string, questionKey: string, codeIds: string[]) {
  return inTransaction(prisma, async (tx) => {
    const response = await tx.response.findUnique({ where: { id: responseId }, include: { consultation: true } });
    if (!response) throw errors.notFound("Response");
    const viewer = await viewerFor(tx, actor, response.consultationId);
    if (!responsePolicy.analyse(viewer, response.consultation) || response.status !== "submitted") throw errors.notFound("Response");
    const text = (response.answers as TAnswers)[questionKey];
    if (!(await textQuestionKeys(tx, response.consultationId)).has(questionKey) || typeof text !== "string") throw refuseQuestion();
    const unique = [...new Set(codeIds)];
    const known = await tx.responseCode.findMany({ where: { consultationId: response.consultationId, id: { in: unique } }, select: { id: true } });
    const knownIds = new Set(known.map((k) => k.id));
    const bad = unique.filter((id) => !knownIds.has(id));
    if (bad.length) throw errors.invalidInput(`The request is invalid: codeIds ${bad.map((b) => `"${b}"`).join(", ")} not in this codebook`, bad.map((b) => ({ path: "codeIds", message: `"${b}" is not a code of this codebook` })));
    const coding = await tx.responseCoding.upsert({
      where: { responseId_questionKey_analystId: { responseId, questionKey, analystId: actor.id } },
      create: { responseId, questionKey, analystId: actor.id },
      update: { codedAt: new Date() },
    });
    await tx.responseCodeApplication.deleteMany({ where: { codingId: coding.id } });
    if (unique.length) await tx.responseCodeApplication.createMany({ data: unique.map((codeId) => ({ codingId: coding.id, codeId })) });
    return { responseId, questionKey, codeIds: unique, codedAt: coding.codedAt.toISOString() };
  });
}
