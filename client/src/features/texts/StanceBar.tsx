// How each stakeholder category stands on a unit: per category, a bar of its stances for, mixed and
// against (server/texts/reading.ts STANCE_RULE; the rule is explained under "Where each article stands").
// Not by colour alone: the parts differ by pattern too, each line shows its numbers as +, ~ and −, and
// screen readers get the same numbers in words (the bars and symbols are hidden from them).
import { useTranslation } from "react-i18next";
import { STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import { formatNumber } from "../../lib/format.ts";
import type { CategoryCounts, UnitCounts } from "./api.ts";

const PARTS = ["support", "mixed", "oppose"] as const;
const stancesOf = (c: CategoryCounts | undefined) => (c ? c.support + c.mixed + c.oppose : 0);

export function StanceBar({ counts }: { counts: UnitCounts }) {
  const { t } = useTranslation("text-stances");
  const present = STAKEHOLDER_CATEGORIES.filter((c) => stancesOf(counts.byCategory[c]) > 0);
  if (present.length === 0) return null;
  const numbers = (n: CategoryCounts) => ({ support: formatNumber(n.support), mixed: formatNumber(n.mixed), oppose: formatNumber(n.oppose) });
  return (
    <ul className="stance-bar" data-testid="stance-bar" aria-label={t("bar.label")}>
      {present.map((c) => {
        const n = counts.byCategory[c]!;
        const line = t("bar.line", { category: t(`vocabulary:category.${c}`), ...numbers(n) });
        return (
          <li key={c} className="stance-bar__row" data-category={c} title={line}>
            <span className="visually-hidden">{line}</span>
            <span className="stance-bar__category" aria-hidden="true">
              {t(`short.${c}`)}
            </span>
            <span className="stance-bar__track" aria-hidden="true">
              {PARTS.filter((p) => n[p] > 0).map((p) => (
                <span key={p} className={`stance-bar__part stance-bar__part--${p}`} style={{ flexGrow: n[p] / stancesOf(n) }} />
              ))}
            </span>
            <span className="stance-bar__numbers" aria-hidden="true">
              {t("bar.compact", numbers(n))}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
