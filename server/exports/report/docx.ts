// The summary report as DOCX (the `docx` package, pure JavaScript). Charts are given by their tables.
//
// Deterministic: `docx` stamps its core properties with the current time, dates its ZIP entries "now" and
// names hyperlink relationships with random ids. The package is therefore re-packed: core dates set to
// the report's generation time, hyperlink relationships renamed in order (rIdLink1, rIdLink2, ...), and
// every ZIP entry dated at the generation time.
import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType, AlignmentType } from "docx";
import type { Block, Inline, ReportDocument } from "./document.ts";
import { readZip, zipToBuffer } from "../formats/zip.ts";

function runs(list: Inline[], opts: { size?: number; bold?: boolean } = {}) {
  return list
    .filter((r) => r.text.length > 0)
    .map((r) => {
      const run = new TextRun({ text: r.text, bold: r.bold || opts.bold, size: opts.size, ...(r.href ? { style: "Hyperlink" } : {}) });
      return r.href ? new ExternalHyperlink({ link: r.href, children: [run] }) : run;
    });
}

function table(b: Extract<Block, { type: "table" }>): Table {
  const cell = (content: Inline[], i: number, header: boolean) =>
    new TableCell({
      children: [new Paragraph({ alignment: b.numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT, children: runs(content, { size: 16, bold: header }) })],
      ...(header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "EEF2F6" } } : {}),
    });
  const rows = [
    ...(b.header.some(Boolean) ? [new TableRow({ tableHeader: true, children: b.header.map((h, i) => cell([{ text: h }], i, true)) })] : []),
    ...b.rows.map((row) => new TableRow({ children: row.map((c, i) => cell(c, i, false)) })),
  ];
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function block(b: Block): (Paragraph | Table)[] {
  switch (b.type) {
    case "heading":
      return [new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun(b.text)] })];
    case "paragraph":
      return [new Paragraph({ children: runs(b.runs, { size: b.small ? 16 : undefined }) })];
    case "list":
      return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
    case "table":
      return [table(b), new Paragraph({})];
    case "chart":
      return [];
  }
}

/** Rewrites what `docx` makes random or time-dependent (see the file comment). */
async function normalise(buffer: Buffer, generatedAt: string): Promise<Buffer> {
  const date = new Date(generatedAt);
  const stamp = `${date.toISOString().slice(0, 19)}Z`;
  const entries = await readZip(buffer);
  const rels = entries.find((e) => e.name === "word/_rels/document.xml.rels");
  const renames = new Map<string, string>();
  if (rels) {
    for (const m of rels.data.toString("utf8").matchAll(/<Relationship\b[^>]*>/g)) {
      const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
      if (id && /TargetMode="External"/.test(m[0]) && !renames.has(id)) renames.set(id, `rIdLink${renames.size + 1}`);
    }
  }
  const sources = entries.map((e) => {
    if (!e.name.endsWith(".xml") && !e.name.endsWith(".rels")) return { name: e.name, data: e.data };
    let xml = e.data.toString("utf8");
    if (e.name === "docProps/core.xml") {
      xml = xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    }
    if (renames.size) xml = xml.replace(/(\b(?:r:id|Id)=")([^"]+)(")/g, (m, a: string, id: string, z: string) => (renames.has(id) ? `${a}${renames.get(id)}${z}` : m));
    return { name: e.name, data: Buffer.from(xml, "utf8") };
  });
  return zipToBuffer(sources, date);
}

export async function renderDocx(report: ReportDocument, generatedAt: string): Promise<Buffer> {
  const doc = new Document({
    creator: "Roundtable",
    lastModifiedBy: "Roundtable",
    title: report.title,
    description: report.subtitle,
    styles: { default: { document: { run: { font: "Arial", size: 20 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
          new Paragraph({ children: [new TextRun({ text: report.subtitle, italics: true })] }),
          ...report.blocks.flatMap(block),
        ],
      },
    ],
  });
  return normalise(await Packer.toBuffer(doc), generatedAt);
}
