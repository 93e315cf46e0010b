// The summary report as PDF (pdfkit, pure JavaScript). Uses the built-in Helvetica, so no font file is
// embedded or needed. Deterministic: the document's dates are the report's generation time and its file
// ID is derived from them (pdfkit hashes the info dictionary), so the same data gives the same bytes.
import PDFDocument from "pdfkit";
import type { Block, Inline, ReportDocument } from "./document.ts";
import { STANCE_COLOURS } from "./html.ts";

// Helvetica covers Windows-1252 only: other characters lose their accents or become "?".
const WIN_ANSI_EXTRA = new Set([402, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8364, 8240, 8249, 8250, 710, 8482, 338, 339, 732, 352, 353, 376, 381, 382]);
const FALLBACKS: Record<string, string> = { "≥": ">=", "≤": "<=", "≠": "!=", "→": "->", "←": "<-", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ŋ": "n", "ħ": "h" };
export function winAnsi(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\n" || (code >= 32 && code <= 126) || (code >= 160 && code <= 255) || WIN_ANSI_EXTRA.has(code)) out += ch;
    else if (code === 9) out += " ";
    else if (FALLBACKS[ch]) out += FALLBACKS[ch];
    else {
      const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += [...base].every((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) <= 126) && base ? base : "?";
    }
  }
  return out;
}

const LINK = "#0b4f9c";
const TEXT = "#1f2933";
const GRID = "#c7d2de";

type Doc = PDFKit.PDFDocument;

function runs(doc: Doc, list: Inline[], opts: { x?: number; y?: number; width: number; size: number }) {
  const parts = list.filter((r) => r.text.length > 0);
  if (parts.length === 0) return;
  parts.forEach((r, i) => {
    const style: PDFKit.Mixins.TextOptions = {
      width: opts.width,
      continued: i < parts.length - 1,
      link: r.href ?? null,
      underline: Boolean(r.href),
    };
    doc.font(r.bold ? "Helvetica-Bold" : "Helvetica").fontSize(opts.size).fillColor(r.href ? LINK : TEXT);
    if (i === 0 && opts.x !== undefined) doc.text(winAnsi(r.text), opts.x, opts.y, style);
    else doc.text(winAnsi(r.text), style);
  });
  doc.fillColor(TEXT);
}

const plain = (cell: Inline[]) => winAnsi(cell.map((r) => r.text).join(""));

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function table(doc: Doc, b: Extract<Block, { type: "table" }>) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const size = 8;
  const pad = 3;
  // Column widths: numbers narrow, text by its typical length.
  const weights = b.header.map((h, i) => {
    if (b.numeric[i]) return 1;
    const lengths = b.rows.map((r) => plain(r[i] ?? []).length).concat(h.length);
    const avg = lengths.reduce((x, y) => x + y, 0) / lengths.length;
    return Math.min(6, Math.max(1.6, avg / 12));
  });
  const total = weights.reduce((x, y) => x + y, 0);
  const widths = weights.map((w) => (w / total) * width);
  doc.font("Helvetica").fontSize(size);
  const rowHeight = (cells: string[], bold: boolean) =>
    Math.max(...cells.map((c, i) => doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(size).heightOfString(c || " ", { width: widths[i]! - 2 * pad }))) + 2 * pad;
  const drawRow = (cells: Inline[][], bold: boolean, fill?: string) => {
    const height = rowHeight(cells.map(plain), bold);
    ensureSpace(doc, height);
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (fill) doc.rect(x, y, w, height).fill(fill);
      doc.rect(x, y, w, height).lineWidth(0.5).strokeColor(GRID).stroke();
      const content = bold ? cell.map((r) => ({ ...r, bold: true })) : cell;
      if (b.numeric[i]) {
        doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(size).fillColor(TEXT).text(plain(cell), x + pad, y + pad, { width: w - 2 * pad, align: "right" });
      } else runs(doc, content, { x: x + pad, y: y + pad, width: w - 2 * pad, size });
      x += w;
    });
    doc.x = left;
    doc.y = y + height;
  };
  if (b.header.some(Boolean)) drawRow(b.header.map((h) => [{ text: h }]), true, "#eef2f6");
  for (const row of b.rows) drawRow(row, false);
  doc.moveDown(0.6);
}

function chart(doc: Doc, b: Extract<Block, { type: "chart" }>) {
  const left = doc.page.margins.left;
  const labelWidth = 170;
  const barWidth = doc.page.width - left - doc.page.margins.right - labelWidth - 30;
  const rowHeight = 14;
  const height = 18 + Math.max(1, b.bars.length) * rowHeight + 8;
  ensureSpace(doc, height + 12);
  const top = doc.y;
  doc.font("Helvetica").fontSize(7.5);
  let legendX = left + labelWidth;
  b.series.forEach((name, i) => {
    doc.rect(legendX, top + 2, 7, 7).fill(STANCE_COLOURS[i % STANCE_COLOURS.length]!);
    doc.fillColor(TEXT).text(winAnsi(name), legendX + 10, top + 2, { lineBreak: false });
    legendX += 10 + doc.widthOfString(winAnsi(name)) + 14;
  });
  const max = Math.max(1, ...b.bars.map((bar) => bar.values.reduce((x, y) => x + y, 0)));
  b.bars.forEach((bar, row) => {
    const y = top + 18 + row * rowHeight;
    doc.fillColor(TEXT).text(winAnsi(bar.label), left, y + 2, { width: labelWidth - 6, align: "right", lineBreak: false, ellipsis: true, height: rowHeight });
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
  doc.font("Helvetica").fontSize(7.5).fillColor("#52606d").text(winAnsi(`${b.title}. The table below gives the figures and the positions behind them.`), left, doc.y, { width: labelWidth + barWidth });
  doc.fillColor(TEXT).moveDown(0.5);
}

function block(doc: Doc, b: Block) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  switch (b.type) {
    case "heading": {
      const size = b.level === 1 ? 15 : b.level === 2 ? 12 : 10.5;
      // A section starts on a new page only when little of the current one is left.
      ensureSpace(doc, b.level === 1 ? 160 : size * 4);
      doc.moveDown(b.level === 1 ? 0.6 : 0.4);
      doc.font("Helvetica-Bold").fontSize(size).fillColor(TEXT).text(winAnsi(b.text), left, doc.y, { width });
      doc.moveDown(0.25);
      return;
    }
    case "paragraph":
      runs(doc, b.runs, { x: left, y: doc.y, width, size: b.small ? 7.5 : 9.5 });
      doc.moveDown(0.45);
      return;
    case "list":
      for (const item of b.items) {
        ensureSpace(doc, 24);
        const y = doc.y;
        doc.font("Helvetica").fontSize(9.5).fillColor(TEXT).text("•", left + 4, y, { lineBreak: false });
        runs(doc, item, { x: left + 16, y, width: width - 16, size: 9.5 });
        doc.moveDown(0.3);
      }
      doc.x = left;
      doc.moveDown(0.2);
      return;
    case "table":
      return table(doc, b);
    case "chart":
      return chart(doc, b);
  }
}

export function renderPdf(report: ReportDocument, generatedAt: string): Promise<Buffer> {
  const date = new Date(generatedAt);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 50, right: 50 },
    info: { Title: winAnsi(report.title), Subject: winAnsi(report.subtitle), Author: "Roundtable", Creator: "Roundtable", Producer: "Roundtable", CreationDate: date, ModDate: date },
    lang: "en",
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font("Helvetica-Bold").fontSize(20).fillColor(TEXT).text(winAnsi(report.title));
  doc.font("Helvetica").fontSize(9).fillColor("#52606d").text(winAnsi(report.subtitle));
  doc.fillColor(TEXT).moveDown(0.8);
  for (const b of report.blocks) block(doc, b);
  doc.end();
  return done;
}
