// Export jobs tell their requester's sockets about every change through this one function (queued,
// progress, done, failed, cancelled, handed back, expired), whichever process made the change.
import type { AppContext } from "../context.ts";
import type { ExportJobStatus } from "../../shared/schemas/exports.ts";

export interface AnnouncedJob {
  id: string;
  requestedById: string;
  consultationId: string;
}

export function announceJob(ctx: AppContext, job: AnnouncedJob, status: ExportJobStatus, progress: number): void {
  ctx.events.emit("export:progress", { jobId: job.id, userId: job.requestedById, consultationId: job.consultationId, status, progress });
}
