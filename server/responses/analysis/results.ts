// The analysis of a consultation's formal responses: closed answers by stakeholder category, open answers'
// codes by category, and the agreement of double coding per code (Cohen's kappa), with the method in words.
// Everything is counted over submitted responses, published or not (counts reveal no one's answer); only
// aggregates leave this module for the public report.
//
// A unit is one open answer (a response's text question). Its first coding (earliest) is the one counted;
// a second analyst's independent coding is used for agreement only. A code counts as applied to a unit
// when it or any narrower code was applied, so a broad code's figures include its children's.
import { Prisma } from "../../db/generated/client.ts";
import type { PrismaClient, Tx } from "../../db/index.ts";
import type { Actor } from "../../accounts/actor.ts";
import { errors } from "../../http/errors.ts";
import { loadReadableConsultation } from "../../consultations/access.ts";
import { allQuestions } from "../../../shared/questionnaire/validate.ts";
import { findQuestionnaire } from "../questionnaires.ts";
import { responsePolicy } from "../policy.ts";
import { buildCodeTree, flattenCodeTree, loadCodes, type CodeNode } from "./codebook.ts";
import { cohensKappa, kappaBand } from "./kappa.ts";

type Counts = Record<string, number>;

export interface CodeResult {
  id: string;
  path: string;
  definition: string;
  units: number;
  byCategory: Counts;
  agreement: { units: number; kappa: number | null; observedAgreement: number | null; band: string };
}

export interface ClosedResult {
  questionKey: string;
  label: string;
  type: string;
  /** option key (or scale value) -> category -> count */
  counts: Record<string, Counts>;
  options: { key: string; label: string }[];
}

export interface Analysis {
  method: string;
  analysts: number;
  codedUnits: number;
  doubleCodedUnits: number;
  codes: CodeResult[];
  closed: ClosedResult[];
}

/** Every code with the ids of its narrower codes, itself included. */
function descendants(roots: CodeNode[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const walk = (n: CodeNode): Set<string> => {
    const set = new Set<string>([n.id]);
    for (const c of n.children) for (const id of walk(c)) set.add(id);
    out.set(n.id, set);
    return set;
  };
  roots.forEach(walk);
  return out;
}

async function closedAnswers(db: Tx, consultationId: string): Promise<ClosedResult[]> {
  const q = await findQuestionnaire(db, consultationId);
  if (!q) return [];
  const out: ClosedResult[] = [];
  for (const question of allQuestions(q.definition)) {
    if (question.type !== "single_choice" && question.type !== "multiple_choice" && question.type !== "scale") continue;
    const value =
      question.type === "multiple_choice"
        ? Prisma.sql`jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.answers -> ${question.key}) = 'array' THEN r.answers -> ${question.key} ELSE '[]'::jsonb END)`
        : Prisma.sql`r.answers ->> ${question.key}`;
    const rows = await db.$queryRaw<{ value: string | null; category: string; n: bigint | number }[]>`
      SELECT v.value, r.category::text AS category, count(*) AS n
      FROM responses r, LATERAL (SELECT ${value} AS value) v
      WHERE r.consultation_id = ${consultationId} AND r.status = 'submitted' AND v.value IS NOT NULL
      GROUP BY 1, 2`;
    const counts: Record<string, Counts> = {};
    for (const r of rows) (counts[r.value!] ??= {})[r.category] = Number(r.n);
    const options =
      question.type === "scale"
        ? Array.from({ length: question.max - question.min + 1 }, (_, i) => ({ key: String(question.min + i), label: String(question.min + i) }))
        : question.options;
    out.push({ questionKey: question.key, label: question.label, type: question.type, counts, options });
  }
  return out;
}

export async function computeAnalysis(db: Tx, consultationId: string): Promise<Analysis> {
  const roots = buildCodeTree(await loadCodes(db, consultationId));
  const flat = flattenCodeTree(roots);
  const below = descendants(roots);
  const codings = await db.responseCoding.findMany({
    where: { response: { consultationId, status: "submitted" } },
    select: { responseId: true, questionKey: true, analystId: true, codedAt: true, id: true, response: { select: { category: true } }, codes: { select: { codeId: true } } },
    orderBy: [{ codedAt: "asc" }, { id: "asc" }],
  });
  const units = new Map<string, { category: string; codings: Set<string>[] }>();
  for (const c of codings) {
    const key = `${c.responseId}\u0000${c.questionKey}`;
    const unit = units.get(key) ?? { category: c.response.category, codings: [] };
    unit.codings.push(new Set(c.codes.map((x) => x.codeId)));
    units.set(key, unit);
  }
  const applies = (coding: Set<string>, codeId: string) => [...below.get(codeId)!].some((id) => coding.has(id));
  const double = [...units.values()].filter((u) => u.codings.length >= 2);
  const codes: CodeResult[] = flat.map((code) => {
    const byCategory: Counts = {};
    let n = 0;
    for (const u of units.values()) {
      if (!applies(u.codings[0]!, code.id)) continue;
      n++;
      byCategory[u.category] = (byCategory[u.category] ?? 0) + 1;
    }
    const k = cohensKappa(double.map((u) => [applies(u.codings[0]!, code.id), applies(u.codings[1]!, code.id)] as const));
    return { id: code.id, path: code.path, definition: code.definition, units: n, byCategory, agreement: { units: k.units, kappa: k.kappa, observedAgreement: k.observedAgreement, band: kappaBand(k.kappa) } };
  });
  const analysts = new Set(codings.map((c) => c.analystId)).size;
  const method =
    `Open answers were coded with a codebook of ${flat.length} code${flat.length === 1 ? "" : "s"} by ${analysts} analyst${analysts === 1 ? "" : "s"}, without the respondents' names. ` +
    `Each answer's first coding is counted (${units.size} answer${units.size === 1 ? "" : "s"} coded); ${double.length} ${double.length === 1 ? "was" : "were"} coded independently by a second analyst, ` +
    `and agreement per code is Cohen's kappa over those answers. A code counts as applied when it or a narrower code was.`;
  return { method, analysts, codedUnits: units.size, doubleCodedUnits: double.length, codes, closed: await closedAnswers(db, consultationId) };
}

export async function getAnalysis(prisma: PrismaClient, actor: Actor, idOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  if (!responsePolicy.analyse(viewer, consultation)) throw errors.notFound("Consultation"); // the same as for one that does not exist
  return computeAnalysis(prisma, consultation.id);
}
