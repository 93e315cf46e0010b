// How a unit is cited: "Article 7(4)(a)" from the numbers as printed, as the reading view cites units
// (client/src/features/texts/tree.ts). Used by the report and by positions that cite units.
import type { TextUnitKind } from "../../shared/schemas/texts.ts";

export type CitableRow = { eId: string; parentEId: string | null; kind: TextUnitKind; num: string | null; heading: string | null };

export function citation(row: CitableRow, byEId: Map<string, CitableRow>): string {
  const chain: CitableRow[] = [];
  for (let r: CitableRow | undefined = row; r; r = r.parentEId ? byEId.get(r.parentEId) : undefined) chain.unshift(r);
  let label = "";
  for (const u of chain.filter((x) => ["article", "paragraph", "point", "recital"].includes(x.kind) && x.num)) {
    const num = u.num!.trim();
    label += label && (u.kind === "paragraph" || u.kind === "point") ? `(${num.replace(/[().]/g, "")})` : `${label ? " " : ""}${num}`;
  }
  return label || row.heading || row.eId;
}
