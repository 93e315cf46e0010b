// A version of a text as files: Akoma Ntoso XML (the subset the importer reads, so it round-trips), and a
// DOCX with amendments as Word tracked changes (w:ins / w:del revisions) that officials open in Word.
import { Document, DeletedTextRun, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun, type ParagraphChild } from "docx";
import { wordsOf, type TextUnitNode } from "../../shared/schemas/texts.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function aknUnit(u: TextUnitNode, indent: string): string {
  const inner = indent + "  ";
  const parts: string[] = [];
  if (u.num) parts.push(`${inner}<num>${esc(u.num)}</num>`);
  if (u.heading) parts.push(`${inner}<heading>${esc(u.heading)}</heading>`);
  const [intro, ...rest] = u.text ? u.text.split("\n") : [];
  const children = u.children.map((c) => aknUnit(c, u.children.length && u.kind === "paragraph" ? inner + "  " : inner));
  if (u.kind === "paragraph" && u.children.length) {
    // A chapeau and closing words around the points, as Akoma Ntoso writes them.
    parts.push(`${inner}<list>`);
    if (intro) parts.push(`${inner}  <intro><p>${esc(intro)}</p></intro>`);
    parts.push(...children);
    if (rest.length) parts.push(`${inner}  <wrapUp><p>${esc(rest.join("\n"))}</p></wrapUp>`);
    parts.push(`${inner}</list>`);
  } else {
    if (u.text.includes("\n")) {
      // Several lines (a paragraph's closing words): one alinea each, read back joined by line breaks.
      parts.push(...u.text.split("\n").map((line) => `${inner}<alinea><content><p>${esc(line)}</p></content></alinea>`));
    } else if (u.text) parts.push(u.kind === "recital" ? `${inner}<p>${esc(u.text)}</p>` : `${inner}<content><p>${esc(u.text)}</p></content>`);
    parts.push(...children);
  }
  return `${indent}<${u.kind} eId="${esc(u.eId)}">\n${parts.join("\n")}\n${indent}</${u.kind}>`;
}

export function toAkomaNtoso(title: string, version: number, units: TextUnitNode[]): string {
  const preamble = units.filter((u) => u.kind === "recitals");
  const body = units.filter((u) => u.kind !== "recitals");
  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="draft">
    <preface><p class="title"><docTitle>${esc(title)}</docTitle> (version ${version})</p></preface>
${preamble.length ? `    <preamble>\n${preamble.map((u) => aknUnit(u, "      ")).join("\n")}\n    </preamble>\n` : ""}    <body>
${body.map((u) => aknUnit(u, "      ")).join("\n")}
    </body>
  </act>
</akomaNtoso>
`;
}

export interface TrackedAmendment {
  id: string;
  eId: string;
  kind: "replace" | "delete" | "insert_after";
  spanStart: number | null;
  spanEnd: number | null;
  /** The words replaced or deleted, as they read on the version the amendment was written against. */
  quote: string;
  proposedText: string;
  /** Who the revision is attributed to in Word (an organisation, or a category under Chatham House). */
  author: string;
  createdAt: Date;
  /** Set when the unit's words changed since the version the amendment was written on (its number). */
  textChangedSince: number | null;
}

type Inline = TrackedAmendment & { start: number; end: number };
const spanOf = (a: TrackedAmendment, words: string[]): Inline => ({ ...a, start: a.spanStart ?? 0, end: a.spanEnd ?? words.length });
/** Word spans are end-exclusive; two amendments overlap when they share a word (or start at the same one). */
const overlaps = (x: Inline, y: Inline) => (x.start < y.end && y.start < x.end) || x.start === y.start;

/**
 * Which of a unit's amendments go into its paragraph as revisions: in the order they were proposed, each
 * one whose words no earlier inline one touches. The rest are listed after it: overlapping ones as
 * alternatives, and those written on a version whose words have changed since (their word offsets point
 * into other words, so applying them to the new text would change the wrong words).
 */
export function planUnit(text: string, amendments: TrackedAmendment[]) {
  const words = wordsOf(text);
  const inline: Inline[] = [];
  const overlapping: TrackedAmendment[] = [];
  const changed: TrackedAmendment[] = [];
  for (const a of amendments) {
    if (a.kind === "insert_after") continue;
    if (a.textChangedSince !== null) changed.push(a);
    else {
      const span = spanOf(a, words);
      if (inline.some((b) => overlaps(b, span))) overlapping.push(a);
      else inline.push(span);
    }
  }
  return { inline: inline.sort((x, y) => x.start - y.start), overlapping, changed };
}

/** The unit's text with its non-overlapping amendments as revisions: unchanged words, w:del for the old, w:ins for the new. */
function trackedRuns(text: string, applied: Inline[], revision: () => number): ParagraphChild[] {
  const words = wordsOf(text);
  const runs: ParagraphChild[] = [];
  let at = 0;
  for (const a of applied) {
    const meta = () => ({ id: revision(), author: a.author, date: a.createdAt.toISOString() });
    // The spaces between words stay outside the revisions, so Word shows only the words as changed.
    const kept = words.slice(at, a.start).join(" ");
    if (kept || runs.length) runs.push(new TextRun(`${runs.length ? " " : ""}${kept}${kept ? " " : ""}`));
    const removed = words.slice(a.start, a.end).join(" ");
    if (removed) runs.push(new DeletedTextRun({ ...meta(), text: removed }));
    if (a.kind === "replace" && a.proposedText) runs.push(new InsertedTextRun({ ...meta(), text: (removed ? " " : "") + a.proposedText }));
    at = Math.max(at, a.end);
  }
  const rest = words.slice(at).join(" ");
  if (rest) runs.push(new TextRun((runs.length ? " " : "") + rest));
  return runs;
}

const label = (u: TextUnitNode) => [u.num, u.heading].filter(Boolean).join(" — ");

export async function toTrackedDocx(title: string, version: number, units: TextUnitNode[], amendments: TrackedAmendment[]): Promise<Buffer> {
  let nextRevision = 1;
  const revision = () => nextRevision++;
  const byUnit = new Map<string, TrackedAmendment[]>();
  for (const a of [...amendments].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())) byUnit.set(a.eId, [...(byUnit.get(a.eId) ?? []), a]);
  const paragraphs: Paragraph[] = [new Paragraph({ text: `${title} (version ${version})`, heading: HeadingLevel.TITLE })];
  const note = (text: string) => new TextRun({ text, italics: true });
  const walk = (nodes: TextUnitNode[]) => {
    for (const u of nodes) {
      const structural = ["title", "recitals", "chapter", "section", "article"].includes(u.kind);
      if (structural) paragraphs.push(new Paragraph({ text: label(u), heading: u.kind === "article" ? HeadingLevel.HEADING_3 : u.kind === "section" ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1 }));
      const list = byUnit.get(u.eId) ?? [];
      const { inline, overlapping, changed } = planUnit(u.text, list);
      const prefix = !structural && u.num ? [new TextRun(`${u.num} `)] : [];
      if (u.text || inline.length) paragraphs.push(new Paragraph({ children: [...prefix, ...(inline.length ? trackedRuns(u.text, inline, revision) : [new TextRun(u.text)])] }));
      // Competing amendments to the same words: each further one as its own tracked copy of the unit.
      for (const other of overlapping) {
        paragraphs.push(new Paragraph({ children: [note(`Alternative (${other.author}), overlapping an amendment shown above: `), ...trackedRuns(u.text, [spanOf(other, wordsOf(u.text))], revision)] }));
      }
      // Written on an older wording: described in plain words, never as revisions of the new text.
      for (const old of changed) {
        const change = old.kind === "delete" ? `delete “${old.quote}”` : `replace “${old.quote}” with “${old.proposedText}”`;
        paragraphs.push(new Paragraph({ children: [note(`Not applied, the text changed since version ${old.textChangedSince} (${old.author}): `), new TextRun(`proposed to ${change}.`)] }));
      }
      walk(u.children);
      for (const insertion of list.filter((a) => a.kind === "insert_after")) {
        paragraphs.push(new Paragraph({ children: [new InsertedTextRun({ id: revision(), author: insertion.author, date: insertion.createdAt.toISOString(), text: insertion.proposedText })] }));
      }
    }
  };
  walk(units);
  return Packer.toBuffer(new Document({ title, sections: [{ children: paragraphs }] }));
}
