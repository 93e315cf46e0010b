// Reading an import file into rows of text: XLSX (first worksheet, with exceljs) or CSV (RFC 4180: quoted
// fields, doubled quotes, newlines inside quotes; comma or semicolon, as the header uses). The kind is told
// by the bytes (a ZIP with an Excel workbook, or UTF-8 text), not the file's name.
import ExcelJS from "exceljs";
import { errors } from "../../http/errors.ts";
import { readPackageEntry } from "../files/inspect.ts";

export const IMPORT_ROWS_MAX = 50_000;

function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === sep) row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (quoted) throw errors.invalidInput("The CSV file is malformed: a quoted field is never closed.", [{ path: "file", message: "has an unclosed quote" }]);
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    return "";
  }
  return String(v);
}

async function parseXlsx(buf: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw errors.invalidInput("The XLSX file could not be read.", [{ path: "file", message: "is not a readable XLSX workbook" }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (r) => {
    rows.push(Array.from({ length: width }, (_, i) => cellText(r.getCell(i + 1).value)));
  });
  return rows;
}

/** The rows of the file, header first. */
export async function readTable(buf: Buffer): Promise<string[][]> {
  let rows: string[][];
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) {
    if (!(await readPackageEntry(buf, "xl/workbook.xml", 16 * 1024 * 1024))) throw errors.invalidInput("The file is a ZIP package but not an Excel workbook (XLSX).", [{ path: "file", message: "must be CSV or XLSX" }]);
    rows = await parseXlsx(buf);
  } else {
    const text = buf.toString("utf8");
    if (text.includes("\uFFFD") || text.includes("\u0000")) throw errors.invalidInput("The file is neither UTF-8 CSV nor XLSX.", [{ path: "file", message: "must be CSV (UTF-8) or XLSX" }]);
    rows = parseCsv(text);
  }
  if (rows.length < 2) throw errors.invalidInput("The file has no rows under its header.", [{ path: "file", message: "needs a header row and at least one response" }]);
  if (rows.length - 1 > IMPORT_ROWS_MAX) throw errors.invalidInput(`The file has more than ${IMPORT_ROWS_MAX} rows: split it.`, [{ path: "file", message: `must have at most ${IMPORT_ROWS_MAX} rows` }]);
  return rows;
}
