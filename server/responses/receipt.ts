// The receipt of a submitted response: its submission number, when and in which capacity it was
// submitted, the publication choice, and every answer as it was submitted (latest version), in HTML
// and in PDF. The PDF uses the DejaVu Sans the summary report embeds, so every European script prints.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { escapeHtml } from "../exports/report/html.ts";
import { formatAnswer } from "../../shared/questionnaire/format.ts";
import type { TAnswers, ConsentChoice } from "../../shared/schemas/responses.ts";
import { CATEGORY_LABELS } from "../../shared/categories.ts";
import { findQuestionnaire } from "./questionnaires.ts";
import { loadOwnResponse } from "./service.ts";

const require = createRequire(import.meta.url);
const FONT = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

const CONSENT_TEXT: Record<ConsentChoice, string> = {
  publish_named: "Publish my response with my name",
  publish_anonymous: "Publish my response anonymously",
  do_not_publish: "Do not publish my response",
};

export interface Receipt {
  submissionNumber: string;
  consultationTitle: string;
  language: string;
  submittedAt: string;
  amendedAt: string | null;
  version: number;
  respondent: string;
  capacity: string;
  category: string;
  country: string | null;
  consent: string;
  sections: { title: string; answers: { label: string; lines: string[] }[] }[];
}

/** The receipt's content, for the respondent only, once submitted. */
export async function loadReceipt(prisma: PrismaClient, actor: Actor, responseId: string): Promise<Receipt> {
  const { response, consultation } = await loadOwnResponse(prisma, actor, responseId);
  if (response.status !== "submitted" || !response.submissionNumber) throw errors.conflict("A receipt exists once the response is submitted.");
  const [questionnaire, respondent] = await Promise.all([
    findQuestionnaire(prisma, consultation.id),
    prisma.user.findUniqueOrThrow({ where: { id: response.respondentId! }, select: { displayName: true } }),
  ]);
  const answers = response.answers as TAnswers;
  // Files by name, with their size: the receipt says which document was submitted.
  const fileNames = new Map(response.attachments.map((a) => [a.id, `${a.fileName} (${a.size.toLocaleString("en")} bytes)`]));
  const sections = (questionnaire?.definition.sections ?? []).map((s) => ({
    title: s.title,
    answers: s.questions.filter((q) => answers[q.key] !== undefined).map((q) => ({ label: q.label, lines: formatAnswer(q, answers[q.key], { fileNames }) })),
  }));
  const org = response.onBehalfOf;
  return {
    submissionNumber: response.submissionNumber,
    consultationTitle: consultation.title,
    language: consultation.language,
    submittedAt: response.submittedAt!.toISOString(),
    amendedAt: response.amendedAt?.toISOString() ?? null,
    version: response.version,
    respondent: respondent.displayName,
    capacity: org ? `On behalf of ${org.name}${org.transparencyRegisterId ? ` (register number ${org.transparencyRegisterId})` : ""}` : "As an individual",
    category: CATEGORY_LABELS[response.category],
    country: response.country,
    consent: CONSENT_TEXT[response.consent!],
    sections: sections.filter((s) => s.answers.length > 0),
  };
}

const facts = (r: Receipt): [string, string][] => [
  ["Submission number", r.submissionNumber],
  ["Consultation", r.consultationTitle],
  ["Submitted", r.submittedAt],
  ...(r.amendedAt ? ([["Last amended", `${r.amendedAt} (version ${r.version})`]] as [string, string][]) : []),
  ["Respondent", r.respondent],
  ["Capacity", r.capacity],
  ["Stakeholder category", r.category],
  ...(r.country ? ([["Country", r.country]] as [string, string][]) : []),
  ["Publication", r.consent],
];

export function renderReceiptHtml(r: Receipt): string {
  const e = escapeHtml;
  const rows = facts(r).map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`).join("");
  const sections = r.sections
    .map((s) => `<section><h2>${e(s.title)}</h2><dl>${s.answers.map((a) => `<dt>${e(a.label)}</dt>${a.lines.map((l) => `<dd>${e(l)}</dd>`).join("")}`).join("")}</dl></section>`)
    .join("");
  return `<!doctype html><html lang="${e(r.language)}"><head><meta charset="utf-8"><title>Receipt ${e(r.submissionNumber)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#1f2933}th{text-align:left;padding-right:1rem}dt{font-weight:600;margin-top:.75rem}dd{margin-left:1rem;white-space:pre-wrap}</style></head>
<body><h1>Receipt of your response</h1><table>${rows}</table>${sections}</body></html>`;
}

export function renderReceiptPdf(r: Receipt): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56, lang: r.language, info: { Title: `Receipt ${r.submissionNumber}`, CreationDate: new Date(r.amendedAt ?? r.submittedAt) } });
  doc.registerFont("Body", FONT);
  doc.registerFont("Bold", FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font("Bold").fontSize(18).text("Receipt of your response");
  doc.moveDown(0.5);
  for (const [k, v] of facts(r)) {
    doc.font("Bold").fontSize(10).text(`${k}: `, { continued: true });
    doc.font("Body").text(v);
  }
  for (const s of r.sections) {
    doc.moveDown(1);
    doc.font("Bold").fontSize(14).text(s.title);
    for (const a of s.answers) {
      doc.moveDown(0.4);
      doc.font("Bold").fontSize(10).text(a.label);
      doc.font("Body").fontSize(10);
      for (const line of a.lines) doc.text(line, { indent: 12 });
    }
  }
  doc.end();
  return done;
}
