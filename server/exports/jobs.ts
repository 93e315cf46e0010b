// Export jobs: long exports (the report as PDF or DOCX, the consultation package) run off the request
// path. The request creates a queued job and returns 202; a runner takes jobs one at a time, builds the
// report data on the main thread (asynchronous batched reads), and hands the heavy work to a worker thread
// (see worker/run.ts). Progress goes to the ExportJob row and out as an "export:progress" domain event.
// Results are files with random names under DATA_DIR/exports/, downloadable only by the requester, and
// only while they may still read the consultation at the job's scope: access is checked again at download.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { PassThrough } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import type { Response } from "express";
import type { AppContext } from "../context.ts";
import type { Actor } from "../accounts/actor.ts";
import type { ExportJob } from "../db/generated/client.ts";
import { errors } from "../http/errors.ts";
import { recordEventNow } from "../events/record.ts";
import { loadReadableConsultation, viewerFor } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { streamAuditCsv } from "../moderation/reports.ts";
import type { ExportScope, TCreateExportJobBody } from "../../shared/schemas/exports.ts";
import { audienceFor } from "./scope.ts";
import { countContributions, readEndorsementBatch, readPositionBatch, readPostBatch } from "./rows.ts";
import { contributionsMeta } from "./contributions.ts";
import { buildReportData } from "./report/build.ts";
import { startWorker, type WorkerHandle } from "./worker/run.ts";
import type { WorkerTask } from "./worker/protocol.ts";

const FILE_NAME = /^[0-9a-f]{32}\.(zip|pdf|docx)$/;
const EXTENSION = { pdf: "pdf", docx: "docx", package: "zip" } as const;
const CONTENT_TYPE = { pdf: "application/pdf", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", package: "application/zip" } as const;

export const exportsDir = (dataDir: string) => path.resolve(dataDir, "exports");

export function presentJob(job: ExportJob) {
  return {
    id: job.id,
    consultationId: job.consultationId,
    kind: job.kind,
    scope: job.scope,
    status: job.status,
    progress: job.progress,
    error: job.error,
    size: job.resultSize,
    sha256: job.resultSha256,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    downloadUrl: job.status === "done" ? `/api/exports/jobs/${job.id}/download` : null,
  };
}

/** Exports of the current record are the organisers' (public-scope ones too: they preview an unpublished report). */
async function mayExport(ctx: AppContext, actor: Actor, consultationId: string): Promise<boolean> {
  const consultation = await ctx.prisma.consultation.findUnique({ where: { id: consultationId } });
  if (!consultation) return false;
  const viewer = await viewerFor(ctx.prisma, actor, consultationId);
  return consultationPolicy.read(viewer, consultation) && consultationPolicy.edit(viewer, consultation);
}

/** The requester's own job; anyone else gets the same 404 as for a job that does not exist. */
async function loadOwnJob(ctx: AppContext, actor: Actor, jobId: string): Promise<ExportJob> {
  const job = await ctx.prisma.exportJob.findUnique({ where: { id: jobId } });
  if (!job || job.requestedById !== actor.id) throw errors.notFound("Export job");
  return job;
}

/** Progress goes to the requester's sockets, on whichever process they are, through the event log. */
function publishProgress(ctx: AppContext, job: ExportJob, status: ExportJob["status"], progress: number) {
  return recordEventNow(ctx.prisma, { consultationId: job.consultationId, type: "export:progressed", payload: { jobId: job.id, userId: job.requestedById, status, progress } });
}

interface QueuedJob {
  jobId: string;
  actor: Actor;
  siteUrl: string;
}

export class ExportJobRunner {
  private readonly queue: QueuedJob[] = [];
  private current: { jobId: string; worker?: WorkerHandle; cancelled: boolean } | null = null;
  private lastProgress = new Map<string, number>();
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: AppContext) {}

  enqueue(job: QueuedJob): void {
    this.queue.push(job);
    void this.next();
  }

  /** Stops a queued or running job. The caller has already marked it cancelled. */
  async cancel(jobId: string): Promise<void> {
    const queued = this.queue.findIndex((j) => j.jobId === jobId);
    if (queued >= 0) this.queue.splice(queued, 1);
    if (this.current?.jobId === jobId) {
      this.current.cancelled = true;
      await this.current.worker?.terminate();
    }
  }

  /** Progress and status: written to the row (in order) and emitted for the real-time layer. */
  private report(job: ExportJob, status: ExportJob["status"], progress: number, extra: Partial<ExportJob> = {}, force = false) {
    const rounded = Math.max(0, Math.min(100, Math.round(progress)));
    const last = this.lastProgress.get(job.id);
    if (!force && status === "running" && last !== undefined && rounded < last + 2) return this.writes;
    this.lastProgress.set(job.id, rounded);
    this.writes = this.writes
      .then(async () => {
        // Never overwrite a cancellation or a finished state with a late progress update.
        const { count } = await this.ctx.prisma.exportJob.updateMany({
          where: { id: job.id, status: { in: ["queued", "running"] } },
          data: { status, progress: rounded, ...extra },
        });
        if (count > 0) await publishProgress(this.ctx, job, status, rounded);
      })
      .catch((err: unknown) => console.error(`[export ${job.id}] could not record progress`, err));
    return this.writes;
  }

  private async next(): Promise<void> {
    if (this.current) return;
    const item = this.queue.shift();
    if (!item) return;
    this.current = { jobId: item.jobId, cancelled: false };
    try {
      await this.run(item);
    } catch (err) {
      console.error(`[export ${item.jobId}] failed`, err);
    } finally {
      this.lastProgress.delete(item.jobId);
      this.current = null;
      void this.next();
    }
  }

  private async run(item: QueuedJob): Promise<void> {
    const { prisma, config } = this.ctx;
    const job = await prisma.exportJob.findUnique({ where: { id: item.jobId } });
    if (!job || job.status !== "queued") return;
    const consultation = await prisma.consultation.findUnique({ where: { id: job.consultationId } });
    if (!consultation) return;
    const dir = exportsDir(config.dataDir);
    const fileName = `${crypto.randomBytes(16).toString("hex")}.${EXTENSION[job.kind as keyof typeof EXTENSION]}`;
    const outPath = path.join(dir, fileName);
    const workDir = path.join(dir, `work-${crypto.randomBytes(8).toString("hex")}`);
    const cancelled = () => this.current?.cancelled === true;
    try {
      fs.mkdirSync(workDir, { recursive: true });
      await this.report(job, "running", 1, {}, true);
      const data = await buildReportData(prisma, item.actor, consultation, {
        generatedAt: job.createdAt,
        siteUrl: item.siteUrl,
        onProgress: (share) => void this.report(job, "running", 1 + share * 24),
      });
      if (cancelled()) return;
      let task: WorkerTask;
      const audience = job.kind === "package" ? audienceFor(consultation, job.scope as ExportScope, await viewerFor(prisma, item.actor, consultation.id)) : null;
      if (job.kind === "package") {
        const logPath = job.scope === "staff" ? path.join(workDir, "moderation-log.csv") : null;
        if (logPath) await writeModerationLog(this.ctx, item.actor, consultation.id, logPath);
        task = {
          type: "package",
          scope: job.scope as ExportScope,
          data,
          meta: contributionsMeta(audience!, job.createdAt),
          totalRows: await countContributions(prisma, audience!),
          workDir,
          outPath,
          moderationLogPath: logPath,
        };
      } else {
        task = { type: "report-file", format: job.kind as "pdf" | "docx", data, outPath };
      }
      if (cancelled()) return;
      const worker = startWorker(task, {
        onProgress: (share) => void this.report(job, "running", 25 + share * 74),
        fetchRows: async (kind, after) => {
          if (kind === "post") return readPostBatch(prisma, audience!, Number(after));
          if (kind === "position") return readPositionBatch(prisma, audience!, String(after));
          return readEndorsementBatch(prisma, audience!, String(after));
        },
      });
      this.current!.worker = worker;
      const result = await worker.result;
      await this.writes;
      const { count } = await prisma.exportJob.updateMany({
        where: { id: job.id, status: "running" },
        data: { status: "done", progress: 100, resultPath: fileName, resultSize: result.size!, resultSha256: result.sha256!, finishedAt: new Date() },
      });
      if (count === 0) return fs.rmSync(outPath, { force: true });
      await publishProgress(this.ctx, job, "done", 100);
    } catch (err) {
      fs.rmSync(outPath, { force: true });
      if (cancelled()) return;
      console.error(`[export ${job.id}] failed`, err);
      await this.writes;
      await this.report(job, "failed", 0, { error: "The export failed. Try again, or ask an administrator to check the server log.", finishedAt: new Date() }, true);
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }
}

/** The moderation log CSV exactly as GET …/moderation/log?format=csv serves it, written to a file. */
async function writeModerationLog(ctx: AppContext, actor: Actor, consultationId: string, file: string) {
  const out = fs.createWriteStream(file);
  const sink = Object.assign(new PassThrough(), { setHeader: () => undefined });
  sink.pipe(out);
  await streamAuditCsv(ctx.prisma, actor, consultationId, { limit: 1 }, sink as unknown as Response);
  await finished(out);
}

export async function createExportJob(ctx: AppContext, runner: ExportJobRunner, actor: Actor, idOrSlug: string, input: TCreateExportJobBody, siteUrl: string) {
  const { consultation, viewer } = await loadReadableConsultation(ctx.prisma, actor, idOrSlug);
  if (!consultationPolicy.edit(viewer, consultation)) throw errors.forbidden("Only the consultation's organisers and admins can run exports.");
  const job = await ctx.prisma.exportJob.create({ data: { consultationId: consultation.id, requestedById: actor.id, kind: input.kind, scope: input.scope } });
  await publishProgress(ctx, job, "queued", 0);
  runner.enqueue({ jobId: job.id, actor, siteUrl });
  return presentJob(job);
}

export async function getExportJob(ctx: AppContext, actor: Actor, jobId: string) {
  return presentJob(await loadOwnJob(ctx, actor, jobId));
}

export async function cancelExportJob(ctx: AppContext, runner: ExportJobRunner, actor: Actor, jobId: string) {
  const job = await loadOwnJob(ctx, actor, jobId);
  const { count } = await ctx.prisma.exportJob.updateMany({
    where: { id: job.id, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date() },
  });
  if (count === 0) throw errors.conflict(`This export has already ${job.status === "done" ? "finished" : job.status}.`);
  await runner.cancel(job.id);
  await publishProgress(ctx, job, "cancelled", job.progress);
  return presentJob(await ctx.prisma.exportJob.findUniqueOrThrow({ where: { id: job.id } }));
}

export async function sendExportJobResult(ctx: AppContext, actor: Actor, jobId: string, res: Response) {
  const job = await loadOwnJob(ctx, actor, jobId);
  // Authorised now, not when the job was created: a former organiser gets nothing.
  if (!(await mayExport(ctx, actor, job.consultationId))) throw errors.notFound("Export job");
  if (job.status !== "done" || !job.resultPath || !FILE_NAME.test(job.resultPath)) throw errors.conflict("This export has no result to download.");
  const file = path.join(exportsDir(ctx.config.dataDir), job.resultPath);
  if (!fs.existsSync(file)) throw errors.notFound("Export file");
  const consultation = await ctx.prisma.consultation.findUniqueOrThrow({ where: { id: job.consultationId }, select: { slug: true } });
  const kind = job.kind as keyof typeof EXTENSION;
  res.setHeader("Content-Type", CONTENT_TYPE[kind]);
  res.setHeader("Content-Length", String(fs.statSync(file).size));
  res.setHeader("Content-Disposition", `attachment; filename="${consultation.slug}-${kind === "package" ? `package-${job.scope}` : "summary"}.${EXTENSION[kind]}"`);
  res.setHeader("Cache-Control", "no-store");
  if (job.resultSha256) res.setHeader("X-Content-SHA256", job.resultSha256);
  await pipeline(fs.createReadStream(file), res);
}
