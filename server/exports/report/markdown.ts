// The summary report as Markdown (CommonMark with GFM tables). Charts are given by their tables.
import type { Block, Inline, ReportDocument } from "./document.ts";

/** Escapes what Markdown would read as syntax; in table cells also the pipe, and newlines become spaces. */
function escape(text: string, inTable = false): string {
  let s = text
    .replace(/([\\`*_[\]<>#!~])/g, "\\$1")
    // A line starting "- ", "+ " or "1. " would become a list.
    .replace(/^(\s*)([-+])(\s)/gm, "$1\\$2$3")
    .replace(/^(\s*)(\d+)\.(\s)/gm, "$1$2\\.$3");
  if (inTable) s = s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
  return s;
}

function inline(runs: Inline[], inTable = false): string {
  return runs
    .map((r) => {
      const text = escape(r.text, inTable);
      const body = r.bold && text.trim() ? `**${text.trim()}**${/\s$/.test(text) ? " " : ""}` : text;
      return r.href ? `[${body}](<${r.href.replace(/[<>\s]/g, encodeURIComponent)}>)` : body;
    })
    .join("");
}

function block(b: Block): string {
  switch (b.type) {
    case "heading":
      return `${"#".repeat(b.level + 1)} ${escape(b.text)}`;
    case "paragraph":
      return inline(b.runs);
    case "list":
      return b.items.map((item) => `- ${inline(item).replace(/\n/g, "\n  ")}`).join("\n");
    case "table": {
      const header = b.header.map((h) => escape(h, true) || " ");
      const rule = b.numeric.map((n) => (n ? "---:" : "---"));
      const rows = b.rows.map((row) => `| ${row.map((cell) => inline(cell, true) || " ").join(" | ")} |`);
      return [`| ${header.join(" | ")} |`, `| ${rule.join(" | ")} |`, ...rows].join("\n");
    }
    case "chart":
      // The table that follows the chart holds the same figures.
      return "";
  }
}

export function renderMarkdown(doc: ReportDocument): string {
  const parts = [`# ${escape(doc.title)}`, `*${escape(doc.subtitle)}*`, ...doc.blocks.map(block).filter(Boolean)];
  return `${parts.join("\n\n")}\n`;
}
