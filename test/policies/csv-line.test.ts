// The contributions CSV writes its lines itself (server/exports/formats/csv-line.ts, for speed); these
// must be the bytes csv-stringify writes for the same records with our settings, on values chosen to
// break a CSV writer.
import { describe, expect, it } from "vitest";
import { stringify } from "csv-stringify/sync";
import { CsvTable, csvField } from "../../server/exports/formats/csv-line.ts";
import { csvSafe } from "../../server/exports/formats/csv-safe.ts";
import { cellValue } from "../../server/exports/formats/columns.ts";

const NASTY: unknown[] = [
  "", "plain", 'a "quoted" word', '"', '""', "comma, inside", "line\nbreak", "carriage\rreturn", "crlf\r\nend", " leading space", "trailing space ",
  "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\t=tab", "\uFF1Dfull-width", "naïve café ✓ 😀", "semi;colon", "tab\tinside", "'already",
  0, 1, -3, 2.5, true, false, null, undefined, [], [{ kind: "study", url: "https://x" }], { child_rights: 2, industry: 1 }, {},
];

function viaLibrary(columns: string[], rows: Record<string, unknown>[], kindColumns: string[]): string {
  const header = stringify([columns], { record_delimiter: "unix", quote_record_delimiter: true });
  const body = stringify(
    rows.map((r) => columns.map((c) => (kindColumns.includes(c) ? csvSafe(cellValue(r[c])) : ""))),
    { record_delimiter: "unix", quote_record_delimiter: true },
  );
  return header + body;
}

describe("contributions CSV lines", () => {
  it("quote exactly the fields csv-stringify quotes, each value alone", () => {
    for (const v of NASTY) {
      const cell = csvSafe(cellValue(v));
      expect(csvField(cell), JSON.stringify(v)).toBe(stringify([[cell]], { record_delimiter: "unix", quote_record_delimiter: true }).slice(0, -1));
    }
  });

  it("write the same table as csv-stringify: one kind's columns filled, the others empty", () => {
    const columns = ["kind", "id", "body", "count", "other", "tally"];
    const kindColumns = ["kind", "id", "body", "count", "tally"];
    const rows = NASTY.map((v, i) => ({ kind: "post", id: `p${i}`, body: v, count: i - 5, other: "never written", tally: v }));
    const table = new CsvTable(columns);
    expect(table.header() + table.lines("post", kindColumns, rows)).toBe(viaLibrary(columns, rows, kindColumns));
    // A second kind with other columns in the same table.
    const second = [{ kind: "endorsement", id: "e1", other: 'x,"y"' }];
    expect(table.lines("endorsement", ["kind", "id", "other"], second)).toBe(viaLibrary(columns, second, ["kind", "id", "other"]).split("\n").slice(1).join("\n"));
  });
});
