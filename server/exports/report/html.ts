// The summary report as one self-contained, printable HTML file: inline CSS, inline SVG charts, no
// scripts, no external resources. Every text is escaped: contributions are data here, never markup.
import type { Block, Inline, ReportDocument } from "./document.ts";

export const STANCE_COLOURS = ["#1b7837", "#7fbf7b", "#c2410c", "#9ca3af"] as const;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.45 "Helvetica Neue", Helvetica, Arial, sans-serif; color: #1f2933; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1.title { font-size: 1.9rem; margin-bottom: .2rem; }
.subtitle { color: #52606d; margin-top: 0; }
h2 { font-size: 1.45rem; border-bottom: 2px solid #d9e2ec; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.15rem; margin-top: 1.5rem; }
h4 { font-size: 1rem; margin-top: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: 9.5pt; }
th, td { border: 1px solid #d9e2ec; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
a { color: #0b4f9c; }
p.small { font-size: 8.5pt; color: #52606d; overflow-wrap: anywhere; }
figure { margin: .8rem 0; }
figcaption { font-size: 9pt; color: #52606d; }
svg text { font: 9px Helvetica, Arial, sans-serif; fill: #1f2933; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-before: page; }
  h2:first-of-type { break-before: auto; }
  table, figure, li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

function inline(runs: Inline[]): string {
  return runs
    .map((r) => {
      let s = escapeHtml(r.text).replace(/\n/g, "<br>");
      if (r.bold) s = `<strong>${s}</strong>`;
      return r.href ? `<a href="${escapeHtml(r.href)}">${s}</a>` : s;
    })
    .join("");
}

/** A horizontal stacked bar per row, one colour per series, with a legend. */
export function svgBarChart(b: Extract<Block, { type: "chart" }>): string {
  const labelWidth = 250;
  const barWidth = 420;
  const rowHeight = 20;
  const legendHeight = 22;
  const max = Math.max(1, ...b.bars.map((bar) => bar.values.reduce((x, y) => x + y, 0)));
  const height = legendHeight + Math.max(1, b.bars.length) * rowHeight + 6;
  const width = labelWidth + barWidth + 40;
  const parts: string[] = [];
  let legendX = labelWidth;
  b.series.forEach((name, i) => {
    const x = legendX;
    // About 5px a character at 9px Helvetica.
    legendX = x + 14 + name.length * 5 + 14;
    parts.push(`<rect x="${x}" y="4" width="10" height="10" fill="${STANCE_COLOURS[i % STANCE_COLOURS.length]}"/><text x="${x + 14}" y="13">${escapeHtml(name)}</text>`);
  });
  if (b.bars.length === 0) parts.push(`<text x="0" y="${legendHeight + 13}">No positions.</text>`);
  b.bars.forEach((bar, row) => {
    const y = legendHeight + row * rowHeight;
    parts.push(`<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end">${escapeHtml(bar.label)}</text>`);
    let x = labelWidth;
    bar.values.forEach((v, i) => {
      if (v === 0) return;
      const w = (v / max) * barWidth;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${STANCE_COLOURS[i % STANCE_COLOURS.length]}"><title>${escapeHtml(`${b.series[i]}: ${v}`)}</title></rect>`);
      if (w >= 14) parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="${y + 13}" text-anchor="middle" style="fill:#fff">${v}</text>`);
      x += w;
    });
    const total = bar.values.reduce((p, q) => p + q, 0);
    parts.push(`<text x="${(x + 4).toFixed(1)}" y="${y + 13}">${total}</text>`);
  });
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeHtml(b.title)}</title>${parts.join("")}</svg><figcaption>${escapeHtml(b.title)}. The table below gives the figures and the positions behind them.</figcaption></figure>`;
}

function block(b: Block): string {
  switch (b.type) {
    case "heading":
      return `<h${b.level + 1}>${escapeHtml(b.text)}</h${b.level + 1}>`;
    case "paragraph":
      return `<p${b.small ? ' class="small"' : ""}>${inline(b.runs)}</p>`;
    case "list":
      return `<ul>${b.items.map((i) => `<li>${inline(i)}</li>`).join("")}</ul>`;
    case "table": {
      const cls = (i: number) => (b.numeric[i] ? ' class="num"' : "");
      const head = b.header.some(Boolean) ? `<thead><tr>${b.header.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>` : "";
      const body = b.rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}>${inline(cell)}</td>`).join("")}</tr>`).join("\n");
      return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
    }
    case "chart":
      return svgBarChart(b);
  }
}

export function renderHtml(doc: ReportDocument, lang = "en"): string {
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(lang)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Roundtable">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    `<header><h1 class="title">${escapeHtml(doc.title)}</h1><p class="subtitle">${escapeHtml(doc.subtitle)}</p></header>`,
    "<main>",
    ...doc.blocks.map(block),
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
