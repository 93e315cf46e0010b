// The public export of a consultation's responses, as CSV: only published responses, redactions applied,
// names as the respondents chose and as an anonymous reader would see them (Chatham House withholds them).
// One row per response, one column per question. The cells come from the database (published-csv.ts):
// on PostgreSQL as one COPY streamed straight to the reader, elsewhere (PGlite has no COPY to a client) in
// keyset batches quoted here with the same rule. Memory stays bounded however many responses there are.
import type { Response as HttpResponse } from "express";
import { finished } from "node:stream/promises";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { ANONYMOUS, consultationPolicy } from "../consultations/policy.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { copyOut, readRows } from "../db/direct-reads.ts";
import { allQuestions } from "../../shared/questionnaire/validate.ts";
import { findQuestionnaire } from "./questionnaires.ts";
import { publishedCsvSelect } from "./published-csv.ts";
import { csvSafe } from "../exports/formats/csv-safe.ts";
import { csvField } from "../exports/formats/csv-line.ts";
import { writeChunk } from "../exports/formats/contributions.ts";
import { readAhead } from "../exports/rows.ts";
import { withCopySlot } from "../db/copy-slots.ts";
import type { TQuestion } from "../../shared/schemas/responses.ts";

const BATCH = 5_000;
export const RESPONSES_CSV_FIXED = ["submission_number", "submitted_at", "amended_at", "version", "respondent", "organisation", "register_number", "category", "country", "redacted"];

export async function streamPublishedResponsesCsv(prisma: PrismaClient, actor: Actor | null, idOrSlug: string, res: HttpResponse) {
  const { consultation } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const questions = allQuestions((await findQuestionnaire(prisma, consultation.id))?.definition ?? { title: "", sections: [] });
  const seeAuthors = consultationPolicy.seeAuthors(ANONYMOUS, consultation);
  await withCopySlot(() => writeCsv(prisma, consultation, questions, seeAuthors, res));
}

async function writeCsv(prisma: PrismaClient, consultation: { id: string; slug: string }, questions: TQuestion[], seeAuthors: boolean, res: HttpResponse) {
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="${consultation.slug}-responses.csv"`);
  res.setHeader("Cache-Control", "no-store");
  await writeChunk(res, `${[...RESPONSES_CSV_FIXED, ...questions.map((q) => q.key)].map((c) => csvField(csvSafe(c))).join(",")}\n`);
  // PostgreSQL's CSV quoting is csvField's: a field is quoted when it holds a quote, comma, CR or LF, and
  // no value is written as nothing (the statement makes empty text no value).
  if (await copyOut(prisma, publishedCsvSelect(consultation.id, questions, { seeAuthors }), "csv", res)) return;
  const page = (afterSeq: number) => readRows<{ seq: number } & Record<string, string | null>>(prisma, publishedCsvSelect(consultation.id, questions, { seeAuthors, page: { afterSeq, limit: BATCH } }));
  for await (const rows of readAhead(page, 0, (r) => r.seq, BATCH)) {
    let text = "";
    for (const row of rows) {
      let line = "";
      let first = true;
      for (const [column, cell] of Object.entries(row)) {
        if (column === "seq") continue;
        line += (first ? "" : ",") + (cell === null ? "" : csvField(cell));
        first = false;
      }
      text += `${line}\n`;
    }
    await writeChunk(res, text);
  }
  res.end();
  await finished(res);
}
