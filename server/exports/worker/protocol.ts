// What crosses between the main thread and an export worker. Only plain data: the worker never touches
// the database (see run.ts for why), it asks the main thread for rows over the MessagePort that comes
// with each task.
import type { MessagePort } from "node:worker_threads";
import type { ExportScope, ReportData, ReportFormat, TExportRow } from "../../../shared/schemas/exports.ts";
import type { ContributionsMeta } from "../formats/contributions.ts";

export type WorkerTask =
  /** Render one report format and send the bytes back (summary version downloads). */
  | { type: "render"; format: ReportFormat; data: ReportData }
  /** Render one report format into a file (PDF and DOCX jobs). */
  | { type: "report-file"; format: "pdf" | "docx"; data: ReportData; outPath: string }
  /** The consultation package: contributions, schema, report in every format, log, manifest, checksums. */
  | {
      type: "package";
      scope: ExportScope;
      data: ReportData;
      meta: ContributionsMeta;
      /** Rows expected, for progress. */
      totalRows: number;
      workDir: string;
      outPath: string;
      /** Staff packages: the moderation log, already written by the main thread. */
      moderationLogPath: string | null;
    };

/** One pool task: the work, and the worker's end of a channel for progress and row requests. */
export interface PoolTask {
  task: WorkerTask;
  port: MessagePort;
}

/** What a file-writing task ("report-file", "package") resolves to; "render" resolves to the bytes. */
export interface FileResult {
  size: number;
  sha256: string;
}

export type RowKind = "post" | "position" | "endorsement" | "unit" | "amendment";

/** Main thread to worker, on the task's port. */
export type ToWorker = { type: "rows"; requestId: number; rows: TExportRow[] } | { type: "rows-failed"; requestId: number; message: string };

/** Worker to main thread, on the task's port. */
export type FromWorker = { type: "progress"; share: number } | { type: "fetch"; requestId: number; kind: RowKind; after: string | number };
