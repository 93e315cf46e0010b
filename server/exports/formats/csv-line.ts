// The contributions CSV's lines, written without a CSV library: an export of 250,000 rows by 60 columns
// spent most of its CPU in csv-stringify's per-field options handling. The rule is RFC 4180's, and the
// bytes are csv-stringify's for our settings (comma, double quote, "\n" records, a lone CR quoted too), which
// test/policies/csv-line.test.ts checks on adversarial values: a field is quoted when it holds a double
// quote, a comma, a CR or an LF, and a double quote inside is doubled.
import { csvSafe } from "./csv-safe.ts";
import { cellValue } from "./columns.ts";

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number): string {
  if (typeof value === "number") return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Writes records of several kinds into one table: each kind fills its own columns, the others stay empty.
 * The positions of a kind's columns are worked out once, not per row.
 */
export class CsvTable {
  private readonly layouts = new Map<string, { names: string[]; at: number[] }>();

  constructor(private readonly columns: string[]) {}

  header(): string {
    return `${this.columns.map(csvField).join(",")}\n`;
  }

  /** Lines for rows that all have the given columns (their other fields are not written). */
  lines(kind: string, kindColumns: string[], rows: Record<string, unknown>[]): string {
    let layout = this.layouts.get(kind);
    if (!layout) {
      const names = kindColumns.filter((c) => this.columns.includes(c));
      layout = { names, at: names.map((c) => this.columns.indexOf(c)) };
      this.layouts.set(kind, layout);
    }
    const cells = new Array<string>(this.columns.length).fill("");
    let out = "";
    for (const row of rows) {
      for (let i = 0; i < layout.names.length; i++) cells[layout.at[i]!] = csvField(csvSafe(cellValue(row[layout.names[i]!])));
      out += `${cells.join(",")}\n`;
    }
    return out;
  }
}
