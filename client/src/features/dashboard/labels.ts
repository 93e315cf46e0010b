// Words for the dashboard's figures.
import { CATEGORY_LABELS, STAKEHOLDER_CATEGORIES, type StakeholderCategory } from "../../../../shared/categories.ts";
import type { CategoryCounts } from "../../../../shared/schemas/exports.ts";
import type { ChartRow } from "./BarChart.tsx";

const regionNames = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en-GB"], { type: "region" }) : null;

/** "BE" -> "Belgium"; anything unknown stays as it is. */
export function countryLabel(code: string): string {
  try {
    return regionNames?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export const categoryLabel = (c: string) => CATEGORY_LABELS[c as StakeholderCategory] ?? c;

/** One row per category with a count above zero, in the usual category order. */
export function categoryRows(counts: CategoryCounts): ChartRow[] {
  return STAKEHOLDER_CATEGORIES.filter((c) => (counts[c] ?? 0) > 0).map((c) => ({ label: CATEGORY_LABELS[c], values: [counts[c] ?? 0] }));
}

/** One row per country, most first. */
export function countryRows(counts: Record<string, number>): ChartRow[] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => ({ label: countryLabel(code), values: [n] }));
}

export const shortHash = (hash: string) => hash.slice(0, 12);
