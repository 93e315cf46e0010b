// The consultation's questions in order, each with its explanation and a summary of the positions taken.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { ConsultationDetail } from "../../api/consultations.ts";
import type { PositionCounts } from "../../api/positions.ts";
import { PositionCountsTable, totalPositions } from "../positions/PositionCountsTable.tsx";
import { positionsPath } from "../../lib/paths.ts";

export type CountsByQuestion = { phase: "loading" } | { phase: "error" } | { phase: "ready"; counts: Record<string, PositionCounts> };

export function QuestionList({ consultation: c, counts }: { consultation: ConsultationDetail; counts: CountsByQuestion }) {
  const { t } = useTranslation("consultations");
  if (c.questions.length === 0) return <p>{t("questions.none")}</p>;
  return (
    <ol className="questions">
      {c.questions.map((q) => {
        const qCounts = counts.phase === "ready" ? counts.counts[q.id] : undefined;
        const total = qCounts ? totalPositions(qCounts) : null;
        return (
          <li key={q.id} className="question" id={`question-${q.id}`}>
            <h3 className="question__title">
              <span className="question__ordinal">{t("questions.ordinal", { ordinal: q.ordinal })}</span> {q.text}
            </h3>
            {q.explanation && <p className="question__explanation">{q.explanation}</p>}
            <div className="question__positions">
              {counts.phase === "loading" && <p className="muted">{t("questions.loadingPositions")}</p>}
              {counts.phase === "error" && <p className="muted">{t("questions.positionsNotLoaded")}</p>}
              {qCounts && <PositionCountsTable counts={qCounts} caption={t("questions.countsCaption", { ordinal: q.ordinal })} />}
            </div>
            <p className="question__links">
              <Link to={positionsPath(c.slug, q.id)}>
                {total ? t("questions.viewPositionsCount", { count: total }) : t("questions.viewPositions")}
                <span className="visually-hidden">{t("questions.onQuestion", { ordinal: q.ordinal })}</span>
              </Link>
              <Link to={{ search: `?question=${encodeURIComponent(q.id)}`, hash: "#threads" }}>
                {t("questions.threads")}<span className="visually-hidden">{t("questions.onQuestion", { ordinal: q.ordinal })}</span>
              </Link>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
