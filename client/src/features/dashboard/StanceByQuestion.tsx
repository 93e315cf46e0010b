// Stance by stakeholder category, question by question: the table of counts and a stacked bar per
// category, from the summary preview.
import { STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import type { ReportQuestion } from "../../../../shared/schemas/exports.ts";
import { useTranslation } from "react-i18next";
import { STANCES, type Stance } from "../../../../shared/schemas/positions.ts";
import type { PositionCounts } from "../../api/positions.ts";
import { PositionCountsTable } from "../positions/PositionCountsTable.tsx";
import { BarChart } from "./BarChart.tsx";
import { categoryLabel } from "./labels.ts";

function toCounts(q: ReportQuestion): PositionCounts {
  const zero = () => Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
  const counts = Object.fromEntries(STAKEHOLDER_CATEGORIES.map((c) => [c, zero()])) as PositionCounts;
  for (const row of q.stanceByCategory) counts[row.category] = { ...zero(), ...row.counts };
  return counts;
}

export function StanceByQuestion({ questions }: { questions: ReportQuestion[] }) {
  const { t } = useTranslation("dashboard");
  return (
    <section aria-labelledby="stance-title" className="section dashboard__section" data-testid="stance">
      <h2 id="stance-title">{t("stance.title")}</h2>
      {questions.length === 0 && <p className="muted">{t("noQuestions")}</p>}
      {questions.map((q) => (
        <div key={q.id} className="dashboard__question" data-testid={`stance-q${q.ordinal}`}>
          <h3>
            {t("consultations:startThread.questionOption", { ordinal: q.ordinal, text: q.text })}
          </h3>
          <p className="muted">
            {t("stance.activity", {
              threads: t("consultations:count.threads", { count: q.threads }),
              posts: t("stance.posts", { count: q.posts }),
              positions: t("stance.positions", { count: q.positions.length }),
            })}
          </p>
          <PositionCountsTable counts={toCounts(q)} caption={t("consultations:questions.countsCaption", { ordinal: q.ordinal })} />
          {q.stanceByCategory.length > 0 && (
            <BarChart
              title={t("stance.chartTitle", { ordinal: q.ordinal })}
              description={t("stance.chartDesc")}
              labelHead={t("positions:counts.category")}
              series={STANCES.map((s) => ({ key: s, label: t(`vocabulary:stance.${s}`) }))}
              rows={q.stanceByCategory.map((r) => ({ label: categoryLabel(r.category), values: STANCES.map((s) => r.counts[s] ?? 0) }))}
              empty=""
              table={false}
            />
          )}
        </div>
      ))}
    </section>
  );
}
