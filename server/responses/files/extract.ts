// The plain text of an accepted attachment, for search and analysis: unpdf (pdf.js) for PDF, mammoth for
// DOCX, and the paragraphs of content.xml for ODT. A document whose text cannot be read (a scan without a
// text layer, say) is still kept, with empty text: the reader can open it, search cannot find it.
import { Parser } from "htmlparser2";
import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import type { AttachmentKind } from "./inspect.ts";
import { readPackageEntry } from "./inspect.ts";

/** Text beyond this is not kept: it is for search, and the document itself stays whole. */
export const EXTRACTED_TEXT_MAX = 1_000_000;

export interface Extracted {
  text: string;
  pageCount: number | null;
}

const clean = (s: string) =>
  s
    // NUL cannot be stored in PostgreSQL text; other control characters are noise in search.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
    .slice(0, EXTRACTED_TEXT_MAX);

async function pdfText(buf: Buffer): Promise<Extracted> {
  // pdf.js takes ownership of the array it is given: hand it a copy, the stored bytes stay intact. No eval
  // (CVE-2024-4367 went through it) and no font loading: only the text is wanted. (unpdf's bundled types
  // leave these options out, hence the cast.)
  const options = { isEvalSupported: false, disableFontFace: true } as Parameters<typeof getDocumentProxy>[1];
  const pdf = await getDocumentProxy(new Uint8Array(buf), options);
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { text: clean(text), pageCount: totalPages };
}

/** The text of each page of a PDF, cleaned, for text that must leave some pages out (page redactions). */
export async function pdfPageTexts(buf: Buffer): Promise<string[]> {
  const options = { isEvalSupported: false, disableFontFace: true } as Parameters<typeof getDocumentProxy>[1];
  const pdf = await getDocumentProxy(new Uint8Array(buf), options);
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map(clean);
}

function odtText(xml: string): string {
  const out: string[] = [];
  let inBody = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "office:text") inBody = true;
        if (inBody && (name === "text:s" || name === "text:tab")) out.push(" ");
        if (inBody && name === "text:line-break") out.push("\n");
      },
      ontext(t) {
        if (inBody) out.push(t);
      },
      onclosetag(name) {
        if (name === "office:text") inBody = false;
        if (inBody && (name === "text:p" || name === "text:h" || name === "text:list-item")) out.push("\n");
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return out.join("");
}

export async function extractAttachmentText(kind: AttachmentKind, buf: Buffer): Promise<Extracted> {
  try {
    if (kind === "pdf") return await pdfText(buf);
    if (kind === "docx") return { text: clean((await mammoth.extractRawText({ buffer: buf })).value), pageCount: null };
    const content = await readPackageEntry(buf, "content.xml", 64 * 1024 * 1024);
    return { text: clean(content ? odtText(content.toString("utf8")) : ""), pageCount: null };
  } catch {
    // Accepted by inspection but unreadable here (an odd encoder): kept, and found by its name only.
    return { text: "", pageCount: null };
  }
}
