// Who took part, from the summary preview: contributors, organisations and positions by stakeholder
// category and by country, and contributions week by week. Counts of what the public can see.
import type { ReportData } from "../../../../shared/schemas/exports.ts";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format.ts";
import { BarChart } from "./BarChart.tsx";
import { categoryRows, countryRows } from "./labels.ts";
import i18n from "../../i18n/index.ts";

const ONE = (label: string) => [{ key: "n", label }];

/** "2026-03-09" as the reader's date ("9 Mar 2026", "9 mars 2026"); anything else as it is. */
function formatWeek(day: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00`) : null;
  return d && !Number.isNaN(d.getTime()) ? new Intl.DateTimeFormat(i18n.resolvedLanguage ?? "en", { dateStyle: "medium" }).format(d) : day;
}

export function ParticipationCharts({ participation: p }: { participation: ReportData["participation"] }) {
  const { t } = useTranslation("dashboard");
  const category = t("positions:counts.category");
  const totals = [
    [t("participation.contributors"), p.contributors.total, "total-contributors"],
    [t("participation.organisations"), p.organisations.total, "total-organisations"],
    [t("participation.positions"), p.positions.total, "total-positions"],
    [t("participation.posts"), p.posts.total, "total-posts"],
    [t("participation.endorsements"), p.endorsements.total, "total-endorsements"],
  ] as const;
  return (
    <section aria-labelledby="participation-title" className="section dashboard__section" data-testid="participation">
      <h2 id="participation-title">{t("participation.title")}</h2>
      <dl className="meta meta--page dashboard__totals">
        {totals.map(([label, n, testId]) => (
          <div className="meta__item" key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{formatNumber(n)}</dd>
          </div>
        ))}
      </dl>
      <div className="dashboard__charts">
        <BarChart
          title={t("participation.contributorsByCategory")}
          description={t("participation.contributorsByCategoryDesc")}
          labelHead={category}
          series={ONE(t("participation.contributors"))}
          rows={categoryRows(p.contributors.byCategory)}
          empty={t("participation.noContributors")}
          testId="chart-contributors-category"
        />
        <BarChart
          title={t("participation.organisationsByCategory")}
          description={t("participation.organisationsByCategoryDesc")}
          labelHead={category}
          series={ONE(t("participation.organisations"))}
          rows={categoryRows(p.organisations.byCategory)}
          empty={t("participation.noOrganisations")}
          testId="chart-organisations-category"
        />
        <BarChart
          title={t("participation.positionsByCategory")}
          description={t("participation.positionsByCategoryDesc")}
          labelHead={category}
          series={ONE(t("participation.positions"))}
          rows={categoryRows(p.positions.byCategory)}
          empty={t("participation.noPositions")}
          testId="chart-positions-category"
        />
        {p.organisations.byCountry && (
          <BarChart
            title={t("participation.organisationsByCountry")}
            description={t("participation.organisationsByCountryDesc")}
            labelHead={t("participation.country")}
            series={ONE(t("participation.organisations"))}
            rows={countryRows(p.organisations.byCountry)}
            empty={t("participation.noOrganisations")}
            testId="chart-organisations-country"
          />
        )}
        {p.positions.byCountry && (
          <BarChart
            title={t("participation.positionsByCountry")}
            description={t("participation.positionsByCountryDesc")}
            labelHead={t("participation.country")}
            series={ONE(t("participation.positions"))}
            rows={countryRows(p.positions.byCountry)}
            empty={t("participation.noPositions")}
            testId="chart-positions-country"
          />
        )}
        {!p.organisations.byCountry && <p className="muted">{t("participation.noCountries")}</p>}
        <BarChart
          title={t("participation.overTime")}
          description={t("participation.overTimeDesc")}
          labelHead={t("participation.weekStarting")}
          series={[
            { key: "posts", label: t("participation.posts") },
            { key: "positions", label: t("participation.positions") },
          ]}
          rows={p.weekly.map((w) => ({ label: formatWeek(w.weekStart), values: [w.posts, w.positions] }))}
          empty={t("participation.nothing")}
          testId="chart-weekly"
        />
      </div>
    </section>
  );
}
