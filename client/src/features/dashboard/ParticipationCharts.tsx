// Who took part, from the summary preview: contributors, organisations and positions by stakeholder
// category and by country, and contributions week by week. Counts of what the public can see.
import type { ReportData } from "../../../../shared/schemas/exports.ts";
import { BarChart } from "./BarChart.tsx";
import { categoryRows, countryRows } from "./labels.ts";

const ONE = (label: string) => [{ key: "n", label }];

export function ParticipationCharts({ participation: p }: { participation: ReportData["participation"] }) {
  return (
    <section aria-labelledby="participation-title" className="section dashboard__section" data-testid="participation">
      <h2 id="participation-title">Participation</h2>
      <dl className="meta meta--page dashboard__totals">
        {(
          [
            ["Contributors", p.contributors.total, "total-contributors"],
            ["Organisations", p.organisations.total, "total-organisations"],
            ["Positions", p.positions.total, "total-positions"],
            ["Posts", p.posts.total, "total-posts"],
            ["Endorsements", p.endorsements.total, "total-endorsements"],
          ] as const
        ).map(([label, n, testId]) => (
          <div className="meta__item" key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{n}</dd>
          </div>
        ))}
      </dl>
      <div className="dashboard__charts">
        <BarChart
          title="Contributors by stakeholder category"
          description="Distinct people with a published post or position, by the category they spoke in."
          labelHead="Stakeholder category"
          series={ONE("Contributors")}
          rows={categoryRows(p.contributors.byCategory)}
          empty="No one has contributed yet."
          testId="chart-contributors-category"
        />
        <BarChart
          title="Organisations by stakeholder category"
          description="Organisations with a published position or a post on their behalf."
          labelHead="Stakeholder category"
          series={ONE("Organisations")}
          rows={categoryRows(p.organisations.byCategory)}
          empty="No organisation has taken part yet."
          testId="chart-organisations-category"
        />
        <BarChart
          title="Positions by stakeholder category"
          description="Published positions, by the organisation's category."
          labelHead="Stakeholder category"
          series={ONE("Positions")}
          rows={categoryRows(p.positions.byCategory)}
          empty="No positions have been published yet."
          testId="chart-positions-category"
        />
        {p.organisations.byCountry && (
          <BarChart
            title="Organisations by country"
            description="Organisations that took part, by the country they are based in."
            labelHead="Country"
            series={ONE("Organisations")}
            rows={countryRows(p.organisations.byCountry)}
            empty="No organisation has taken part yet."
            testId="chart-organisations-country"
          />
        )}
        {p.positions.byCountry && (
          <BarChart
            title="Positions by country"
            description="Published positions, by the organisation's country."
            labelHead="Country"
            series={ONE("Positions")}
            rows={countryRows(p.positions.byCountry)}
            empty="No positions have been published yet."
            testId="chart-positions-country"
          />
        )}
        {!p.organisations.byCountry && <p className="muted">Countries are not shown: this consultation withholds who took part (Chatham House rule).</p>}
        <BarChart
          title="Contributions over time"
          description="Published posts and positions per week (weeks start on Monday)."
          labelHead="Week starting"
          series={[
            { key: "posts", label: "Posts" },
            { key: "positions", label: "Positions" },
          ]}
          rows={p.weekly.map((w) => ({ label: w.weekStart, values: [w.posts, w.positions] }))}
          empty="Nothing has been published yet."
          testId="chart-weekly"
        />
      </div>
    </section>
  );
}
