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
  proposedText: string;
  /** Who the revision is attributed to in Word (an organisation, or a category under Chatham House). */
  author: string;
  createdAt: Date;
}

/** The unit's text with one amendment as revisions: unchanged words, w:del for the old, w:ins for the new. */
function trackedRuns(text: string, a: TrackedAmendment, revision: () => number): ParagraphChild[] {
  const words = wordsOf(text);
  const start = a.spanStart ?? 0;
  const end = a.spanEnd ?? words.length;
  const meta = () => ({ id: revision(), author: a.author, date: a.createdAt.toISOString() });
  const before = words.slice(0, start).join(" ");
  const removed = words.slice(start, end).join(" ");
  const after = words.slice(end).join(" ");
  const runs: ParagraphChild[] = [];
  if (before) runs.push(new TextRun(before + " "));
  if (removed) runs.push(new DeletedTextRun({ ...meta(), text: removed }));
  if (a.kind === "replace" && a.proposedText) runs.push(new InsertedTextRun({ ...meta(), text: (removed ? " " : "") + a.proposedText }));
  if (after) runs.push(new TextRun(" " + after));
  return runs;
}

const label = (u: TextUnitNode) => [u.num, u.heading].filter(Boolean).join(" — ");

export async function toTrackedDocx(title: string, version: number, units: TextUnitNode[], amendments: TrackedAmendment[]): Promise<Buffer> {
  let nextRevision = 1;
  const revision = () => nextRevision++;
  const byUnit = new Map<string, TrackedAmendment[]>();
  for (const a of [...amendments].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())) byUnit.set(a.eId, [...(byUnit.get(a.eId) ?? []), a]);
  const paragraphs: Paragraph[] = [new Paragraph({ text: `${title} (version ${version})`, heading: HeadingLevel.TITLE })];
  const walk = (nodes: TextUnitNode[]) => {
    for (const u of nodes) {
      const structural = ["title", "recitals", "chapter", "section", "article"].includes(u.kind);
      if (structural) paragraphs.push(new Paragraph({ text: label(u), heading: u.kind === "article" ? HeadingLevel.HEADING_3 : u.kind === "section" ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1 }));
      const list = byUnit.get(u.eId) ?? [];
      const inline = list.find((a) => a.kind !== "insert_after");
      const prefix = !structural && u.num ? [new TextRun(`${u.num} `)] : [];
      if (u.text || inline) paragraphs.push(new Paragraph({ children: [...prefix, ...(inline ? trackedRuns(u.text, inline, revision) : [new TextRun(u.text)])] }));
      // Competing amendments to the same words: each further one as its own tracked copy of the unit.
      for (const other of list.filter((a) => a.kind !== "insert_after" && a !== inline)) {
        paragraphs.push(new Paragraph({ children: [new TextRun({ text: `Alternative (${other.author}): `, italics: true }), ...trackedRuns(u.text, other, revision)] }));
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
