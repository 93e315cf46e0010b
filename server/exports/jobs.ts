// Export jobs: long exports (the report as PDF or DOCX, the consultation package) run off the request
// path. The request writes a queued job to the database and returns 202; a runner on any process claims
// it (job-runner.ts, job-queue.ts) and makes the file in a worker thread (job-task.ts, worker/). Progress
// goes to the row and out through announceJob. Results are stored in the database, so every process can
// serve them, downloadable only by the requester, only while they may still export the consultation
// (checked again at every download), and only until they expire (EXPORT_RESULT_TTL_HOURS).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Response } from "express";
import type { AppContext } from "../context.ts";
import type { Actor } from "../accounts/actor.ts";
import type { ExportJob } from "../db/generated/client.ts";
import { AppError, errors } from "../http/errors.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import type { ExportJobStatus, TCreateExportJobBody } from "../../shared/schemas/exports.ts";
import { EXTENSION, mayExport, type JobKind } from "./job-task.ts";
import { announceJob } from "./job-progress.ts";
import { readResult } from "./job-queue.ts";
import type { ExportJobRunner } from "./job-runner.ts";

const CONTENT_TYPE = { pdf: "application/pdf", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", package: "application/zip" } as const;

/** A done job past its expiry is expired at once, even before the sweeper has deleted its result. */
function statusOf(job: ExportJob, now = new Date()): ExportJobStatus {
  return job.status === "done" && job.expiresAt && job.expiresAt <= now ? "expired" : job.status;
}

export function presentJob(job: ExportJob) {
  const status = statusOf(job);
  return {
    id: job.id,
    consultationId: job.consultationId,
    kind: job.kind,
    scope: job.scope,
    status,
    progress: job.progress,
    error: job.error,
    size: status === "done" ? job.resultSize : null,
    sha256: job.resultSha256,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    expiresAt: status === "done" ? (job.expiresAt?.toISOString() ?? null) : null,
    downloadUrl: status === "done" ? `/api/exports/jobs/${job.id}/download` : null,
  };
}

/** The requester's own job; anyone else gets the same 404 as for a job that does not exist. */
async function loadOwnJob(ctx: AppContext, actor: Actor, jobId: string): Promise<ExportJob> {
  const job = await ctx.prisma.exportJob.findUnique({ where: { id: jobId } });
  if (!job || job.requestedById !== actor.id) throw errors.notFound("Export job");
  return job;
}

/** siteUrl: the address the requester reached the site at, the base of the report's permalinks. */
export async function createExportJob(ctx: AppContext, runner: ExportJobRunner, actor: Actor, idOrSlug: string, input: TCreateExportJobBody, siteUrl: string) {
  const { consultation, viewer } = await loadReadableConsultation(ctx.prisma, actor, idOrSlug);
  if (!consultationPolicy.edit(viewer, consultation)) throw errors.forbidden("Only the consultation's organisers and admins can run exports.");
  const job = await ctx.prisma.exportJob.create({ data: { consultationId: consultation.id, requestedById: actor.id, kind: input.kind, scope: input.scope, siteUrl } });
  announceJob(ctx, job, "queued", 0);
  runner.nudge();
  return presentJob(job);
}

export async function getExportJob(ctx: AppContext, actor: Actor, jobId: string) {
  return presentJob(await loadOwnJob(ctx, actor, jobId));
}

/** Any process may cancel: a job running elsewhere stops at its runner's next progress write or heartbeat. */
export async function cancelExportJob(ctx: AppContext, runner: ExportJobRunner, actor: Actor, jobId: string) {
  const job = await loadOwnJob(ctx, actor, jobId);
  const { count } = await ctx.prisma.exportJob.updateMany({
    where: { id: job.id, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date(), lockedBy: null, leaseUntil: null },
  });
  if (count === 0) throw errors.conflict(`This export has already ${job.status === "done" ? "finished" : job.status}.`);
  await runner.cancel(job.id);
  announceJob(ctx, job, "cancelled", job.progress);
  return presentJob(await ctx.prisma.exportJob.findUniqueOrThrow({ where: { id: job.id } }));
}

function expiredError(ctx: AppContext) {
  const hours = Math.round((ctx.config.exports.resultTtlMs / 3_600_000) * 10) / 10;
  return new AppError("gone", `This export has expired (results are kept for ${hours} hours) and can no longer be downloaded. Make it again.`);
}

export async function sendExportJobResult(ctx: AppContext, actor: Actor, jobId: string, res: Response) {
  const job = await loadOwnJob(ctx, actor, jobId);
  // Authorised now, not when the job was created: a former organiser gets nothing.
  if (!(await mayExport(ctx, actor, job.consultationId))) throw errors.notFound("Export job");
  if (statusOf(job) === "expired") throw expiredError(ctx);
  if (job.status !== "done" || job.resultSize === null) throw errors.conflict("This export has no result to download.");
  const chunks = readResult(ctx.prisma, job.id);
  // The first chunk before any header: a result swept a moment ago is still a clean 410.
  const first = await chunks.next();
  if (first.done) throw expiredError(ctx);
  const consultation = await ctx.prisma.consultation.findUniqueOrThrow({ where: { id: job.consultationId }, select: { slug: true } });
  const kind = job.kind as JobKind;
  res.setHeader("Content-Type", CONTENT_TYPE[kind]);
  res.setHeader("Content-Length", String(job.resultSize));
  res.setHeader("Content-Disposition", `attachment; filename="${consultation.slug}-${kind === "package" ? `package-${job.scope}` : "summary"}.${EXTENSION[kind]}"`);
  res.setHeader("Cache-Control", "no-store");
  if (job.resultSha256) res.setHeader("X-Content-SHA256", job.resultSha256);
  const size = job.resultSize;
  await pipeline(
    Readable.from(
      (async function* () {
        let sent = first.value.length;
        yield first.value;
        for await (const chunk of chunks) {
          sent += chunk.length;
          yield chunk;
        }
        // Deleted while being sent (expired meanwhile): cut the response rather than end it short.
        if (sent !== size) throw new Error(`export ${job.id}: ${sent} of ${size} bytes stored`);
      })(),
    ),
    res,
  );
}
