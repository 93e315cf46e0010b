// The summary report as it would be published now, rendered from the preview data (the API offers no
// HTML preview; published versions have their own HTML). Plain text throughout: React escapes it.
import { Link } from "react-router";
import { QUESTION_OUTCOME_LABELS, type ReportArgument, type ReportData } from "../../../../shared/schemas/exports.ts";
import { STANCE_LABELS } from "../../../../shared/schemas/positions.ts";
import { formatDateTime } from "../../lib/format.ts";
import { categoryLabel, countryLabel } from "./labels.ts";

function Arguments({ title, items }: { title: string; items: ReportArgument[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h5>{title}</h5>
      <ul className="report__list">
        {items.map((a) => (
          <li key={a.id}>
            <Link to={a.path}>{a.excerpt}</Link> <span className="muted">— {[a.organisation ?? a.author, categoryLabel(a.category)].filter(Boolean).join(", ")}</span>
            {a.endorsements > 0 && <span className="muted"> · {a.endorsements} endorsements</span>}
            {a.nearIdentical > 0 && <span className="muted"> · and {a.nearIdentical} near-identical</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ReportPreview({ data }: { data: ReportData }) {
  return (
    <article className="report" aria-labelledby="report-title" data-testid="report-preview">
      <h3 id="report-title">{data.consultation.title}: summary report</h3>
      <p className="muted">Preview generated {formatDateTime(data.generatedAt)}. Only what the public can see is counted.</p>
      {data.questions.map((q) => (
        <section key={q.id} className="report__question" aria-labelledby={`report-q-${q.id}`}>
          <h4 id={`report-q-${q.id}`}>
            Question {q.ordinal}: {q.text}
          </h4>
          <p>
            <strong>Outcome:</strong> {q.outcome ? `${QUESTION_OUTCOME_LABELS[q.outcome.outcome]}. ${q.outcome.reasons}` : "Not recorded yet."}
          </p>
          {q.positions.length > 0 ? (
            <>
              <h5>Positions</h5>
              <ul className="report__list">
                {q.positions.map((p) => (
                  <li key={p.id}>
                    <Link to={p.path}>{p.organisation ?? "An organisation"}</Link>
                    {p.country && ` (${countryLabel(p.country)})`} · {categoryLabel(p.category)} · <strong>{STANCE_LABELS[p.stance]}</strong>: {p.summary}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">No positions.</p>
          )}
          <Arguments title="Main arguments for" items={q.argumentsFor} />
          <Arguments title="Main arguments against" items={q.argumentsAgainst} />
        </section>
      ))}
      <section aria-labelledby="report-campaigns">
        <h4 id="report-campaigns">Campaigns and near-identical contributions</h4>
        {data.campaigns.length === 0 ? (
          <p className="muted">None detected.</p>
        ) : (
          <ul className="report__list">
            {data.campaigns.map((c) => (
              <li key={c.representative.id}>
                {c.count} near-identical contributions, e.g. <Link to={c.representative.path}>{c.excerpt}</Link>{" "}
                <span className="muted">
                  (
                  {Object.entries(c.byCategory)
                    .map(([cat, n]) => `${categoryLabel(cat)}: ${n}`)
                    .join("; ")}
                  )
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="report-methodology">
        <h4 id="report-methodology">Methodology</h4>
        {data.methodology.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </section>
    </article>
  );
}
