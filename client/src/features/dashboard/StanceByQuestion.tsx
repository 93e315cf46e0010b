// Stance by stakeholder category, question by question: the table of counts and a stacked bar per
// category, from the summary preview.
import { STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import type { ReportQuestion } from "../../../../shared/schemas/exports.ts";
import { STANCES, STANCE_LABELS, type Stance } from "../../../../shared/schemas/positions.ts";
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
  return (
    <section aria-labelledby="stance-title" className="section dashboard__section" data-testid="stance">
      <h2 id="stance-title">Stance by category, per question</h2>
      {questions.length === 0 && <p className="muted">This consultation has no questions.</p>}
      {questions.map((q) => (
        <div key={q.id} className="dashboard__question" data-testid={`stance-q${q.ordinal}`}>
          <h3>
            Question {q.ordinal}: {q.text}
          </h3>
          <p className="muted">
            {q.threads} {q.threads === 1 ? "thread" : "threads"}, {q.posts} {q.posts === 1 ? "post" : "posts"}, {q.positions.length}{" "}
            {q.positions.length === 1 ? "position" : "positions"}
          </p>
          <PositionCountsTable counts={toCounts(q)} caption={`Positions on question ${q.ordinal} by stakeholder category and stance`} />
          {q.stanceByCategory.length > 0 && (
            <BarChart
              title={`Stances on question ${q.ordinal}, by stakeholder category`}
              description="Each bar is one stakeholder category, divided by stance."
              labelHead="Stakeholder category"
              series={STANCES.map((s) => ({ key: s, label: STANCE_LABELS[s] }))}
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
