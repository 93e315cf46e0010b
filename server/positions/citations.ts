// The units of draft texts a position cites ("Article 7(4)"): checked against the current version of a
// text of the position's own consultation when written, listed with the position (POSITION_INCLUDE),
// counted per unit in the reading view. A text of another consultation is refused exactly like one that does not exist, so
// a citation can never be used to learn about a text the author cannot read.
import type { Tx } from "../db/index.ts";
import { errors } from "../http/errors.ts";
import type { TCitedUnit } from "../../shared/schemas/positions.ts";
import { citation, type CitableRow } from "../texts/cite.ts";

type CitationRow = { ordinal: number; documentId: string; eId: string; label: string };

/**
 * The citations to store, in the order given (duplicates dropped), each labelled as printed in the
 * current version; a 400 naming every unknown text or unit otherwise.
 */
export async function checkCitations(db: Tx, consultationId: string, cited: TCitedUnit[]): Promise<CitationRow[]> {
  const seen = new Set<string>();
  const wanted = cited.map((c, i) => ({ ...c, i })).filter((c) => !seen.has(`${c.textId}|${c.eId}`) && !!seen.add(`${c.textId}|${c.eId}`));
  if (!wanted.length) return [];
  const textIds = [...new Set(wanted.map((c) => c.textId))];
  const documents = await db.textDocument.findMany({
    where: { id: { in: textIds }, consultationId },
    select: { id: true, title: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } } },
  });
  const versionOf = new Map(documents.map((d) => [d.id, d.versions[0]?.id]));
  // Whole current versions (a few thousand small rows at most): a label needs the unit's ancestors.
  const units = await db.textUnit.findMany({
    where: { versionId: { in: [...versionOf.values()].filter((v): v is string => !!v) } },
    select: { versionId: true, eId: true, parentEId: true, kind: true, num: true, heading: true },
  });
  const byVersion = new Map<string, Map<string, CitableRow>>();
  for (const u of units) (byVersion.get(u.versionId) ?? byVersion.set(u.versionId, new Map()).get(u.versionId)!).set(u.eId, u);
  const problems: { path: string; message: string; what: string }[] = [];
  const rows: CitationRow[] = [];
  for (const c of wanted) {
    const versionId = versionOf.get(c.textId);
    if (!versionId) {
      problems.push({ path: `citedUnits.${c.i}.textId`, message: "is not a text of this consultation", what: `text ${c.textId}` });
      continue;
    }
    const byEId = byVersion.get(versionId) ?? new Map<string, CitableRow>();
    const unit = byEId.get(c.eId);
    if (!unit) {
      problems.push({ path: `citedUnits.${c.i}.eId`, message: "is not a unit of the text's current version", what: c.eId });
      continue;
    }
    rows.push({ ordinal: rows.length + 1, documentId: c.textId, eId: c.eId, label: citation(unit, byEId) });
  }
  if (problems.length) {
    throw errors.invalidInput(
      `Cited units not found in the current version of this consultation's texts: ${problems.map((p) => p.what).join(", ")}.`,
      problems.map(({ path, message }) => ({ path, message })),
    );
  }
  return rows;
}

/** Replaces a position's citations (publication or revision), in the caller's transaction. */
export async function writeCitations(db: Tx, positionId: string, rows: CitationRow[]) {
  await db.positionCitation.deleteMany({ where: { positionId } });
  if (rows.length) await db.positionCitation.createMany({ data: rows.map((r) => ({ ...r, positionId })) });
}
