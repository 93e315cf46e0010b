// An import with files: a ZIP holding the sheet (responses.csv or responses.xlsx, at its root) and the
// files the sheet's file-upload columns name by their path inside the ZIP ("papers/acme.pdf"). A plain
// CSV or XLSX upload is a bundle without files. An XLSX is itself a ZIP: it is told apart by its
// workbook part. Each file named is checked as an upload is (files/inspect.ts: type by content, active
// content refused; the size limit), once however many rows name it.
import type { Issue } from "../../../shared/questionnaire/validate.ts";
import { errors } from "../../http/errors.ts";
import { inspectAttachment, listZip, type AttachmentKind, type ZipListing } from "../files/inspect.ts";
import { extractAttachmentText } from "../files/extract.ts";

export const SHEET_NAMES = ["responses.csv", "responses.xlsx"] as const;
const SHEET_MAX_BYTES = 50 * 1024 * 1024;

export interface CheckedFile {
  fileName: string;
  mediaType: string;
  data: Buffer;
  text: string;
  pageCount: number | null;
}

export interface ImportBundle {
  table: Buffer;
  /** The ZIP's entries, when the upload was a bundle; null for a plain sheet. */
  files: { names: Set<string>; check(name: string): Promise<CheckedFile | string> } | null;
  close(): void;
}

const isZip = (buf: Buffer) => buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;
const refuse = (sentence: string, message: string) => errors.invalidInput(sentence, [{ path: "file", message }]);

export async function openImport(buf: Buffer, opts: { maxFileBytes: number }): Promise<ImportBundle> {
  const plain: ImportBundle = { table: buf, files: null, close: () => {} };
  if (!isZip(buf)) return plain;
  const zip: ZipListing | string = await listZip(buf);
  if (typeof zip === "string") throw refuse(`The ZIP file cannot be read: ${zip}.`, zip);
  if (zip.names.includes("xl/workbook.xml")) {
    zip.close();
    return plain;
  }
  try {
    const sheets = zip.names.filter((n) => (SHEET_NAMES as readonly string[]).includes(n));
    if (sheets.length !== 1) {
      throw refuse(`A ZIP import holds its sheet at its root, named ${SHEET_NAMES.join(" or ")} (one of them), beside the files it names.`, `must hold one sheet named ${SHEET_NAMES.join(" or ")}`);
    }
    const table = await zip.read(sheets[0]!, SHEET_MAX_BYTES);
    if (!table) throw refuse("The sheet in the ZIP cannot be read, or is larger than 50 MB.", "has an unreadable sheet");
    const names = new Set(zip.names.filter((n) => !n.endsWith("/") && n !== sheets[0]));
    const checked = new Map<string, Promise<CheckedFile | string>>();
    const check = async (name: string): Promise<CheckedFile | string> => {
      const size = zip.sizeOf(name) ?? 0;
      if (size > opts.maxFileBytes) return `is larger than ${opts.maxFileBytes} bytes, the limit for one file`;
      const data = await zip.read(name, opts.maxFileBytes);
      if (!data) return "cannot be read from the ZIP";
      const inspection = await inspectAttachment(data);
      if (!inspection.ok) return `is refused: ${inspection.reason}`;
      const extracted = await extractAttachmentText(inspection.kind as AttachmentKind, data);
      return { fileName: name, mediaType: inspection.mediaType, data, text: extracted.text, pageCount: extracted.pageCount };
    };
    return {
      table,
      files: {
        names,
        check: (name) => {
          if (!checked.has(name)) checked.set(name, check(name));
          return checked.get(name)!;
        },
      },
      close: () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

export interface PendingFile {
  id: string;
  questionKey: string;
  name: string;
  /** Where a problem with it is reported: rows.<n>.<question key>. */
  path: string;
}

/** Checks every file the rows name (each name once, however many rows name it); the problems, by row and column. */
export async function checkPendingFiles(bundle: ImportBundle, pending: PendingFile[]): Promise<{ issues: Issue[]; files: Map<string, CheckedFile> }> {
  const issues: Issue[] = [];
  const files = new Map<string, CheckedFile>();
  if (!bundle.files) return { issues, files };
  for (const p of pending) {
    const result = await bundle.files.check(p.name);
    if (typeof result === "string") issues.push({ path: p.path, message: `"${p.name.slice(0, 120)}" ${result}` });
    else files.set(p.name, result);
  }
  return { issues, files };
}
