// Turns a flat run of blocks (headings and paragraphs, as Markdown, HTML and DOCX all reduce to) into
// the unit tree. The convention is the one printed in EU legislation, documented in the README:
// "Article 7 — Heading", "CHAPTER II", "SECTION 1", "TITLE I", a "Recitals" heading, then numbered
// blocks "4. ..." (paragraphs), "(b) ..." (points) and, among the recitals, "(12) ..." (recitals).
import type { ImportedText, TextUnitKind, TextUnitNode } from "../../../shared/schemas/texts.ts";
import { childEId, numberToken } from "./eid.ts";

export interface Block {
  /** Headings can only open a division (or name one); paragraphs can also be numbered units or text. */
  heading: boolean;
  text: string;
  /** A number the source's list markup gave (an HTML <ol>), printed like "4." or "(b)"; null if none. */
  listNum?: string | null;
}

// Numbers are Arabic or upper-case Roman, with an optional letter suffix ("7a", "IIa"); the separator
// before a heading on the same line is a dash, a colon or a full stop.
const DIVISION = /^(TITLE|Title|CHAPTER|Chapter|SECTION|Section|ARTICLE|Article)\s+([0-9]+[a-z]{0,2}|[IVXLCDM]+[a-z]{0,2})(?![A-Za-z0-9])\s*([—–:.-]\s*)?(.*)$/;
const RECITALS = /^(recitals|whereas:?)$/i;
const NUMBERED_PARAGRAPH = /^([0-9]+[a-z]*)\.\s+([\s\S]*)$/;
const POINT = /^\(([a-z]{1,3}|[0-9]+)\)\s+([\s\S]*)$/;

const KIND_OF: Record<string, TextUnitKind> = { title: "title", chapter: "chapter", section: "section", article: "article" };
/** How deep each division sits: a chapter closes the section and article before it, and so on. */
const RANK: Record<string, number> = { title: 1, recitals: 1, chapter: 2, section: 3, article: 4, recital: 5, paragraph: 5, point: 6 };

export const normaliseSpace = (s: string) => s.replace(/\s+/g, " ").trim();

const DIVISIONS = new Set<TextUnitKind>(["title", "chapter", "section", "article"]);

export function recogniseBlocks(blocks: Block[]): ImportedText {
  const roots: TextUnitNode[] = [];
  const warnings: string[] = [];
  /** The open divisions, outermost first. */
  const stack: { node: TextUnitNode; rank: number }[] = [];
  const seen = new Set<string>();

  const openUnit = (kind: TextUnitKind, token: string | null, num: string | null, heading: string | null, text: string) => {
    const rank = RANK[kind]!;
    // Recitals precede the enacting terms; a division closes them rather than nesting inside.
    const recitalsAt = stack.findIndex((s) => s.node.kind === "recitals");
    if (DIVISIONS.has(kind) && recitalsAt >= 0) stack.length = recitalsAt;
    while (stack.length && stack.at(-1)!.rank >= rank) stack.pop();
    const parent = stack.at(-1)?.node ?? null;
    const siblings = parent ? parent.children : roots;
    const ordinal = siblings.filter((s) => s.kind === kind).length + 1;
    const eId = childEId(parent?.eId ?? null, kind, token ?? String(ordinal));
    if (seen.has(eId)) warnings.push(`Two units would have the identifier ${eId}; the second was numbered again.`);
    let unique = eId;
    for (let n = 2; seen.has(unique); n++) unique = `${eId}_${n}`;
    seen.add(unique);
    const node: TextUnitNode = { kind, eId: unique, num, heading, text, children: [] };
    siblings.push(node);
    stack.push({ node, rank });
    return node;
  };
  const innermost = (...kinds: TextUnitKind[]) => [...stack].reverse().find((s) => kinds.includes(s.node.kind))?.node ?? null;

  for (const raw of blocks) {
    const text = normaliseSpace(raw.text);
    if (!text) continue;
    const division = DIVISION.exec(text);
    // In a paragraph block, "Article 7 applies..." is prose: only a bare number or one with a separator is a division.
    if (division && (raw.heading || !division[4] || division[3])) {
      const [, word, token, , rest] = division;
      const kind = KIND_OF[word!.toLowerCase()]!;
      // The number as printed, in the source's capitalisation ("CHAPTER II", "Article 7").
      openUnit(kind, numberToken(token!), `${word} ${token}`, rest ? rest : null, "");
      continue;
    }
    if (raw.heading && RECITALS.test(text)) {
      openUnit("recitals", null, null, text, "");
      continue;
    }
    if (raw.heading) {
      // A heading on its own line under "Article 7" names it; anywhere else it is not a unit.
      const top = stack.at(-1)?.node;
      if (top && ["title", "chapter", "section", "article"].includes(top.kind) && !top.heading && top.children.length === 0) top.heading = text;
      else warnings.push(`Heading not recognised as a unit and left out: "${text.slice(0, 80)}"`);
      continue;
    }
    const listed = raw.listNum ? `${raw.listNum} ${text}` : text;
    const recitals = innermost("recitals");
    const article = innermost("article");
    const numbered = NUMBERED_PARAGRAPH.exec(listed);
    const point = POINT.exec(listed);
    if (recitals && !article) {
      const recital = point && /^[0-9]+$/.test(point[1]!) ? point : null;
      if (recital) openUnit("recital", recital[1]!, `(${recital[1]})`, null, normaliseSpace(recital[2]!));
      else warnings.push(`Text among the recitals without a recital number "(n)", left out: "${text.slice(0, 80)}"`);
      continue;
    }
    if (!article) {
      warnings.push(`Text outside any article, left out: "${text.slice(0, 80)}"`);
      continue;
    }
    if (numbered) {
      while (stack.at(-1)!.node !== article) stack.pop();
      openUnit("paragraph", numbered[1]!, `${numbered[1]}.`, null, normaliseSpace(numbered[2]!));
      continue;
    }
    if (point && /^[a-z]+$/.test(point[1]!)) {
      while (stack.at(-1)!.node.kind === "point") stack.pop();
      openUnit("point", point[1]!, `(${point[1]})`, null, normaliseSpace(point[2]!));
      continue;
    }
    const numberedParagraphs = article.children.some((c) => c.kind === "paragraph" && c.num);
    if (numberedParagraphs) {
      // Text after the points of a numbered paragraph continues that paragraph (its closing words).
      const paragraph = innermost("paragraph")!;
      paragraph.text = paragraph.text ? `${paragraph.text}\n${text}` : text;
      continue;
    }
    while (stack.at(-1)!.node !== article) stack.pop();
    openUnit("paragraph", null, null, null, text);
  }
  return { units: roots, warnings };
}
