// The export_jobs table as a queue shared by every process. A runner claims the oldest queued job with
// FOR UPDATE SKIP LOCKED (two processes claiming at once take different jobs, neither waits), holds it
// with a lease it renews while running, and every later write about the job is conditioned on still
// holding it (status running, locked_by = this runner): a runner that lost its job to cancellation or to
// recovery cannot overwrite what happened since. Leases are compared with each process's clock, so clocks
// must agree to well within a lease (NTP does).
import fs from "node:fs";
import type { PrismaClient } from "../db/index.ts";
import { Prisma, type ExportJob } from "../db/generated/client.ts";
import { directTransaction, readRows } from "../db/direct-reads.ts";

/** Results are stored in pieces of this size: small enough to stream, large enough to be few rows. */
export const CHUNK_BYTES = 1024 * 1024;
/** Storing a large result is one transaction; Prisma's default 5 s limit is for short ones. */
const STORE_TIMEOUT_MS = 10 * 60_000;

const held = (jobId: string, runnerId: string) => ({ id: jobId, status: "running" as const, lockedBy: runnerId });
const released = { lockedBy: null, leaseUntil: null };

/** Takes the oldest queued job for this runner, or null when there is none. */
export async function claimJob(prisma: PrismaClient, runnerId: string, leaseMs: number): Promise<ExportJob | null> {
  // Most polls find nothing: one plain read then, not a transaction.
  if (!(await prisma.exportJob.findFirst({ where: { status: "queued" }, select: { id: true } }))) return null;
  return prisma.$transaction(async (tx) => {
    // The row stays locked until this transaction commits with the job running: a concurrent claim
    // skips it, and one that reads it after the commit no longer sees it queued.
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "export_jobs" WHERE "status" = 'queued' ORDER BY "created_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED`;
    if (!row) return null;
    return tx.exportJob.update({
      where: { id: row.id },
      data: { status: "running", progress: 1, attempts: { increment: 1 }, lockedBy: runnerId, leaseUntil: new Date(Date.now() + leaseMs) },
    });
  });
}

/** The heartbeat. False when the job is no longer this runner's (cancelled, or recovered by another). */
export async function renewLease(prisma: PrismaClient, jobId: string, runnerId: string, leaseMs: number): Promise<boolean> {
  const { count } = await prisma.exportJob.updateMany({ where: held(jobId, runnerId), data: { leaseUntil: new Date(Date.now() + leaseMs) } });
  return count > 0;
}

export async function recordProgress(prisma: PrismaClient, jobId: string, runnerId: string, progress: number): Promise<boolean> {
  const { count } = await prisma.exportJob.updateMany({ where: held(jobId, runnerId), data: { progress } });
  return count > 0;
}

export async function failJob(prisma: PrismaClient, jobId: string, runnerId: string, error: string): Promise<boolean> {
  const { count } = await prisma.exportJob.updateMany({ where: held(jobId, runnerId), data: { status: "failed", progress: 0, error, finishedAt: new Date(), ...released } });
  return count > 0;
}

/** Shutdown: the job goes back to the queue for any process, and this run does not count as an attempt. */
export async function handBack(prisma: PrismaClient, jobId: string, runnerId: string): Promise<boolean> {
  const { count } = await prisma.exportJob.updateMany({ where: held(jobId, runnerId), data: { status: "queued", progress: 0, attempts: { decrement: 1 }, ...released } });
  return count > 0;
}

/** A moment as a timestamp(3) value in UTC (Prisma's convention), whatever the database session's zone. */
const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * Stores the finished file as chunks and marks the job done, in one transaction: a download never sees
 * half a result, and a job lost meanwhile (cancelled, recovered) stores nothing. False in that case.
 * Plain statements (directTransaction): through Prisma's runtime each 1 MiB chunk was copied several
 * times over, and storing and sending a 27 MiB package grew the server by 300 MiB (W6).
 */
export async function storeResult(prisma: PrismaClient, jobId: string, runnerId: string, file: string, result: { size: number; sha256: string }, expiresAt: Date): Promise<boolean> {
  return directTransaction(
    prisma,
    async (run) => {
      // Locking the row holds off recovery and cancellation until the result is in.
      const [row] = await run<{ id: string }>(Prisma.sql`
        SELECT "id" FROM "export_jobs" WHERE "id" = ${jobId} AND "status" = 'running' AND "locked_by" = ${runnerId} FOR UPDATE`);
      if (!row) return false;
      // On PostgreSQL the timeout bounds each statement: the transaction as a whole gets its own deadline.
      const deadline = Date.now() + STORE_TIMEOUT_MS;
      let ordinal = 0;
      // Read piece by piece: memory holds one chunk, whatever the size of the result.
      for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
        // Decoded in SQL: pglite-prisma-adapter 0.6 passes Prisma's Bytes to PGlite as base64 text (it
        // ignores the argument types), which PGlite refuses for bytea; the same statement on both databases.
        if (Date.now() > deadline) throw new Error(`export ${jobId}: storing the result took longer than ${STORE_TIMEOUT_MS / 60_000} minutes`);
        await run(Prisma.sql`INSERT INTO "export_job_chunks" ("job_id", "ordinal", "data") VALUES (${jobId}, ${ordinal++}, decode(${(chunk as Buffer).toString("base64")}, 'base64'))`);
      }
      await run(Prisma.sql`
        UPDATE "export_jobs" SET "status" = 'done', "progress" = 100, "result_size" = ${result.size}, "result_sha256" = ${result.sha256},
          "finished_at" = ${utc(new Date())}, "expires_at" = ${utc(expiresAt)}, "locked_by" = NULL, "lease_until" = NULL
        WHERE "id" = ${jobId}`);
      return true;
    },
    { timeoutMs: STORE_TIMEOUT_MS, maxWaitMs: STORE_TIMEOUT_MS },
  );
}

/** The reason a requester reads on a job failed because its runs kept being cut short. */
export function stoppedReason(attempts: number): string {
  const times = attempts === 1 ? "" : attempts === 2 ? " twice" : ` ${attempts} times`;
  return `The server stopped${times} while making this export; start it again.`;
}

/**
 * Running jobs whose runner died (lease expired): re-queued while attempts remain, failed otherwise.
 * `anyRunning`: every running job counts as abandoned, whatever its lease (at the boot of the only
 * process a database can have, PGlite). Each row is moved by a conditional update: two processes
 * recovering at once move it once.
 */
export async function recoverAbandoned(prisma: PrismaClient, opts: { maxAttempts: number; anyRunning?: boolean; ownRunner?: string }) {
  const now = new Date();
  const abandoned = {
    status: "running" as const,
    AND: [
      opts.anyRunning ? {} : { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      // A runner's own jobs are alive, however late its heartbeat (a busy event loop): never its to recover.
      opts.ownRunner ? { OR: [{ lockedBy: null }, { lockedBy: { not: opts.ownRunner } }] } : {},
    ],
  };
  const stale = await prisma.exportJob.findMany({ where: abandoned, select: { id: true, attempts: true }, orderBy: { createdAt: "asc" }, take: 100 });
  const requeued: ExportJob[] = [];
  const failed: ExportJob[] = [];
  for (const job of stale) {
    const where = { ...abandoned, id: job.id };
    if (job.attempts < opts.maxAttempts) {
      requeued.push(...(await prisma.exportJob.updateManyAndReturn({ where, data: { status: "queued", progress: 0, ...released } })));
    } else {
      failed.push(...(await prisma.exportJob.updateManyAndReturn({ where, data: { status: "failed", progress: 0, error: stoppedReason(job.attempts), finishedAt: now, ...released } })));
    }
  }
  return { requeued, failed };
}

/** Deletes the results of done jobs past their expiry; the jobs become expired. */
export async function sweepExpired(prisma: PrismaClient): Promise<ExportJob[]> {
  const due = { status: "done" as const, expiresAt: { lte: new Date() } };
  if (!(await prisma.exportJob.findFirst({ where: due, select: { id: true } }))) return [];
  return prisma.$transaction(async (tx) => {
    const expired = await tx.exportJob.updateManyAndReturn({ where: due, data: { status: "expired" } });
    if (expired.length) await tx.exportJobChunk.deleteMany({ where: { jobId: { in: expired.map((j) => j.id) } } });
    return expired;
  });
}

/** A stored result's chunks in order, one query (and one chunk in memory) at a time. */
export async function* readResult(prisma: PrismaClient, jobId: string): AsyncGenerator<Buffer> {
  for (let ordinal = 0; ; ordinal++) {
    // readRows: on PostgreSQL the chunk arrives as one Buffer, not through Prisma's value conversion.
    const [chunk] = await readRows<{ data: Uint8Array }>(prisma, Prisma.sql`SELECT "data" FROM "export_job_chunks" WHERE "job_id" = ${jobId} AND "ordinal" = ${ordinal}`);
    if (!chunk) return;
    yield Buffer.isBuffer(chunk.data) ? chunk.data : Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
  }
}
