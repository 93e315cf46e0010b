// The summary report as PDF (pdfkit, pure JavaScript), in DejaVu Sans, embedded (subset) so that every
// European script renders: Greek, Cyrillic, Polish and Czech letters, not "?" as with the built-in
// Helvetica (Windows-1252 only). Tagged for screen readers as far as pdfkit allows: a structure tree with
// the title, headings, paragraphs, lists and tables (header cells marked), and the report's language.
// Deterministic: the document's dates are the report's generation time and its file ID is derived from
// them (pdfkit hashes the info dictionary), so the same data gives the same bytes.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Block, Inline, ReportDocument } from "./document.ts";
import { STANCE_COLOURS } from "./html.ts";

const require = createRequire(import.meta.url);
const FONT_FILES = {
  body: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
};
const BODY = "Body";
const BOLD = "Bold";

const LINK = "#0b4f9c";
const TEXT = "#1f2933";
const GRID = "#c7d2de";

type Doc = PDFKit.PDFDocument;
/** A structure element of the tagged PDF (pdfkit does not export its type). */
type Struct = ReturnType<Doc["struct"]>;
/** Where a piece of text goes in the structure tree, and as what. */
type Tag = { parent: Struct; type: string };

const tagged = (tag: Tag | undefined) => (tag ? ({ structParent: tag.parent, structType: tag.type } as PDFKit.Mixins.TextOptions) : {});

function runs(doc: Doc, list: Inline[], opts: { x?: number; y?: number; width: number; size: number; tag?: Tag }) {
  const parts = list.filter((r) => r.text.length > 0);
  if (parts.length === 0) return;
  parts.forEach((r, i) => {
    const style: PDFKit.Mixins.TextOptions = {
      width: opts.width,
      continued: i < parts.length - 1,
      link: r.href ?? null,
      underline: Boolean(r.href),
      ...tagged(opts.tag),
    };
    doc.font(r.bold ? BOLD : BODY).fontSize(opts.size).fillColor(r.href ? LINK : TEXT);
    if (i === 0 && opts.x !== undefined) doc.text(r.text, opts.x, opts.y, style);
    else doc.text(r.text, style);
  });
  doc.fillColor(TEXT);
}

const plain = (cell: Inline[]) => cell.map((r) => r.text).join("");

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** The widest single word of a text: a column narrower than that breaks the word in two. */
function widestWord(doc: Doc, text: string, font: string, size: number): number {
  doc.font(font).fontSize(size);
  return Math.max(0, ...text.split(/\s+/).filter(Boolean).map((w) => doc.widthOfString(w)));
}

function table(doc: Doc, b: Extract<Block, { type: "table" }>, parent: Struct) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const size = 8;
  const pad = 3;
  // Column widths: numbers narrow, text by its typical length; but every column at least as wide as its
  // header's longest word, so that headers never break inside a word.
  const weights = b.header.map((h, i) => {
    if (b.numeric[i]) return 1;
    const lengths = b.rows.map((r) => plain(r[i] ?? []).length).concat(h.length);
    const avg = lengths.reduce((x, y) => x + y, 0) / lengths.length;
    return Math.min(6, Math.max(1.6, avg / 12));
  });
  const total = weights.reduce((x, y) => x + y, 0);
  const minimum = b.header.map((h) => widestWord(doc, h, BOLD, size) + 2 * pad + 1);
  const free = Math.max(0, width - minimum.reduce((x, y) => x + y, 0));
  const widths = weights.map((w, i) => minimum[i]! + (w / total) * free);
  const tableStruct = doc.struct("Table");
  parent.add(tableStruct);
  const rowHeight = (cells: string[], bold: boolean) =>
    Math.max(...cells.map((c, i) => doc.font(bold ? BOLD : BODY).fontSize(size).heightOfString(c || " ", { width: widths[i]! - 2 * pad }))) + 2 * pad;
  const drawRow = (cells: Inline[][], bold: boolean, fill?: string) => {
    const height = rowHeight(cells.map(plain), bold);
    ensureSpace(doc, height);
    const row = doc.struct("TR");
    tableStruct.add(row);
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      const tag = { parent: row, type: bold ? "TH" : "TD" };
      if (fill) doc.rect(x, y, w, height).fill(fill);
      doc.rect(x, y, w, height).lineWidth(0.5).strokeColor(GRID).stroke();
      const content = bold ? cell.map((r) => ({ ...r, bold: true })) : cell;
      if (b.numeric[i]) {
        doc.font(bold ? BOLD : BODY).fontSize(size).fillColor(TEXT).text(plain(cell), x + pad, y + pad, { width: w - 2 * pad, align: "right", ...tagged(tag) });
      } else runs(doc, content, { x: x + pad, y: y + pad, width: w - 2 * pad, size, tag });
      x += w;
    });
    row.end();
    doc.x = left;
    doc.y = y + height;
  };
  if (b.header.some(Boolean)) drawRow(b.header.map((h) => [{ text: h }]), true, "#eef2f6");
  for (const row of b.rows) drawRow(row, false);
  tableStruct.end();
  doc.moveDown(0.6);
}

function chart(doc: Doc, b: Extract<Block, { type: "chart" }>, parent: Struct) {
  const left = doc.page.margins.left;
  const labelWidth = 170;
  const barWidth = doc.page.width - left - doc.page.margins.right - labelWidth - 30;
  const rowHeight = 14;
  const height = 18 + Math.max(1, b.bars.length) * rowHeight + 8;
  ensureSpace(doc, height + 12);
  const top = doc.y;
  doc.font(BODY).fontSize(7.5);
  let legendX = left + labelWidth;
  b.series.forEach((name, i) => {
    doc.rect(legendX, top + 2, 7, 7).fill(STANCE_COLOURS[i % STANCE_COLOURS.length]!);
    doc.fillColor(TEXT).text(name, legendX + 10, top + 2, { lineBreak: false });
    legendX += 10 + doc.widthOfString(name) + 14;
  });
  const max = Math.max(1, ...b.bars.map((bar) => bar.values.reduce((x, y) => x + y, 0)));
  b.bars.forEach((bar, row) => {
    const y = top + 18 + row * rowHeight;
    doc.fillColor(TEXT).text(bar.label, left, y + 2, { width: labelWidth - 6, align: "right", lineBreak: false, ellipsis: true, height: rowHeight });
    let x = left + labelWidth;
    bar.values.forEach((v, i) => {
      if (v === 0) return;
      const w = (v / max) * barWidth;
      doc.rect(x, y, w, rowHeight - 4).fill(STANCE_COLOURS[i % STANCE_COLOURS.length]!);
      x += w;
    });
    doc.fillColor(TEXT).text(String(bar.values.reduce((p, q) => p + q, 0)), x + 3, y + 2, { lineBreak: false });
  });
  if (b.bars.length === 0) doc.fillColor(TEXT).text("No positions.", left, top + 20, { lineBreak: false });
  doc.x = left;
  doc.y = top + height;
  // The bars are a drawing; in the structure tree, the caption says what they show, and the table that
  // follows holds the figures.
  doc.font(BODY).fontSize(7.5).fillColor("#52606d").text(`${b.title}. The table below gives the figures and the positions behind them.`, left, doc.y, { width: labelWidth + barWidth, ...tagged({ parent, type: "Caption" }) });
  doc.fillColor(TEXT).moveDown(0.5);
}

function block(doc: Doc, b: Block, root: Struct) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  switch (b.type) {
    case "heading": {
      const size = b.level === 1 ? 15 : b.level === 2 ? 12 : 10.5;
      // A section starts on a new page only when little of the current one is left.
      ensureSpace(doc, b.level === 1 ? 160 : size * 4);
      doc.moveDown(b.level === 1 ? 0.6 : 0.4);
      doc.font(BOLD).fontSize(size).fillColor(TEXT).text(b.text, left, doc.y, { width, ...tagged({ parent: root, type: `H${b.level}` }) });
      doc.moveDown(0.25);
      return;
    }
    case "paragraph":
      runs(doc, b.runs, { x: left, y: doc.y, width, size: b.small ? 7.5 : 9.5, tag: { parent: root, type: "P" } });
      doc.moveDown(0.45);
      return;
    case "list": {
      const list = doc.struct("L");
      root.add(list);
      for (const item of b.items) {
        ensureSpace(doc, 24);
        const y = doc.y;
        const li = doc.struct("LI");
        list.add(li);
        doc.font(BODY).fontSize(9.5).fillColor(TEXT).text("•", left + 4, y, { lineBreak: false, ...tagged({ parent: li, type: "Lbl" }) });
        runs(doc, item, { x: left + 16, y, width: width - 16, size: 9.5, tag: { parent: li, type: "LBody" } });
        li.end();
        doc.moveDown(0.3);
      }
      list.end();
      doc.x = left;
      doc.moveDown(0.2);
      return;
    }
    case "table":
      return table(doc, b, root);
    case "chart":
      return chart(doc, b, root);
  }
}

export function renderPdf(report: ReportDocument, generatedAt: string): Promise<Buffer> {
  const date = new Date(generatedAt);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 50, right: 50 },
    info: { Title: report.title, Subject: report.subtitle, Author: "Roundtable", Creator: "Roundtable", Producer: "Roundtable", CreationDate: date, ModDate: date },
    lang: report.language ?? "en",
    tagged: true,
    displayTitle: true,
    pdfVersion: "1.7",
  });
  doc.registerFont(BODY, FONT_FILES.body);
  doc.registerFont(BOLD, FONT_FILES.bold);
  const root = doc.struct("Document");
  doc.addStructure(root);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font(BOLD).fontSize(20).fillColor(TEXT).text(report.title, tagged({ parent: root, type: "Title" }));
  doc.font(BODY).fontSize(9).fillColor("#52606d").text(report.subtitle, tagged({ parent: root, type: "P" }));
  doc.fillColor(TEXT).moveDown(0.8);
  for (const b of report.blocks) block(doc, b, root);
  root.end();
  doc.end();
  return done;
}
