// An answer as a reader sees it: option keys turned into their labels, a ranking numbered, a matrix as
// "row: column" lines. Used by the receipt (HTML and PDF) and by the respondent's form.
import type { TAnswerValue, TQuestion } from "../schemas/responses.ts";

const labelOf = (list: { key: string; label: string }[], key: string) => list.find((o) => o.key === key)?.label ?? key;

/** The answer as lines of plain text (empty when unanswered). `fileNames`: attachment id -> its file's name. */
export function formatAnswer(question: TQuestion, v: TAnswerValue | undefined, opts: { fileNames?: ReadonlyMap<string, string> } = {}): string[] {
  if (v === undefined) return [];
  switch (question.type) {
    case "single_choice":
      return [labelOf(question.options, String(v))];
    case "multiple_choice":
      return (v as string[]).map((k) => labelOf(question.options, k));
    case "ranking":
      return (v as string[]).map((k, i) => `${i + 1}. ${labelOf(question.options, k)}`);
    case "matrix":
      return question.rows.flatMap((r) => {
        const column = (v as Record<string, string>)[r.key];
        return column === undefined ? [] : [`${r.label}: ${labelOf(question.columns, column)}`];
      });
    case "scale":
      return [`${v} (${question.min}–${question.max})`];
    case "file_upload":
      return (v as string[]).map((id) => opts.fileNames?.get(id) ?? `File ${id}`);
    default:
      return String(v).split("\n");
  }
}
