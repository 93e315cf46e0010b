// One entry point for every format of the summary report. Pure (no database): used by the request path
// for HTML and Markdown, and by the export worker for PDF and DOCX.
import type { ReportData, ReportFormat } from "../../../shared/schemas/exports.ts";
import { buildReportDocument } from "./document.ts";
import { renderMarkdown } from "./markdown.ts";
import { renderHtml } from "./html.ts";
import { renderPdf } from "./pdf.ts";
import { renderDocx } from "./docx.ts";

export const REPORT_TYPES: Record<ReportFormat, string> = {
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export function renderReportText(data: ReportData, format: "html" | "md"): string {
  const doc = buildReportDocument(data);
  return format === "html" ? renderHtml(doc, data.consultation.language) : renderMarkdown(doc);
}

export async function renderReport(data: ReportData, format: ReportFormat): Promise<Buffer> {
  if (format === "html" || format === "md") return Buffer.from(renderReportText(data, format), "utf8");
  const doc = buildReportDocument(data);
  return format === "pdf" ? renderPdf(doc, data.generatedAt) : renderDocx(doc, data.generatedAt);
}
