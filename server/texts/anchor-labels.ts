// How an anchor names its unit to readers: "Article 7(4)(a)", cited as the report and positions cite it
// (cite.ts), from the unit as printed in the version the thread was started on; the eId if it is not there.
import type { Tx } from "../db/index.ts";
import { citation, type CitableRow } from "./cite.ts";

type Anchored = { documentId: string; eId: string; versionNumber: number };
export const anchorLabelKey = (a: Anchored) => `${a.versionNumber}:${a.eId}`;

/** Labels of the anchors of one document, keyed by anchorLabelKey; one query for all their versions. */
export async function anchorLabels(db: Tx, documentId: string, anchors: Anchored[]): Promise<Map<string, string>> {
  const versions = [...new Set(anchors.map((a) => a.versionNumber))];
  if (!versions.length) return new Map();
  // Whole versions, not only the anchored units: a citation walks up to the unit's article.
  const rows = await db.textUnit.findMany({
    where: { documentId, version: { number: { in: versions } } },
    select: { eId: true, parentEId: true, kind: true, num: true, heading: true, version: { select: { number: true } } },
  });
  const byVersion = new Map<number, Map<string, CitableRow>>();
  for (const r of rows) {
    const units = byVersion.get(r.version.number) ?? new Map<string, CitableRow>();
    units.set(r.eId, r);
    byVersion.set(r.version.number, units);
  }
  const labels = new Map<string, string>();
  for (const a of anchors) {
    const units = byVersion.get(a.versionNumber);
    const unit = units?.get(a.eId);
    labels.set(anchorLabelKey(a), unit && units ? citation(unit, units) : a.eId);
  }
  return labels;
}
