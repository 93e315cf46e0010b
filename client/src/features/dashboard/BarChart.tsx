// A horizontal (optionally stacked) bar chart drawn as inline SVG: no chart library. The SVG is an
// image with a <title> and a <desc> that says what it shows; the exact numbers are in the table
// beside it, which is what screen readers and people who want figures read. Colour is never the only
// cue: every series is named in the legend and in the table, and each segment has its own tooltip.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format.ts";

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartRow {
  label: string;
  values: number[];
}

interface BarChartProps {
  title: string;
  description: string;
  /** The table's first column heading, e.g. "Stakeholder category". */
  labelHead: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** Shown instead of the chart when every value is zero. */
  empty: string;
  testId?: string;
  /** False when the same numbers are already shown in a table next to the chart. */
  table?: boolean;
}

// Drawn at its natural size (13px text); it only shrinks on narrow screens.
const WIDTH = 440;
const BAR_MAX = 390;
const ROW = 44;
const BAR = 16;

const sum = (values: number[]) => values.reduce((n, v) => n + v, 0);

export function BarChart({ title, description, labelHead, series, rows, empty, testId, table = true }: BarChartProps) {
  const { t } = useTranslation("dashboard");
  const id = useId();
  // The same numbers as the bars: one or the other on screen, never both at once (the SVG's
  // description already reads them out to screen readers). The table stays in the page, hidden.
  const [showTable, setShowTable] = useState(false);
  const max = Math.max(0, ...rows.map((r) => sum(r.values)));
  if (max === 0) {
    return (
      <figure className="chart" data-testid={testId}>
        <figcaption className="chart__title">{title}</figcaption>
        <p className="counts-empty">{empty}</p>
      </figure>
    );
  }
  const stacked = series.length > 1;
  const height = rows.length * ROW + 8;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart__title">{title}</figcaption>
      {stacked && (
        <ul className="chart__legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.key}>
              <span className={`chart__swatch chart__fill--${i}`} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <svg className="chart__svg" width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} focusable="false">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {description} {rows.map((r) => `${r.label}: ${stacked ? series.map((s, i) => `${s.label} ${formatNumber(r.values[i] ?? 0)}`).join(", ") : formatNumber(r.values[0] ?? 0)}.`).join(" ")}
        </desc>
        {rows.map((r, row) => {
          const y = row * ROW + 4;
          let x = 0;
          return (
            <g key={r.label} className="chart__row">
              <text x={0} y={y + 13} className="chart__label">
                {r.label}
              </text>
              {r.values.map((v, i) => {
                const w = (v / max) * BAR_MAX;
                const rect = v > 0 && (
                  <rect key={series[i]?.key ?? i} x={x} y={y + 20} width={Math.max(w, 1)} height={BAR} className={`chart__fill--${i}`}>
                    <title>{`${r.label}: ${stacked ? `${series[i]?.label} ` : ""}${formatNumber(v)}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + 33} className="chart__value">
                {formatNumber(sum(r.values))}
              </text>
            </g>
          );
        })}
      </svg>
      {table && (
        <button type="button" className="button button--small button--quiet chart__toggle" aria-expanded={showTable} aria-controls={`${id}-table`} onClick={() => setShowTable((v) => !v)}>
          {showTable ? t("chart.hideTable") : t("chart.showTable")}
          <span className="visually-hidden"> {title}</span>
        </button>
      )}
      {table && (
        <div id={`${id}-table`} hidden={!showTable} className="table-scroll" tabIndex={0} role="region" aria-label={t("chart.numbers", { title })}>
          <table className="counts chart__table">
            <thead>
              <tr>
                <th scope="col">{labelHead}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key} className="counts__num">
                    {s.label}
                  </th>
                ))}
                {stacked && (
                  <th scope="col" className="counts__num">
                    {t("chart.total")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  {series.map((s, i) => (
                    <td key={s.key} className="counts__num">
                      {formatNumber(r.values[i] ?? 0)}
                    </td>
                  ))}
                  {stacked && <td className="counts__num">{formatNumber(sum(r.values))}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
