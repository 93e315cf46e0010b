// A horizontal (optionally stacked) bar chart drawn as inline SVG: no chart library. The SVG is an
// image with a <title> and a <desc> that says what it shows; the exact numbers are in the table
// beside it, which is what screen readers and people who want figures read. Colour is never the only
// cue: every series is named in the legend and in the table, and each segment has its own tooltip.
import { useId } from "react";

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
  const id = useId();
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
          {description} {rows.map((r) => `${r.label}: ${stacked ? series.map((s, i) => `${s.label} ${r.values[i] ?? 0}`).join(", ") : (r.values[0] ?? 0)}.`).join(" ")}
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
                    <title>{`${r.label}: ${stacked ? `${series[i]?.label} ` : ""}${v}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + 33} className="chart__value">
                {sum(r.values)}
              </text>
            </g>
          );
        })}
      </svg>
      {table && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}: the numbers`}>
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
                    Total
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
                      {r.values[i] ?? 0}
                    </td>
                  ))}
                  {stacked && <td className="counts__num">{sum(r.values)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
