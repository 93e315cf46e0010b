// Words for the dashboard's figures.
import { STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import i18n from "../../i18n/index.ts";
import type { CategoryCounts } from "../../../../shared/schemas/exports.ts";
import type { ChartRow } from "./BarChart.tsx";

/** "BE" -> "Belgium" / "Belgique" / "Belgien" in the interface's language; anything unknown stays as it is. */
export function countryLabel(code: string): string {
  if (code.toUpperCase() === "EU") return i18n.t("dashboard:eu");
  try {
    return new Intl.DisplayNames([i18n.resolvedLanguage ?? "en"], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export const categoryLabel = (c: string) => (i18n.exists(`vocabulary:category.${c}`) ? i18n.t(`vocabulary:category.${c}`) : c);

/** One row per category with a count above zero, in the usual category order. */
export function categoryRows(counts: CategoryCounts): ChartRow[] {
  return STAKEHOLDER_CATEGORIES.filter((c) => (counts[c] ?? 0) > 0).map((c) => ({ label: categoryLabel(c), values: [counts[c] ?? 0] }));
}

/** One row per country, most first. */
export function countryRows(counts: Record<string, number>): ChartRow[] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => ({ label: countryLabel(code), values: [n] }));
}

export const shortHash = (hash: string) => hash.slice(0, 12);
