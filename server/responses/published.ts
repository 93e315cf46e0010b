// The published responses of a consultation, newest first, filtered by stakeholder category, country and
// the answer to a choice or scale question, with counts by category for the filters (kept in
// response_tallies, not counted per request). Only what publishedResponsesWhere admits is ever fetched.
import type { PrismaClient } from "../db/index.ts";
import { Prisma } from "../db/generated/client.ts";
import { readRows } from "../db/direct-reads.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { allQuestions } from "../../shared/questionnaire/validate.ts";
import type { TListResponsesQuery, TQuestionnaire } from "../../shared/schemas/responses.ts";
import { findQuestionnaire } from "./questionnaires.ts";
import { presentPublished, PUBLISHED_CONSENTS, PUBLISHED_INCLUDE, publishedResponsesWhere } from "./publication.ts";
import { publishedCounts } from "./tallies.ts";

/**
 * The answer filter as a JSON condition: a single choice equals the option, a multiple choice contains it,
 * a scale equals the number. Refuses a question or answer the questionnaire does not have.
 */
function answerWhere(q: TQuestionnaire | undefined, key: string, answer: string): { where: Prisma.ResponseWhereInput; sql: Prisma.Sql } {
  const question = q && allQuestions(q).find((x) => x.key === key);
  const refuse = (field: "question" | "answer", message: string) =>
    errors.invalidInput(`The request is invalid: query.${field} ${message}`, [{ path: `query.${field}`, message }]);
  if (!question) throw refuse("question", "is not a question of this questionnaire");
  if (question.type === "single_choice" || question.type === "multiple_choice") {
    if (!question.options.some((o) => o.key === answer)) throw refuse("answer", `is not an option of "${key}"`);
    return question.type === "single_choice"
      ? { where: { answers: { path: [key], equals: answer } }, sql: Prisma.sql`s.answers -> ${key} = to_jsonb(${answer}::text)` }
      : { where: { answers: { path: [key], array_contains: [answer] } }, sql: Prisma.sql`s.answers -> ${key} @> jsonb_build_array(${answer}::text)` };
  }
  if (question.type === "scale" && /^-?\d+$/.test(answer)) return { where: { answers: { path: [key], equals: Number(answer) } }, sql: Prisma.sql`s.answers -> ${key} = to_jsonb(${Number(answer)}::int)` };
  throw refuse(question.type === "scale" ? "answer" : "question", question.type === "scale" ? "must be a whole number on the scale" : "must be a choice or scale question to filter on");
}

export async function listPublishedResponses(prisma: PrismaClient, actor: Actor | null, idOrSlug: string, query: TListResponsesQuery) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const questionnaire = await findQuestionnaire(prisma, consultation.id);
  const base = publishedResponsesWhere(consultation.id);
  const filters: Prisma.ResponseWhereInput[] = [base];
  if (query.category) filters.push({ category: query.category });
  if (query.country) filters.push({ country: query.country });
  const byAnswer = query.question && query.answer ? answerWhere(questionnaire?.definition, query.question, query.answer) : null;
  if (byAnswer) filters.push(byAnswer.where);
  const where: Prisma.ResponseWhereInput = { AND: filters };
  const after = query.cursor ? decodeCursor(query.cursor, { seq: cursorKeys.seq }).seq : undefined;
  // The page is read live; the counts come from the tallies, as of the indexing queue's last batch.
  // Tallies hold a scale's answer as its number written plainly ("2"), as the filter reads "02".
  const scale = questionnaire && query.question ? allQuestions(questionnaire.definition).find((x) => x.key === query.question)?.type === "scale" : false;
  const answer = query.question && query.answer ? { question: query.question, answer: scale ? String(Number(query.answer)) : query.answer } : undefined;
  const take = query.limit + 1;
  const planned = () => prisma.response.findMany({ where: after === undefined ? where : { AND: [where, { seq: { lt: after } }] }, include: PUBLISHED_INCLUDE, orderBy: { seq: "desc" }, take });
  let rows, counts;
  if (byAnswer) {
    counts = await publishedCounts(prisma, consultation.id, { category: query.category, country: query.country, answer });
    const published = Object.values(counts.byCategory).reduce((a, n) => a + n, 0);
    const ids = await walkNewest(prisma, consultation.id, { category: query.category, country: query.country, answer: byAnswer.sql }, after, take, published > 0 ? counts.total / published : 0);
    rows = ids ? await prisma.response.findMany({ where: { id: { in: ids } }, include: PUBLISHED_INCLUDE, orderBy: { seq: "desc" } }) : await planned();
  } else {
    [rows, counts] = await Promise.all([planned(), publishedCounts(prisma, consultation.id, { category: query.category, country: query.country, answer })]);
  }
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => presentPublished(r, viewer, consultation)),
    nextCursor: rows.length > query.limit ? encodeCursor({ seq: page[page.length - 1]!.seq }) : null,
    total: counts.total,
    // Of the responses listed (filters applied): counted apart, still listed.
    counts: { byCategory: counts.byCategory, suspectedAutomated: counts.suspectedAutomated, reportedImpersonation: counts.reportedImpersonation, byChannel: counts.byChannel },
  };
}

/** The most rows walkNewest reads for a page: beyond it, PostgreSQL's own plan is the better bet. */
const WALK_MAX = 50_000;

/**
 * The ids of a page filtered by an answer, newest first, read by walking the newest submitted responses
 * in order. PostgreSQL has no statistics on a path inside `answers` and takes an answer condition for
 * 0.5% of rows, so with a category or country as well it may read every row of that country and sort
 * them (350 ms at a million responses) when the newest few hundred rows hold the page. The tallies say
 * what share of published responses match (`share`); the walk reads twice the rows that share needs.
 * Null (the caller uses the planned query) when that is more than WALK_MAX rows, or when the walk read
 * all it was allowed and found too few (the tallies lag the newest responses).
 */
async function walkNewest(
  db: PrismaClient,
  consultationId: string,
  f: { category?: string; country?: string; answer: Prisma.Sql },
  after: number | undefined,
  take: number,
  share: number,
): Promise<string[] | null> {
  const span = Math.ceil((2 * take) / share) + 100;
  if (!(span <= WALK_MAX)) return null;
  const conditions = [
    Prisma.sql`s.consent::text IN (${Prisma.join([...PUBLISHED_CONSENTS])})`,
    f.answer,
    ...(f.category ? [Prisma.sql`s.category::text = ${f.category}`] : []),
    ...(f.country ? [Prisma.sql`s.country = ${f.country}`] : []),
  ];
  const [found] = await readRows<{ scanned: number; ids: string[] }>(db, Prisma.sql`
    WITH s AS (
      SELECT id, seq, consent, category, country, answers FROM responses
      WHERE consultation_id = ${consultationId} AND status = 'submitted' ${after === undefined ? Prisma.empty : Prisma.sql`AND seq < ${after}`}
      ORDER BY seq DESC LIMIT ${span})
    SELECT (SELECT count(*)::int FROM s) AS scanned,
           ARRAY(SELECT s.id FROM s WHERE ${Prisma.join(conditions, " AND ")} ORDER BY s.seq DESC LIMIT ${take}) AS ids`);
  if (!found) return null;
  return found.ids.length === take || found.scanned < span ? found.ids : null;
}
