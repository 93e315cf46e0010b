// The contributions export in CSV, JSON and XLSX, written batch by batch into any Writable (an HTTP
// response, a file), which each writer ends; they resolve once it has finished. Pure: the rows come from
// an async iterable, so the request path (reading the database) and the export worker (rows handed over
// by the main thread) share these writers.
//
// Deterministic: the same rows and the same `generatedAt` give the same bytes (fixed key and column
// order; XLSX core properties and ZIP entry dates set from `generatedAt`).
import type { Writable } from "node:stream";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import type { ExportScope } from "../../../shared/schemas/exports.ts";
import { CsvTable } from "./csv-line.ts";
import { yieldToEventLoop } from "../event-loop.ts";
import { cellValue, csvColumns, ROW_KINDS, SHEETS, sheetColumns, type ContributionBatch } from "./columns.ts";

export interface ContributionsMeta {
  generatedAt: string;
  scope: ExportScope;
  consultation: { id: string; slug: string; title: string; accessMode: string; authorsWithheld: boolean };
}

export const CONTRIBUTIONS_FORMAT = "roundtable.contributions/1";

/** Writes a chunk, waiting for the stream to drain when its buffer is full. */
export async function writeChunk(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}


/** The contributions CSV's table: every kind's columns after `kind`. */
export const contributionsCsvTable = (scope: ExportScope) => new CsvTable(csvColumns(scope));

/** A batch's CSV lines: the kind column first (every CSV row says what it is), then the kind's own columns. */
export function contributionsCsvLines(table: CsvTable, batch: ContributionBatch, scope: ExportScope): string {
  return table.lines(batch.kind, ["kind", ...sheetColumns(batch.kind, scope)], batch.rows as unknown as Record<string, unknown>[]);
}

export async function writeContributionsCsv(batches: AsyncIterable<ContributionBatch>, out: Writable, meta: ContributionsMeta): Promise<void> {
  const table = contributionsCsvTable(meta.scope);
  await writeChunk(out, table.header());
  for await (const batch of batches) await writeChunk(out, contributionsCsvLines(table, batch, meta.scope));
  out.end();
  await finished(out);
}

export async function writeContributionsJson(batches: AsyncIterable<ContributionBatch>, out: Writable, meta: ContributionsMeta): Promise<void> {
  const head = { format: CONTRIBUTIONS_FORMAT, generatedAt: meta.generatedAt, scope: meta.scope, consultation: meta.consultation };
  await writeChunk(out, JSON.stringify(head).slice(0, -1));
  const order = ROW_KINDS;
  let open = -1;
  let first = true;
  const openUpTo = async (index: number) => {
    while (open < index) {
      if (open >= 0) await writeChunk(out, "\n]");
      open++;
      await writeChunk(out, `,\n${JSON.stringify(SHEETS[order[open]!])}: [`);
      first = true;
    }
  };
  for await (const batch of batches) {
    await openUpTo(order.indexOf(batch.kind));
    let text = "";
    for (const row of batch.rows) {
      text += `${first ? "\n" : ",\n"}${JSON.stringify(row)}`;
      first = false;
    }
    await writeChunk(out, text);
  }
  await openUpTo(order.length - 1);
  out.end("\n]}\n");
  await finished(out);
}

/**
 * ExcelJS dates every ZIP entry "now" (archiver's default). This writer dates them at the workbook's
 * creation time instead, so the same record gives the same bytes. The first entries are appended from
 * the constructor (addThemes), hence the hook there, where `created` is already set.
 */
const WorkbookWriterBase = ExcelJS.stream.xlsx.WorkbookWriter as unknown as new (options: object) => {
  created: Date;
  zip: { append: (source: unknown, data: Record<string, unknown>) => unknown };
  addThemes(): Promise<void>;
};
class DatedWorkbookWriter extends WorkbookWriterBase {
  override addThemes() {
    const append = this.zip.append.bind(this.zip);
    this.zip.append = (source, data) => append(source, { ...data, date: this.created });
    return super.addThemes();
  }
}

const XLSX_ROWS_PER_SLICE = 100;

/** Resolves on the pipe's next drain, or when the download closes (whichever comes first), leaving no listener behind. */
const drainedOrClosed = (pipe: Writable, out: Writable) =>
  new Promise<void>((resolve) => {
    const done = () => {
      pipe.off("drain", done);
      out.off("close", done);
      resolve();
    };
    pipe.once("drain", done);
    out.once("close", done);
  });

/**
 * Waits until the ZIP has taken what the worksheet wrote so far. ExcelJS's streaming writer hands each
 * 64 KiB of sheet XML to the ZIP entry without waiting for it (exceljs/exceljs#2916), so rows built faster
 * than they are compressed and sent piled up in memory (W6: +180 MiB for one XLSX). The entry stream's
 * own `drain` is the backpressure ExcelJS ignores; a download closed meanwhile ends the wait with an error.
 */
async function sheetTaken(ws: ExcelJS.Worksheet, out: Writable): Promise<void> {
  // The entry streams are archiver's readable-stream 2 PassThroughs: no `writableNeedDrain` getter, the same state underneath.
  const pipes = (ws as unknown as { stream: { pipes: (Writable & { _writableState: { needDrain: boolean } })[] } }).stream.pipes;
  for (const pipe of pipes) {
    while (pipe._writableState.needDrain) {
      if (out.destroyed) throw new Error("The XLSX download was closed before it was complete.");
      await drainedOrClosed(pipe, out);
    }
  }
  await yieldToEventLoop();
}

// Excel refuses cells longer than this.
const XLSX_CELL_MAX = 32_000;

export async function writeContributionsXlsx(batches: AsyncIterable<ContributionBatch>, out: Writable, meta: ContributionsMeta): Promise<void> {
  const date = new Date(meta.generatedAt);
  const wb = new DatedWorkbookWriter({
    stream: out, useStyles: false, useSharedStrings: false, created: date, modified: date, creator: "Roundtable", lastModifiedBy: "Roundtable",
  }) as unknown as ExcelJS.stream.xlsx.WorkbookWriter;

  const order = ROW_KINDS;
  let sheet: { ws: ExcelJS.Worksheet; columns: string[] } | undefined;
  let opened = -1;
  const openUpTo = (index: number) => {
    while (opened < index) {
      // Sheets are written one after the other: committing one frees its rows before the next begins.
      sheet?.ws.commit();
      opened++;
      const kind = order[opened]!;
      const columns = sheetColumns(kind, meta.scope);
      const ws = wb.addWorksheet(SHEETS[kind]);
      ws.addRow(columns).commit();
      sheet = { ws, columns };
    }
  };
  for await (const batch of batches) {
    openUpTo(order.indexOf(batch.kind));
    let written = 0;
    for (const row of batch.rows) {
      // ExcelJS builds each row's XML synchronously (about 0.1 ms a row): letting other requests and the
      // live fan-out run every few hundred rows keeps an export from holding the event loop for a whole batch
      // (W6: a thread's live delivery p50 went from 35 to 420 ms while an XLSX export ran).
      if (++written % XLSX_ROWS_PER_SLICE === 0) await sheetTaken(sheet!.ws, out);
      const record = row as unknown as Record<string, unknown>;
      const values = sheet!.columns.map((c) => {
        const v = cellValue(record[c]);
        return typeof v === "string" && v.length > XLSX_CELL_MAX ? `${v.slice(0, XLSX_CELL_MAX)}… [truncated: see the JSON export]` : v;
      });
      sheet!.ws.addRow(values).commit();
    }
  }
  openUpTo(order.length - 1);
  sheet!.ws.commit();
  await wb.commit();
  await finished(out);
}

export const CONTRIBUTION_WRITERS = { csv: writeContributionsCsv, json: writeContributionsJson, xlsx: writeContributionsXlsx };
export const CONTRIBUTION_TYPES = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
