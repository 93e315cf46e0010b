// Export jobs tell their requester's sockets about every change through this one function (queued,
// progress, done, failed, cancelled, handed back, expired), whichever process made the change: each
// announcement is a domain event, delivered to the requester's user room by every process's dispatcher.
// Announcements of this process are recorded one after the other, so a job's progress never arrives
// out of order (40 after 42).
import type { AppContext } from "../context.ts";
import type { ExportJobStatus } from "../../shared/schemas/exports.ts";
import { recordEventNow } from "../events/record.ts";

export interface AnnouncedJob {
  id: string;
  requestedById: string;
  consultationId: string;
}

let announcements: Promise<void> = Promise.resolve();

export function announceJob(ctx: AppContext, job: AnnouncedJob, status: ExportJobStatus, progress: number): void {
  announcements = announcements
    .then(() => recordEventNow(ctx.prisma, { consultationId: job.consultationId, type: "export:progressed", payload: { jobId: job.id, userId: job.requestedById, status, progress } }))
    .catch((err: unknown) => console.error(`[export ${job.id}] could not announce "${status}"`, err));
}

/** Resolves once every announcement made so far is recorded (before the database closes). */
export function announced(): Promise<void> {
  return announcements;
}
