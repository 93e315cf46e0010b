// Two versions of a document compared unit by unit: units are matched by eId; a matched unit is
// "changed" when its number, heading or text differs, "moved" when its parent changed or its place among
// the siblings present in both versions did. Texts are compared word by word (the `diff` package).
import { diffWords } from "diff";
import type { DiffPart, UnitChange } from "../../shared/schemas/texts.ts";
import type { FlatUnit } from "./tree.ts";

export function wordDiff(from: string, to: string): DiffPart[] {
  return diffWords(from, to).map((c) => ({ op: c.added ? "insert" : c.removed ? "delete" : "equal", text: c.value }));
}

export interface UnitComparison {
  eId: string;
  kind: FlatUnit["kind"];
  change: UnitChange;
  from: Pick<FlatUnit, "num" | "heading" | "text" | "parentEId"> | null;
  to: Pick<FlatUnit, "num" | "heading" | "text" | "parentEId"> | null;
  /** The text, word by word, from the older to the newer version (empty for added or removed units). */
  diff: DiffPart[];
  headingDiff: DiffPart[];
}

/** Each parent's children among `common`, in that version's order: a unit's rank among them. */
function ranksAmongCommon(rows: FlatUnit[], common: Set<string>): Map<string, number> {
  const seenPerParent = new Map<string, number>();
  const rank = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => a.ordinal - b.ordinal)) {
    if (!common.has(r.eId)) continue;
    const key = r.parentEId ?? "";
    const n = seenPerParent.get(key) ?? 0;
    rank.set(r.eId, n);
    seenPerParent.set(key, n + 1);
  }
  return rank;
}

const pick = (u: FlatUnit) => ({ num: u.num, heading: u.heading, text: u.text, parentEId: u.parentEId });

/** Every unit of either version, in the newer version's order with removed ones after their old predecessor. */
export function compareVersions(fromRows: FlatUnit[], toRows: FlatUnit[]): UnitComparison[] {
  const from = new Map(fromRows.map((u) => [u.eId, u]));
  const to = new Map(toRows.map((u) => [u.eId, u]));
  // Ranks count only siblings that stayed under the same parent, so a unit moving in or out of a
  // parent does not make its new or old siblings look moved.
  const stayed = new Set([...from.keys()].filter((e) => to.has(e) && to.get(e)!.parentEId === from.get(e)!.parentEId));
  const fromRank = ranksAmongCommon(fromRows, stayed);
  const toRank = ranksAmongCommon(toRows, stayed);
  const compare = (eId: string): UnitComparison => {
    const a = from.get(eId);
    const b = to.get(eId);
    if (!a) return { eId, kind: b!.kind, change: "added", from: null, to: pick(b!), diff: [], headingDiff: [] };
    if (!b) return { eId, kind: a.kind, change: "removed", from: pick(a), to: null, diff: [], headingDiff: [] };
    const changed = a.text !== b.text || a.heading !== b.heading || a.num !== b.num;
    const moved = a.parentEId !== b.parentEId || fromRank.get(eId) !== toRank.get(eId);
    const change: UnitChange = changed && moved ? "moved_and_changed" : changed ? "changed" : moved ? "moved" : "unchanged";
    return {
      eId,
      kind: b.kind,
      change,
      from: pick(a),
      to: pick(b),
      diff: a.text === b.text ? [] : wordDiff(a.text, b.text),
      headingDiff: a.heading === b.heading ? [] : wordDiff(a.heading ?? "", b.heading ?? ""),
    };
  };
  // The newer order, with each removed unit placed after the unit that preceded it in the older version.
  const removedAfter = new Map<string, string[]>();
  let previous = "";
  for (const u of [...fromRows].sort((x, y) => x.ordinal - y.ordinal)) {
    if (!to.has(u.eId)) removedAfter.set(previous, [...(removedAfter.get(previous) ?? []), u.eId]);
    else previous = u.eId;
  }
  const order: string[] = [...(removedAfter.get("") ?? [])];
  for (const u of [...toRows].sort((x, y) => x.ordinal - y.ordinal)) order.push(u.eId, ...(removedAfter.get(u.eId) ?? []));
  return order.map(compare);
}
