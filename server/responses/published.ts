// The published responses of a consultation, newest first, filtered by stakeholder category, country and
// the answer to a choice or scale question, with counts by category for the filters (kept in
// response_tallies, not counted per request). Only what publishedResponsesWhere admits is ever fetched.
import type { PrismaClient } from "../db/index.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { allQuestions } from "../../shared/questionnaire/validate.ts";
import type { TListResponsesQuery, TQuestionnaire } from "../../shared/schemas/responses.ts";
import { findQuestionnaire } from "./questionnaires.ts";
import { presentPublished, PUBLISHED_INCLUDE, publishedResponsesWhere } from "./publication.ts";
import { publishedCounts } from "./tallies.ts";

/**
 * The answer filter as a JSON condition: a single choice equals the option, a multiple choice contains it,
 * a scale equals the number. Refuses a question or answer the questionnaire does not have.
 */
function answerWhere(q: TQuestionnaire | undefined, key: string, answer: string): Prisma.ResponseWhereInput {
  const question = q && allQuestions(q).find((x) => x.key === key);
  const refuse = (field: "question" | "answer", message: string) =>
    errors.invalidInput(`The request is invalid: query.${field} ${message}`, [{ path: `query.${field}`, message }]);
  if (!question) throw refuse("question", "is not a question of this questionnaire");
  if (question.type === "single_choice" || question.type === "multiple_choice") {
    if (!question.options.some((o) => o.key === answer)) throw refuse("answer", `is not an option of "${key}"`);
    return question.type === "single_choice" ? { answers: { path: [key], equals: answer } } : { answers: { path: [key], array_contains: [answer] } };
  }
  if (question.type === "scale" && /^-?\d+$/.test(answer)) return { answers: { path: [key], equals: Number(answer) } };
  throw refuse(question.type === "scale" ? "answer" : "question", question.type === "scale" ? "must be a whole number on the scale" : "must be a choice or scale question to filter on");
}

export async function listPublishedResponses(prisma: PrismaClient, actor: Actor | null, idOrSlug: string, query: TListResponsesQuery) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const questionnaire = await findQuestionnaire(prisma, consultation.id);
  const base = publishedResponsesWhere(consultation.id);
  const filters: Prisma.ResponseWhereInput[] = [base];
  if (query.category) filters.push({ category: query.category });
  if (query.country) filters.push({ country: query.country });
  if (query.question && query.answer) filters.push(answerWhere(questionnaire?.definition, query.question, query.answer));
  const where: Prisma.ResponseWhereInput = { AND: filters };
  const after = query.cursor ? decodeCursor(query.cursor, { seq: cursorKeys.seq }).seq : undefined;
  // The page is read live; the counts come from the tallies, as of the indexing queue's last batch.
  // Tallies hold a scale's answer as its number written plainly ("2"), as the filter reads "02".
  const scale = questionnaire && query.question ? allQuestions(questionnaire.definition).find((x) => x.key === query.question)?.type === "scale" : false;
  const answer = query.question && query.answer ? { question: query.question, answer: scale ? String(Number(query.answer)) : query.answer } : undefined;
  const [rows, counts] = await Promise.all([
    prisma.response.findMany({ where: after === undefined ? where : { AND: [where, { seq: { lt: after } }] }, include: PUBLISHED_INCLUDE, orderBy: { seq: "desc" }, take: query.limit + 1 }),
    publishedCounts(prisma, consultation.id, { category: query.category, country: query.country, answer }),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => presentPublished(r, viewer, consultation)),
    nextCursor: rows.length > query.limit ? encodeCursor({ seq: page[page.length - 1]!.seq }) : null,
    total: counts.total,
    // Of the responses listed (filters applied): counted apart, still listed.
    counts: { byCategory: counts.byCategory, suspectedAutomated: counts.suspectedAutomated, reportedImpersonation: counts.reportedImpersonation, byChannel: counts.byChannel },
  };
}
