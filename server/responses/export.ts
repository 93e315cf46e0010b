// The public export of a consultation's responses, as CSV: only published responses (publicationWhere),
// redactions applied, names as the respondents chose and as an anonymous reader would see them (Chatham
// House withholds them). One row per response, one column per question, streamed in keyset batches
// (published-rows.ts) so memory stays bounded however many responses there are.
import type { Response as HttpResponse } from "express";
import { finished } from "node:stream/promises";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { ANONYMOUS } from "../consultations/policy.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { allQuestions } from "../../shared/questionnaire/validate.ts";
import { formatAnswer } from "../../shared/questionnaire/format.ts";
import { findQuestionnaire } from "./questionnaires.ts";
import { presentPublished } from "./publication.ts";
import { readPublishedRows } from "./published-rows.ts";
import { csvSafe } from "../exports/formats/csv-safe.ts";
import { csvField } from "../exports/formats/csv-line.ts";
import { writeChunk } from "../exports/formats/contributions.ts";
import { readAhead } from "../exports/rows.ts";

const BATCH = 5_000;
const FIXED = ["submission_number", "submitted_at", "amended_at", "version", "respondent", "organisation", "register_number", "category", "country", "redacted"];


export async function streamPublishedResponsesCsv(prisma: PrismaClient, actor: Actor | null, idOrSlug: string, res: HttpResponse) {
  const { consultation } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const questions = allQuestions((await findQuestionnaire(prisma, consultation.id))?.definition ?? { title: "", sections: [] });
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="${consultation.slug}-responses.csv"`);
  res.setHeader("Cache-Control", "no-store");
  // Lines written with the contributions CSV's field rule, one string per batch (csv-stringify's per-field
  // handling was most of the export's time).
  const line = (cells: string[]) => `${cells.map((c) => csvField(csvSafe(c))).join(",")}\n`;
  await writeChunk(res, line([...FIXED, ...questions.map((q) => q.key)]));
  // The next batch is read while this one is written: the database and the CSV writer work at once.
  for await (const rows of readAhead((afterSeq: number) => readPublishedRows(prisma, consultation.id, afterSeq, BATCH), 0, (r) => r.seq, BATCH)) {
    let text = "";
    for (const row of rows) {
      // Written as the public sees it: the same presenter as the published list, for an anonymous reader.
      const p = presentPublished(row, ANONYMOUS, consultation);
      const fixed = [p.submissionNumber ?? "", p.submittedAt ?? "", p.amendedAt ?? "", String(p.version), p.respondent ?? "", p.organisation?.name ?? "", p.organisation?.registerNumber ?? "", p.category, p.country ?? "", p.redacted ? "true" : "false"];
      // Files by name and download path (only those the public may open: publishedAttachments).
      const fileNames = new Map(p.attachments.map((a) => [a.id, `${a.fileName} <${a.url}>`]));
      const answers = questions.map((q) => formatAnswer(q, p.answers[q.key], { fileNames }).join(" | "));
      text += line([...fixed, ...answers]);
    }
    await writeChunk(res, text);
  }
  res.end();
  await finished(res);
}
