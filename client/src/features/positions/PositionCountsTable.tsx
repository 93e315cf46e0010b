// Positions counted by stakeholder category x stance. Only categories with positions get a row,
// so the table stays compact; it scrolls sideways on its own on narrow screens.
import { useTranslation } from "react-i18next";
import { STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import { STANCES } from "../../../../shared/schemas/positions.ts";
import { formatNumber } from "../../lib/format.ts";
import type { PositionCounts } from "../../api/positions.ts";

export function totalPositions(counts: PositionCounts): number {
  return STAKEHOLDER_CATEGORIES.reduce((sum, cat) => sum + STANCES.reduce((s, st) => s + (counts[cat]?.[st] ?? 0), 0), 0);
}

export function PositionCountsTable({ counts, caption }: { counts: PositionCounts; caption: string }) {
  const { t } = useTranslation("positions");
  const rows = STAKEHOLDER_CATEGORIES.map((cat) => ({
    cat,
    cells: STANCES.map((st) => counts[cat]?.[st] ?? 0),
  })).filter((r) => r.cells.some((n) => n > 0));
  if (rows.length === 0) return <p className="counts-empty">{t("counts.none")}</p>;
  const columnTotals = STANCES.map((_, i) => rows.reduce((sum, r) => sum + r.cells[i]!, 0));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="counts">
        <caption className="counts__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("counts.category")}</th>
            {STANCES.map((st) => (
              <th scope="col" key={st} className="counts__num">
                {t(`vocabulary:stance.${st}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.cat}>
              <th scope="row">{t(`vocabulary:category.${r.cat}`)}</th>
              {r.cells.map((n, i) => (
                <td key={STANCES[i]} className={n === 0 ? "counts__num counts__num--zero" : "counts__num"}>
                  {formatNumber(n)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {rows.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row">{t("counts.all")}</th>
              {columnTotals.map((n, i) => (
                <td key={STANCES[i]} className="counts__num">
                  {formatNumber(n)}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
