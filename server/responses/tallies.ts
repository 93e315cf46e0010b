// The published list's counts, kept rather than counted. Each published response counts once under its
// own key (question "" and answer "") and once per answered choice or scale question, each key carrying
// the list's filters (category, country, channel) and the marks counted apart (suspected automated,
// reported impersonation). The queue (grouping.ts) recounts a response whenever it changes: it takes off
// what the response was counted under (responses.tallied) and adds what it is counted under now, one
// consultation at a time, so the sums are exact as of the queue's last batch (a second behind, when it
// keeps up) and no two writers ever race on a row.
import type { PrismaClient } from "../db/index.ts";
import { Prisma, type StakeholderCategory, type ResponseChannel } from "../db/generated/client.ts";
import type { RunStatement } from "../db/direct-reads.ts";
import { allQuestions } from "../../shared/questionnaire/validate.ts";
import type { TAnswers, TQuestionnaire } from "../../shared/schemas/responses.ts";
import { isPublished } from "./publication.ts";

/** [questionKey, answer, category, country, channel, suspected, impersonated] */
export type TallyKey = [string, string, StakeholderCategory, string, ResponseChannel, boolean, boolean];

export interface TalliedResponse {
  status: string;
  consent: string | null;
  category: StakeholderCategory;
  country: string | null;
  channel: ResponseChannel;
  answers: TAnswers;
  suspected: boolean;
  impersonated: boolean;
}

/** The answers the list filters on, as [question, answer] pairs: a choice, each option of a multiple choice, a scale's number. */
export function filterableAnswers(q: TQuestionnaire | null, answers: TAnswers): [string, string][] {
  if (!q) return [];
  const out: [string, string][] = [];
  for (const question of allQuestions(q)) {
    const v = answers[question.key];
    if (question.type === "single_choice" && typeof v === "string") out.push([question.key, v]);
    else if (question.type === "scale" && typeof v === "number") out.push([question.key, String(v)]);
    else if (question.type === "multiple_choice" && Array.isArray(v)) {
      for (const o of new Set(v)) if (typeof o === "string") out.push([question.key, o]);
    }
  }
  return out;
}

/** What a response is counted under: nothing unless it is published. */
export function tallyKeysOf(q: TQuestionnaire | null, r: TalliedResponse): TallyKey[] {
  if (!isPublished(r)) return [];
  const rest = [r.category, r.country ?? "", r.channel, r.suspected, r.impersonated] as const;
  return [["", "", ...rest], ...filterableAnswers(q, r.answers).map(([k, a]): TallyKey => [k, a, ...rest])];
}

/** Adds the differences (new keys +1, old keys -1) to the consultation's tallies, in one statement. */
export async function applyTallyChanges(run: RunStatement, consultationId: string, changes: { before: TallyKey[]; after: TallyKey[] }[]): Promise<void> {
  const delta = new Map<string, { key: TallyKey; n: number }>();
  const add = (key: TallyKey, n: number) => {
    const id = JSON.stringify(key);
    const entry = delta.get(id) ?? { key, n: 0 };
    entry.n += n;
    delta.set(id, entry);
  };
  for (const c of changes) {
    for (const k of c.before) add(k, -1);
    for (const k of c.after) add(k, 1);
  }
  const rows = [...delta.values()].filter((d) => d.n !== 0);
  if (rows.length === 0) return;
  const col = (i: number) => rows.map((r) => r.key[i]);
  await run(Prisma.sql`
    INSERT INTO response_tallies (consultation_id, question_key, answer, category, country, channel, suspected, impersonated, n)
    SELECT ${consultationId}, u.q, u.a, u.cat::"StakeholderCategory", u.country, u.channel::"ResponseChannel", u.s, u.i, u.n
    FROM unnest(${col(0)}::text[], ${col(1)}::text[], ${col(2)}::text[], ${col(3)}::text[], ${col(4)}::text[], ${col(5)}::boolean[], ${col(6)}::boolean[], ${rows.map((r) => r.n)}::int[])
      AS u(q, a, cat, country, channel, s, i, n)
    ON CONFLICT (consultation_id, question_key, answer, category, country, channel, suspected, impersonated)
    DO UPDATE SET n = response_tallies.n + EXCLUDED.n`);
  await run(Prisma.sql`DELETE FROM response_tallies WHERE consultation_id = ${consultationId} AND n = 0`);
}

export interface ListFilters {
  category?: StakeholderCategory | undefined;
  country?: string | undefined;
  answer?: { question: string; answer: string } | undefined;
}

/** The published list's counts: totals under the filters, and the whole list's spread by category and channel. */
export async function publishedCounts(prisma: PrismaClient, consultationId: string, filters: ListFilters) {
  const keys = [{ questionKey: "", answer: "" }, ...(filters.answer ? [{ questionKey: filters.answer.question, answer: filters.answer.answer }] : [])];
  const rows = await prisma.responseTally.findMany({ where: { consultationId, OR: keys } });
  const base = rows.filter((r) => r.questionKey === "");
  const filtered = rows.filter(
    (r) =>
      r.questionKey === (filters.answer?.question ?? "") &&
      r.answer === (filters.answer?.answer ?? "") &&
      (!filters.category || r.category === filters.category) &&
      (filters.country === undefined || r.country === filters.country),
  );
  const sum = (list: typeof rows) => list.reduce((a, r) => a + r.n, 0);
  const spread = (by: "category" | "channel") => {
    const out: Record<string, number> = {};
    for (const r of base) out[r[by]] = (out[r[by]] ?? 0) + r.n;
    return out;
  };
  return {
    total: sum(filtered),
    byCategory: spread("category"),
    suspectedAutomated: sum(filtered.filter((r) => r.suspected)),
    reportedImpersonation: sum(filtered.filter((r) => r.impersonated)),
    byChannel: spread("channel"),
  };
}
