// The consultation's questions in order, each with its explanation and a summary of the positions taken.
import { Link } from "react-router";
import type { ConsultationDetail } from "../../api/consultations.ts";
import type { PositionCounts } from "../../api/positions.ts";
import { PositionCountsTable, totalPositions } from "../positions/PositionCountsTable.tsx";
import { plural } from "../../lib/format.ts";
import { positionsPath } from "../../lib/paths.ts";

export type CountsByQuestion = { phase: "loading" } | { phase: "error" } | { phase: "ready"; counts: Record<string, PositionCounts> };

export function QuestionList({ consultation: c, counts }: { consultation: ConsultationDetail; counts: CountsByQuestion }) {
  if (c.questions.length === 0) return <p>This consultation has no questions yet.</p>;
  return (
    <ol className="questions">
      {c.questions.map((q) => {
        const qCounts = counts.phase === "ready" ? counts.counts[q.id] : undefined;
        const total = qCounts ? totalPositions(qCounts) : null;
        return (
          <li key={q.id} className="question" id={`question-${q.id}`}>
            <h3 className="question__title">
              <span className="question__ordinal">Question {q.ordinal}</span> {q.text}
            </h3>
            {q.explanation && <p className="question__explanation">{q.explanation}</p>}
            <div className="question__positions">
              {counts.phase === "loading" && <p className="muted">Loading the positions…</p>}
              {counts.phase === "error" && <p className="muted">The positions summary could not be loaded.</p>}
              {qCounts && <PositionCountsTable counts={qCounts} caption={`Positions on question ${q.ordinal} by stakeholder category and stance`} />}
            </div>
            <p className="question__links">
              <Link to={positionsPath(c.slug, q.id)}>
                {total ? `View the ${plural(total, "position", "positions")}` : "View the positions"}
                <span className="visually-hidden"> on question {q.ordinal}</span>
              </Link>
              <Link to={{ search: `?question=${encodeURIComponent(q.id)}`, hash: "#threads" }}>
                Threads<span className="visually-hidden"> on question {q.ordinal}</span>
              </Link>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
