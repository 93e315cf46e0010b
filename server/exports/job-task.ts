// Making one job's file: who asks (rebuilt from the user row now, not trusted from when they asked),
// whether they still may, the report data built on the main thread (asynchronous batched reads), then
// the heavy part in the worker pool, which asks this thread for rows as it goes.
import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { finished } from "node:stream/promises";
import type { Response } from "express";
import type { AppContext } from "../context.ts";
import type { Actor } from "../accounts/actor.ts";
import type { ExportJob } from "../db/generated/client.ts";
import { loadSessionUser } from "../accounts/service.ts";
import { viewerFor } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { streamAuditCsv } from "../moderation/reports.ts";
import type { ExportScope, TExportRow } from "../../shared/schemas/exports.ts";
import { audienceFor } from "./scope.ts";
import { countContributions, readBatch } from "./rows.ts";
import { contributionsMeta } from "./contributions.ts";
import { buildReportData } from "./report/build.ts";
import type { ExportWorkerPool } from "./worker/run.ts";
import type { WorkerTask } from "./worker/protocol.ts";

export const EXTENSION = { pdf: "pdf", docx: "docx", package: "zip" } as const;
export type JobKind = keyof typeof EXTENSION;

/** A job that must not run; its message is what the requester reads on the failed job. */
export class JobRefused extends Error {}

/** Exports of the current record are the organisers' (public-scope ones too: they preview an unpublished report). */
export async function mayExport(ctx: AppContext, actor: Actor, consultationId: string): Promise<boolean> {
  const consultation = await ctx.prisma.consultation.findUnique({ where: { id: consultationId } });
  if (!consultation) return false;
  const viewer = await viewerFor(ctx.prisma, actor, consultationId);
  return consultationPolicy.read(viewer, consultation) && consultationPolicy.edit(viewer, consultation);
}

export interface JobFile {
  path: string;
  size: number;
  sha256: string;
}

interface BuildOptions {
  pool: ExportWorkerPool;
  /** The work folder, created and removed by the caller. */
  workDir: string;
  signal: AbortSignal;
  /** 0..100 */
  onProgress: (percent: number) => void;
}

export async function buildJobFile(ctx: AppContext, job: ExportJob, opts: BuildOptions): Promise<JobFile> {
  const { prisma } = ctx;
  const { signal, workDir } = opts;
  const consultation = await prisma.consultation.findUnique({ where: { id: job.consultationId } });
  if (!consultation) throw new JobRefused("This export was not made: the consultation no longer exists.");
  const actor = await loadSessionUser(prisma, job.requestedById);
  if (!actor) throw new JobRefused("This export was not made: the account that asked for it is no longer active.");
  if (!(await mayExport(ctx, actor, consultation.id))) throw new JobRefused("This export was not made: you are no longer an organiser of this consultation.");

  const kind = job.kind as JobKind;
  const outPath = path.join(workDir, `result.${EXTENSION[kind]}`);
  const data = await buildReportData(prisma, actor, consultation, {
    // The job's own date, not the run's: a job run again (after a restart) gives the same file.
    generatedAt: job.createdAt,
    siteUrl: job.siteUrl ?? "",
    onProgress: (share) => opts.onProgress(1 + share * 24),
  });
  signal.throwIfAborted();
  let task: Exclude<WorkerTask, { type: "render" }>;
  const audience = kind === "package" ? audienceFor(consultation, job.scope as ExportScope, await viewerFor(prisma, actor, consultation.id)) : null;
  if (audience) {
    const logPath = job.scope === "staff" ? path.join(workDir, "moderation-log.csv") : null;
    if (logPath) await writeModerationLog(ctx, actor, consultation.id, logPath);
    task = {
      type: "package",
      scope: job.scope as ExportScope,
      data,
      meta: contributionsMeta(audience, job.createdAt),
      totalRows: await countContributions(prisma, audience),
      workDir: path.join(workDir, "package"),
      outPath,
      moderationLogPath: logPath,
    };
  } else {
    task = { type: "report-file", format: kind as "pdf" | "docx", data, outPath };
  }
  signal.throwIfAborted();
  const result = await opts.pool.writeFile(task, {
    signal,
    onProgress: (share) => opts.onProgress(25 + share * 74),
    fetchRows: async (rowKind, after) => {
      if (!audience) throw new Error("This task reads no rows.");
      return rowsWithinBudget<TExportRow>(await readBatch(prisma, audience, rowKind, after));
    },
  });
  return { path: outPath, ...result };
}

/** Text the main thread hands the export worker in one message, at most (see rowsWithinBudget). */
export const ROWS_MESSAGE_CHARS = 4 * 1024 * 1024;

/**
 * The first rows of a batch whose text fits the budget (always at least one row). The worker holds a few
 * messages at once (the package's three writers share them), and its heap is bounded (worker/run.ts):
 * 1,000 posts of the longest rich text would be 90 MB a message. The worker asks again after the last
 * row it got, so a cut batch costs a re-read, never a row.
 */
export function rowsWithinBudget<R extends object>(rows: R[], budgetChars = ROWS_MESSAGE_CHARS): R[] {
  let chars = 0;
  for (let i = 0; i < rows.length; i++) {
    chars += textSize(rows[i]);
    if (chars > budgetChars && i > 0) return rows.slice(0, i);
  }
  return rows;
}

/** The characters of a row's strings, lists and records included (a position's evidence can be most of it). */
function textSize(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (value === null || typeof value !== "object") return 8;
  let n = 8;
  for (const v of Array.isArray(value) ? value : Object.values(value)) n += textSize(v);
  return n;
}

/** The moderation log CSV exactly as GET …/moderation/log?format=csv serves it, written to a file. */
async function writeModerationLog(ctx: AppContext, actor: Actor, consultationId: string, file: string) {
  const out = fs.createWriteStream(file);
  const sink = Object.assign(new PassThrough(), { setHeader: () => undefined });
  sink.pipe(out);
  await streamAuditCsv(ctx.prisma, actor, consultationId, { limit: 1 }, sink as unknown as Response);
  await finished(out);
}
