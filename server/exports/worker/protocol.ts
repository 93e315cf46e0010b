// Messages between the main thread and an export worker. Only plain data crosses: the worker never
// touches the database (see run.ts for why), it asks the main thread for rows.
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

export type RowKind = "post" | "position" | "endorsement";

export type ToWorker = { type: "start"; task: WorkerTask } | { type: "rows"; requestId: number; rows: TExportRow[] };

export type FromWorker =
  | { type: "progress"; share: number }
  | { type: "fetch"; requestId: number; kind: RowKind; after: string | number }
  | { type: "done"; bytes?: Uint8Array; size?: number; sha256?: string }
  | { type: "error"; message: string };
