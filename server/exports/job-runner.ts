// The export job runner of one process. Every poll (EXPORT_POLL_INTERVAL_MS, and at once when a job is
// made here) it recovers jobs whose process died, sweeps expired results, and claims queued jobs from
// the database while it has a free worker thread (EXPORT_WORKERS). Whichever process a job was made on,
// any process may run it; see job-queue.ts for how a job is held by one runner only.
//
// A running job is stopped through its AbortController, by whoever changed its row first: a cancellation
// (the row says cancelled), the heartbeat or a progress write finding the job no longer ours (cancelled on
// another process, or recovered), or stop() at shutdown (which hands the job back). The run itself then
// writes nothing more.
import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppContext } from "../context.ts";
import type { ExportJob } from "../db/generated/client.ts";
import { ExportWorkerPool } from "./worker/run.ts";
import { buildJobFile, JobRefused } from "./job-task.ts";
import { announceJob } from "./job-progress.ts";
import { claimJob, failJob, handBack, recordProgress, recoverAbandoned, renewLease, storeResult, sweepExpired } from "./job-queue.ts";

const FAILED = "The export failed. Try again, or ask an administrator to check the server log.";
/** How long stop() and cancel() wait for a run to wind down (the database closes right after stop). */
const STOP_WAIT_MS = 5_000;

interface Run {
  job: ExportJob;
  abort: AbortController;
  done: Promise<void>;
  lastProgress: number;
  /** Progress writes, in order. */
  writes: Promise<unknown>;
}

const bounded = (p: Promise<unknown>, ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void p.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });

export class ExportJobRunner {
  /** Written to locked_by: unique per runner, so two servers in one process (tests) are told apart too. */
  readonly id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  readonly pool: ExportWorkerPool;
  /** "started" (jobId) when this runner starts running a job: for logs and tests, not for clients. */
  readonly activity = new EventEmitter();
  private readonly runs = new Map<string, Run>();
  private timer: NodeJS.Timeout | undefined;
  private cycle: Promise<void> | null = null;
  private again = false;
  private started = false;
  private stopping: Promise<void> | null = null;
  /** Set at start on a database only this process can open (PGlite): every running job there is abandoned. */
  private recoverAnyRunning = false;

  constructor(private readonly ctx: AppContext) {
    this.pool = new ExportWorkerPool(ctx.config.exports.workers);
  }

  private get settings() {
    return this.ctx.config.exports;
  }

  start(opts: { exclusiveDatabase?: boolean } = {}): void {
    if (this.started) return;
    this.started = true;
    this.recoverAnyRunning = opts.exclusiveDatabase ?? false;
    this.timer = setInterval(() => this.tick(), this.settings.pollIntervalMs);
    this.timer.unref();
    this.tick();
  }

  /** A job was queued by this process: look now rather than at the next poll. */
  nudge(): void {
    this.tick();
  }

  /** Stops a job of this runner at once. The caller has already marked it cancelled. */
  async cancel(jobId: string): Promise<void> {
    const run = this.runs.get(jobId);
    if (!run) return;
    run.abort.abort(new Error("cancelled"));
    await bounded(run.done, STOP_WAIT_MS);
  }

  /**
   * Shutdown: claims nothing more, stops the running jobs' workers and hands the jobs back to the queue
   * (queued, lease cleared, the attempt not counted), so that the next process to poll runs them.
   * The pool stays up for requests still in flight (summary renders): close it after them.
   */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      clearInterval(this.timer);
      const runs = [...this.runs.values()];
      for (const run of runs) run.abort.abort(new Error("stopping"));
      await bounded(Promise.all([this.cycle, ...runs.map((r) => r.done)]), STOP_WAIT_MS);
      // Even a run that did not wind down in time is handed back: its own writes are conditioned on
      // holding the job, so once this lands it can change nothing.
      for (const run of runs) await this.giveBack(run.job);
    })());
  }

  private tick(): void {
    if (!this.started || this.stopping) return;
    if (this.cycle) {
      this.again = true;
      return;
    }
    this.cycle = this.poll()
      .catch((err: unknown) => console.error("[exports] polling the job queue failed", err))
      .finally(() => {
        this.cycle = null;
        if (this.again) {
          this.again = false;
          this.tick();
        }
      });
  }

  private async poll(): Promise<void> {
    const { prisma } = this.ctx;
    const recovered = await recoverAbandoned(prisma, { maxAttempts: this.settings.maxAttempts, anyRunning: this.recoverAnyRunning, ownRunner: this.id });
    this.recoverAnyRunning = false;
    for (const job of recovered.requeued) announceJob(this.ctx, job, "queued", 0);
    for (const job of recovered.failed) announceJob(this.ctx, job, "failed", 0);
    for (const job of await sweepExpired(prisma)) announceJob(this.ctx, job, "expired", job.progress);
    while (!this.stopping && this.runs.size < this.pool.threads) {
      const job = await claimJob(prisma, this.id, this.settings.leaseMs);
      if (!job) return;
      // stop() began while this claim was on its way: the job goes straight back.
      if (this.stopping) return void (await this.giveBack(job));
      this.launch(job);
    }
  }

  private async giveBack(job: ExportJob): Promise<void> {
    try {
      if (await handBack(this.ctx.prisma, job.id, this.id)) announceJob(this.ctx, job, "queued", 0);
    } catch (err) {
      console.error(`[export ${job.id}] could not be handed back; it will be recovered when its lease expires`, err);
    }
  }

  private launch(job: ExportJob): void {
    const run: Run = { job, abort: new AbortController(), done: Promise.resolve(), lastProgress: job.progress, writes: Promise.resolve() };
    this.runs.set(job.id, run);
    run.done = this.execute(run)
      .catch((err: unknown) => console.error(`[export ${job.id}] failed`, err))
      .finally(() => {
        this.runs.delete(job.id);
        this.tick();
      });
  }

  private async execute(run: Run): Promise<void> {
    const { prisma } = this.ctx;
    const { job } = run;
    const signal = run.abort.signal;
    this.activity.emit("started", job.id);
    announceJob(this.ctx, job, "running", job.progress);
    const heartbeat = setInterval(() => {
      renewLease(prisma, job.id, this.id, this.settings.leaseMs).then(
        (held) => held || run.abort.abort(new Error("lost")),
        (err: unknown) => console.error(`[export ${job.id}] could not renew its lease`, err),
      );
    }, this.settings.leaseMs / 3);
    heartbeat.unref();
    let workDir: string | null = null;
    try {
      // A temporary folder of this machine, for the time of the build only; the result goes to the database.
      workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), `roundtable-export-${job.id}-`));
      const file = await buildJobFile(this.ctx, job, { pool: this.pool, workDir, signal, onProgress: (p) => this.progress(run, p) });
      signal.throwIfAborted();
      await run.writes;
      const expiresAt = new Date(Date.now() + this.settings.resultTtlMs);
      if (await storeResult(prisma, job.id, this.id, file.path, file, expiresAt)) announceJob(this.ctx, job, "done", 100);
    } catch (err) {
      // Whoever stopped the run has already recorded why (cancelled, handed back, recovered elsewhere).
      if (signal.aborted) return;
      await run.writes;
      if (!(err instanceof JobRefused)) console.error(`[export ${job.id}] failed`, err);
      const reason = err instanceof JobRefused ? err.message : FAILED;
      if (await failJob(prisma, job.id, this.id, reason)) announceJob(this.ctx, job, "failed", 0);
    } finally {
      clearInterval(heartbeat);
      if (workDir) await fs.promises.rm(workDir, { recursive: true, force: true });
    }
  }

  /** Progress on the row (in order, every 2 points at most) and to the requester. */
  private progress(run: Run, percent: number): void {
    const rounded = Math.max(0, Math.min(99, Math.round(percent)));
    if (rounded < run.lastProgress + 2) return;
    run.lastProgress = rounded;
    run.writes = run.writes
      .then(async () => {
        if (run.abort.signal.aborted) return;
        if (await recordProgress(this.ctx.prisma, run.job.id, this.id, rounded)) announceJob(this.ctx, run.job, "running", rounded);
        else run.abort.abort(new Error("lost"));
      })
      .catch((err: unknown) => console.error(`[export ${run.job.id}] could not record progress`, err));
  }
}
