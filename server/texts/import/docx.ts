// DOCX through mammoth: Word's heading styles become h1-h6 and its numbered lists <ol>, so the HTML
// importer's convention applies unchanged.
import mammoth from "mammoth";
import type { ImportedText } from "../../../shared/schemas/texts.ts";
import { importHtml } from "./html.ts";

export async function importDocx(bytes: Buffer): Promise<ImportedText> {
  const { value: html, messages } = await mammoth.convertToHtml({ buffer: bytes });
  const imported = importHtml(html);
  // mammoth's own notes (an unknown style, say) help explain an unexpected tree.
  const notes = messages.filter((m) => m.type === "warning").map((m) => `DOCX: ${m.message}`);
  return { units: imported.units, warnings: [...notes.slice(0, 20), ...imported.warnings] };
}
