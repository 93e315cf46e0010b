// Akoma Ntoso XML (a subset: title, recitals, recital, chapter, section, article, paragraph, point) to
// the unit tree. A unit's eId is taken from the file when it has one, and computed otherwise; its text
// is its <content> (or <intro> and <wrapUp> around a list of points, joined by a line break).
// Subparagraphs (Commission files write <paragraph><subparagraph><content>) are lines of their
// paragraph's text, as our export writes them as <alinea>s: a subparagraph is not addressable on its own
// here (no anchor, no amendment), so making it a unit would add eIds our other formats never produce.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { ImportedText, TextUnitKind, TextUnitNode } from "../../../shared/schemas/texts.ts";
import { childEId, numberToken } from "./eid.ts";
import { normaliseSpace } from "./recognise.ts";

/** fast-xml-parser's ordered form: one key (the element name) holding children, and ":@" attributes. */
type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const UNIT_KINDS = new Set<TextUnitKind>(["title", "recitals", "recital", "chapter", "section", "article", "paragraph", "point"]);
/** Elements whose text is the unit's own text; intro and wrapUp surround a list of points. */
const TEXT_PARTS = new Set(["content", "intro", "wrapUp", "alinea", "p"]);
/** Block elements: their text is separated from what surrounds it (inline ones, <b> or <ref>, are not). */
const BLOCK_ELEMENTS = new Set(["p", "content", "intro", "wrapUp", "alinea", "list", "blockList", "item", "subparagraph"]);

/** Document metadata, not text of the act: the title is entered with the form. */
const METADATA = new Set(["meta", "preface"]);
const MAX_IGNORED_WARNINGS = 10;

const nameOf = (n: OrderedNode) => Object.keys(n).find((k) => k !== ":@")!;
const childrenOf = (n: OrderedNode) => (n[nameOf(n)] as OrderedNode[] | undefined) ?? [];

function textOf(nodes: OrderedNode[]): string {
  return nodes
    .map((n) => {
      const name = nameOf(n);
      if (name === "#text") return String(n[name]);
      // Block children (<p>) are separated by a space, like the blocks of the other formats.
      return BLOCK_ELEMENTS.has(name) ? ` ${textOf(childrenOf(n))} ` : textOf(childrenOf(n));
    })
    .join("");
}

/** A unit's own text parts, in order: direct ones, and those inside its subparagraphs and lists of points. */
function ownTextParts(children: OrderedNode[]): OrderedNode[] {
  return children.flatMap((c) => {
    const name = nameOf(c);
    if (TEXT_PARTS.has(name)) return [c];
    return name === "list" || name === "subparagraph" ? ownTextParts(childrenOf(c)) : [];
  });
}

export function importAkomaNtoso(xml: string): ImportedText {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { units: [], warnings: [`The XML is not well-formed: ${valid.err.msg} (line ${valid.err.line}).`] };
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", removeNSPrefix: true, trimValues: false, processEntities: true, parseTagValue: false, parseAttributeValue: false });
  const doc = parser.parse(xml) as OrderedNode[];
  const warnings: string[] = [];
  const seen = new Set<string>();
  // Text the tree does not hold is said in the preview, once per element, rather than dropped silently.
  const ignored: string[] = [];
  const ignore = (where: string, text: string) => {
    const t = normaliseSpace(text);
    if (t) ignored.push(`Text in <${where}> is not part of any unit and was left out: "${t.slice(0, 80)}"`);
  };

  /** `container` names the element holding `nodes` (for warnings); `owned`: a unit reads their text parts. */
  const unitsIn = (nodes: OrderedNode[], parentEId: string | null, container: string | null, owned: boolean): TextUnitNode[] => {
    const out: TextUnitNode[] = [];
    const counts = new Map<string, number>();
    for (const node of nodes) {
      const name = nameOf(node);
      if (name === "#text") {
        if (container) ignore(container, String(node[name]));
        continue;
      }
      if (METADATA.has(name) || name.startsWith("?")) continue;
      if (!UNIT_KINDS.has(name as TextUnitKind)) {
        // A unit reads its own text parts, num and heading; met anywhere else, their text has no unit.
        if (TEXT_PARTS.has(name) || name === "num" || name === "heading") {
          if (!owned) ignore(container ? `${name}> in <${container}` : name, textOf(childrenOf(node)));
          continue;
        }
        // Containers (act, body, preamble, list, subparagraph, mainBody, …) are transparent.
        out.push(...unitsIn(childrenOf(node), parentEId, name, owned && (name === "list" || name === "subparagraph")));
        continue;
      }
      const kind = name as TextUnitKind;
      const children = childrenOf(node);
      const part = (el: string) => children.filter((c) => nameOf(c) === el);
      const numText = part("num").length ? normaliseSpace(textOf(childrenOf(part("num")[0]!))) : null;
      const heading = part("heading").length ? normaliseSpace(textOf(childrenOf(part("heading")[0]!))) : null;
      const ordinal = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, ordinal);
      const token = numText ? numberToken(numText.replace(/^(title|chapter|section|article)\s+/i, "")) : String(ordinal);
      const eId = node[":@"]?.eId ?? childEId(parentEId, kind, token);
      if (seen.has(eId)) warnings.push(`The identifier ${eId} appears twice; the second unit was left out.`);
      else {
        seen.add(eId);
        // Its own text: direct parts, its subparagraphs', and the intro and wrapUp of a list of points it holds.
        const text = ownTextParts(children)
          .map((c) => normaliseSpace(textOf(childrenOf(c))))
          .filter(Boolean)
          .join("\n");
        out.push({ kind, eId, num: numText || null, heading: heading || null, text, children: unitsIn(children, eId, kind, true) });
      }
    }
    return out;
  };
  const units = unitsIn(doc, null, null, false);
  warnings.push(...ignored.slice(0, MAX_IGNORED_WARNINGS));
  if (ignored.length > MAX_IGNORED_WARNINGS) warnings.push(`And ${ignored.length - MAX_IGNORED_WARNINGS} more elements whose text was left out.`);
  if (!units.length) warnings.push("No units found: expected <article>, <chapter>, <recitals> and the like inside <akomaNtoso>.");
  return { units, warnings };
}
