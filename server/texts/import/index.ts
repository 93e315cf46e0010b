// One entry point for every format; each returns the same tree for the same text.
import { TEXT_LIMITS, type ImportedText, type TextSourceFormat, type TextUnitNode } from "../../../shared/schemas/texts.ts";
import { errors } from "../../http/errors.ts";
import { importAkomaNtoso } from "./akn.ts";
import { importDocx } from "./docx.ts";
import { importHtml } from "./html.ts";
import { importMarkdown } from "./markdown.ts";
import { importEditedUnits } from "./units.ts";

export function countUnits(units: TextUnitNode[]): number {
  return units.reduce((n, u) => n + 1 + countUnits(u.children), 0);
}

export async function importText(format: TextSourceFormat, content: string): Promise<ImportedText> {
  let imported: ImportedText;
  if (format === "markdown") imported = importMarkdown(content);
  else if (format === "html") imported = importHtml(content);
  else if (format === "akn") imported = importAkomaNtoso(content);
  else if (format === "units") imported = importEditedUnits(content);
  else {
    const bytes = Buffer.from(content, "base64");
    // A ZIP (which a DOCX is) starts with "PK\x03\x04"; anything else would only fail deeper in mammoth.
    if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
      throw errors.invalidInput("The DOCX content is not a Word document (base64 of a .docx file).", [{ path: "content", message: "is not a base64-encoded DOCX file" }]);
    }
    try {
      imported = await importDocx(bytes);
    } catch {
      throw errors.invalidInput("The DOCX file could not be read.", [{ path: "content", message: "is not a readable DOCX file" }]);
    }
  }
  if (countUnits(imported.units) > TEXT_LIMITS.unitsMax) {
    throw errors.invalidInput(`The text has more than ${TEXT_LIMITS.unitsMax} units.`, [{ path: "content", message: `has more than ${TEXT_LIMITS.unitsMax} units` }]);
  }
  return imported;
}
