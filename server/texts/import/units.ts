// The unit editor's tree (format "units"): the organiser edited numbers, headings and text, added units
// and removed some. Existing units keep their eId, so threads, amendments and the diff follow them; a
// new unit gets one by the importers' rule (eid.ts) from its number, or its place among its siblings.
import { EDITED_DEPTH_MAX, zEditedUnits, type ImportedText, type TEditedUnit, type TextUnitNode } from "../../../shared/schemas/texts.ts";
import { errors } from "../../http/errors.ts";
import { childEId, numberToken } from "./eid.ts";
import { normaliseSpace } from "./recognise.ts";

/** Nesting depth of parsed JSON, without recursion (a deep array must be a 400, not a stack overflow). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    max = Math.max(max, d);
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

function parseTree(content: string): TEditedUnit[] {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw errors.invalidInput("The edited units are not valid JSON.", [{ path: "content", message: "is not JSON" }]);
  }
  // A unit is two levels of JSON (the object, its children array), and the list one more.
  if (depthOf(json) > EDITED_DEPTH_MAX * 2 + 1) {
    throw errors.invalidInput(`Units nest at most ${EDITED_DEPTH_MAX} deep.`, [{ path: "content", message: `nests more than ${EDITED_DEPTH_MAX} units deep` }]);
  }
  const parsed = zEditedUnits.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 20).map((i) => ({ path: ["content", ...i.path].join("."), message: i.message }));
    throw errors.invalidInput("Some edited units are not valid.", details);
  }
  return parsed.data;
}

export function importEditedUnits(content: string): ImportedText {
  const tree = parseTree(content);
  const kept = new Set<string>();
  const duplicate: string[] = [];
  const collect = (units: TEditedUnit[]) => units.forEach((u) => (u.eId && (kept.has(u.eId) ? duplicate.push(u.eId) : kept.add(u.eId)), collect(u.children)));
  collect(tree);
  if (duplicate.length) throw errors.invalidInput(`Two units have the identifier ${duplicate[0]}.`, [{ path: "content", message: `holds ${duplicate[0]} twice` }]);

  const warnings: string[] = [];
  const seen = new Set(kept);
  const build = (units: TEditedUnit[], parentEId: string | null): TextUnitNode[] =>
    units.map((u, i) => {
      const num = u.num ? normaliseSpace(u.num) : null;
      let eId = u.eId;
      if (!eId) {
        const ordinal = units.slice(0, i + 1).filter((s) => s.kind === u.kind).length;
        const base = childEId(parentEId, u.kind, num ? numberToken(num.replace(/^(title|chapter|section|article)\s+/i, "")) : String(ordinal));
        eId = base;
        // A new unit numbered like one already there ("(c)" before the old "(c)" is renumbered) gets a suffix.
        for (let n = 2; seen.has(eId); n++) eId = `${base}_${n}`;
        if (eId !== base) warnings.push(`Two units would have the identifier ${base}; the new one was given ${eId}.`);
        seen.add(eId);
      }
      // Lines are kept (a paragraph's chapeau and closing words); spaces within a line are tidied as on import.
      const text = u.text.split("\n").map(normaliseSpace).filter(Boolean).join("\n");
      return { kind: u.kind, eId, num, heading: u.heading ? normaliseSpace(u.heading) || null : null, text, children: build(u.children, eId) };
    });
  return { units: build(tree, null), warnings };
}
