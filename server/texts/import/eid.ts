// Akoma Ntoso-style identifiers. Articles, chapters, titles and recitals are numbered across the whole
// document, so their eId stands alone ("art_7", "chp_II", "rec_12"): an article moved to another chapter
// keeps its eId and is matched across versions. Sections are numbered within their chapter, paragraphs
// within their article and points within their paragraph, so those carry their parent's eId as prefix.
import type { TextUnitKind } from "../../../shared/schemas/texts.ts";

export const EID_PREFIX: Record<TextUnitKind, string> = {
  title: "title",
  recitals: "recs",
  recital: "rec",
  chapter: "chp",
  section: "sec",
  article: "art",
  paragraph: "para",
  point: "point",
};

/** "7" stays "7", "IIa" stays "IIa"; anything else in a number becomes "_" (eIds are [A-Za-z0-9_]). */
export function numberToken(printed: string): string {
  return printed.replace(/^[(\s]+|[).\s]+$/g, "").replace(/[^A-Za-z0-9]+/g, "_") || "1";
}

const STANDALONE = new Set<TextUnitKind>(["title", "chapter", "article", "recital", "recitals"]);

export function childEId(parentEId: string | null, kind: TextUnitKind, token: string): string {
  if (kind === "recitals") return "recs";
  const own = `${EID_PREFIX[kind]}_${numberToken(token)}`;
  return STANDALONE.has(kind) || !parentEId ? own : `${parentEId}__${own}`;
}
