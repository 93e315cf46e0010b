// The summary report as it would be published now, rendered from the preview data (the API offers no
// HTML preview; published versions have their own HTML). Plain text throughout: React escapes it.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { ReportArgument, ReportData } from "../../../../shared/schemas/exports.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { categoryLabel, countryLabel } from "./labels.ts";

function Arguments({ title, items }: { title: string; items: ReportArgument[] }) {
  const { t } = useTranslation("dashboard");
  if (items.length === 0) return null;
  return (
    <>
      <h5>{title}</h5>
      <ul className="report__list">
        {items.map((a) => (
          <li key={a.id}>
            <Link to={a.path}>{a.excerpt}</Link> <span className="muted">— {[a.organisation ?? a.author, categoryLabel(a.category)].filter(Boolean).join(", ")}</span>
            {a.endorsements > 0 && <span className="muted"> · {t("threads:endorse.count", { count: a.endorsements })}</span>}
            {a.nearIdentical > 0 && <span className="muted"> · {t("report.nearIdentical", { count: a.nearIdentical })}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ReportPreview({ data }: { data: ReportData }) {
  const { t } = useTranslation("dashboard");
  return (
    <article className="report" aria-labelledby="report-title" data-testid="report-preview">
      <h3 id="report-title">{t("report.title", { title: data.consultation.title })}</h3>
      <p className="muted">{t("report.generated", { date: formatDateTime(data.generatedAt) })}</p>
      {data.questions.map((q) => (
        <section key={q.id} className="report__question" aria-labelledby={`report-q-${q.id}`}>
          <h4 id={`report-q-${q.id}`}>
            {t("consultations:startThread.questionOption", { ordinal: q.ordinal, text: q.text })}
          </h4>
          <p>
            <strong>{t("report.outcome")}</strong> {q.outcome ? `${t(`vocabulary:outcome.${q.outcome.outcome}`)}. ${q.outcome.reasons}` : t("report.notRecorded")}
          </p>
          {q.positions.length > 0 ? (
            <>
              <h5>{t("participation.positions")}</h5>
              <ul className="report__list">
                {q.positions.map((p) => (
                  <li key={p.id}>
                    <Link to={p.path}>{p.organisation ?? t("report.anOrganisation")}</Link>
                    {p.country && ` (${countryLabel(p.country)})`} · {categoryLabel(p.category)} · <strong>{t(`vocabulary:stance.${p.stance}`)}</strong>: {p.summary}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">{t("report.noPositions")}</p>
          )}
          <Arguments title={t("report.argumentsFor")} items={q.argumentsFor} />
          <Arguments title={t("report.argumentsAgainst")} items={q.argumentsAgainst} />
        </section>
      ))}
      <section aria-labelledby="report-campaigns">
        <h4 id="report-campaigns">{t("report.campaigns")}</h4>
        {data.campaigns.length === 0 ? (
          <p className="muted">{t("report.noneDetected")}</p>
        ) : (
          <ul className="report__list">
            {data.campaigns.map((c) => (
              <li key={c.representative.id}>
                {t("report.campaign", { count: c.count })} <Link to={c.representative.path}>{c.excerpt}</Link>{" "}
                <span className="muted">
                  (
                  {Object.entries(c.byCategory)
                    .map(([cat, n]) => `${categoryLabel(cat)}: ${formatNumber(n)}`)
                    .join("; ")}
                  )
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="report-methodology">
        <h4 id="report-methodology">{t("report.methodology")}</h4>
        {data.methodology.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </section>
    </article>
  );
}
