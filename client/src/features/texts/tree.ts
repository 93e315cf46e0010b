// Walking the unit tree the reading view receives: find a unit and its ancestors, label it as printed.
import type { TextUnit } from "./api.ts";

export function findUnit<U extends TextUnit>(units: U[], eId: string, ancestors: U[] = []): { unit: U; ancestors: U[] } | null {
  for (const u of units) {
    if (u.eId === eId) return { unit: u, ancestors };
    const found = findUnit(u.children as U[], eId, [...ancestors, u]);
    if (found) return found;
  }
  return null;
}

export function flatten<U extends TextUnit>(units: U[]): U[] {
  return units.flatMap((u) => [u, ...flatten(u.children as U[])]);
}

const CITED_IN_BRACKETS = new Set(["paragraph", "point"]);
const CITABLE = new Set(["article", "paragraph", "point", "recital"]);

/**
 * How a unit is cited, as officials do: "Article 7(4)(a)" from the numbers as printed ("Article 7", "4.",
 * "(a)"). Chapters, sections and titles go by their number and heading. Falls back to the eId.
 */
export function unitLabel(unit: TextUnit, ancestors: TextUnit[]): string {
  if (!CITABLE.has(unit.kind)) return [unit.num, unit.heading].filter(Boolean).join(" ") || unit.eId;
  let label = "";
  for (const u of [...ancestors, unit].filter((x) => CITABLE.has(x.kind) && x.num)) {
    const num = u.num!.trim();
    label += label && CITED_IN_BRACKETS.has(u.kind) ? `(${num.replace(/[().]/g, "")})` : `${label ? " " : ""}${num}`;
  }
  return label || unit.heading || unit.eId;
}
