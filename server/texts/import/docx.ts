// DOCX through mammoth: Word's heading styles become h1-h6 and its numbered lists <ol>, so the HTML
// importer's convention applies, with the numbers Word prints (word-numbering.ts) for the list items.
import mammoth from "mammoth";
import type { ImportedText } from "../../../shared/schemas/texts.ts";
import { importHtml } from "./html.ts";
import { wordListLabels } from "./word-numbering.ts";

export async function importDocx(bytes: Buffer): Promise<ImportedText> {
  const { value: html, messages } = await mammoth.convertToHtml({ buffer: bytes });
  const imported = importHtml(html, await wordListLabels(bytes));
  // mammoth's own notes (an unknown style, say) help explain an unexpected tree.
  const notes = messages.filter((m) => m.type === "warning").map((m) => `DOCX: ${m.message}`);
  return { units: imported.units, warnings: [...notes.slice(0, 20), ...imported.warnings] };
}
