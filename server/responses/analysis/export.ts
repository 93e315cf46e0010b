// The analysis as CSV, for the consultation's analysts and staff: the codes with their counts by category
// and agreement, the closed answers by category, and every coding (analysts named by a stable number, not
// by name: the export is about the codes, and may be shared with other researchers).
import { stringify } from "csv-stringify/sync";
import type { PrismaClient } from "../../db/index.ts";
import type { Actor } from "../../accounts/actor.ts";
import { errors } from "../../http/errors.ts";
import { loadReadableConsultation } from "../../consultations/access.ts";
import { STAKEHOLDER_CATEGORIES } from "../../../shared/categories.ts";
import { responsePolicy } from "../policy.ts";
import { buildCodeTree, flattenCodeTree, loadCodes } from "./codebook.ts";
import { computeAnalysis } from "./results.ts";

export const ANALYSIS_TABLES = ["codes", "closed", "codings"] as const;
export type AnalysisTable = (typeof ANALYSIS_TABLES)[number];

/** Spreadsheets run cells that start with = + - @ as formulas: such text gets a leading apostrophe. */
const safe = (v: string | number | null) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v ?? "");

export async function exportAnalysisCsv(prisma: PrismaClient, actor: Actor, idOrSlug: string, table: AnalysisTable): Promise<{ name: string; csv: string }> {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  if (!responsePolicy.analyse(viewer, consultation)) throw errors.notFound("Consultation"); // the same as for one that does not exist
  const name = `${consultation.slug}-analysis-${table}.csv`;
  if (table === "codings") {
    const paths = new Map(flattenCodeTree(buildCodeTree(await loadCodes(prisma, consultation.id))).map((c) => [c.id, c.path]));
    const codings = await prisma.responseCoding.findMany({
      where: { response: { consultationId: consultation.id, status: "submitted" } },
      select: { analystId: true, questionKey: true, codedAt: true, response: { select: { submissionNumber: true, category: true } }, codes: { select: { codeId: true } } },
      orderBy: [{ codedAt: "asc" }, { id: "asc" }],
    });
    const analysts = new Map<string, string>();
    const rows = codings.map((c) => {
      if (!analysts.has(c.analystId)) analysts.set(c.analystId, `analyst ${analysts.size + 1}`);
      return [c.response.submissionNumber, c.response.category, c.questionKey, analysts.get(c.analystId)!, c.codedAt.toISOString(), c.codes.map((x) => paths.get(x.codeId) ?? x.codeId).sort().join(" | ")];
    });
    return { name, csv: stringify([["submission_number", "category", "question", "analyst", "coded_at", "codes"], ...rows.map((r) => r.map(safe))]) };
  }
  const analysis = await computeAnalysis(prisma, consultation.id);
  if (table === "codes") {
    const header = ["code", "definition", "answers", ...STAKEHOLDER_CATEGORIES, "double_coded", "kappa", "observed_agreement"];
    const rows = analysis.codes.map((c) => [c.path, c.definition, c.units, ...STAKEHOLDER_CATEGORIES.map((k) => c.byCategory[k] ?? 0), c.agreement.units, c.agreement.kappa === null ? "" : c.agreement.kappa.toFixed(3), c.agreement.observedAgreement === null ? "" : c.agreement.observedAgreement.toFixed(3)]);
    return { name, csv: stringify([header, ...rows.map((r) => r.map(safe))]) };
  }
  const header = ["question", "answer", ...STAKEHOLDER_CATEGORIES, "total"];
  const rows = analysis.closed.flatMap((q) =>
    q.options.map((o) => {
      const byCat = q.counts[o.key] ?? {};
      return [q.label, o.label, ...STAKEHOLDER_CATEGORIES.map((k) => byCat[k] ?? 0), Object.values(byCat).reduce((a, b) => a + b, 0)];
    }),
  );
  return { name, csv: stringify([header, ...rows.map((r) => r.map(safe))]) };
}
