// Running export work in a bounded pool of worker threads (piscina), from the main thread.
//
// Why the worker never opens the database: PGlite is an in-process, single-connection database. The main
// thread owns it, and another thread can open neither the same instance (tests use in-memory ones) nor
// its folder. Rather than two code paths (PostgreSQL workers with their own pool, PGlite without), both
// databases work the same way: the main thread reads rows in keyset batches (asynchronous queries, a few
// milliseconds each) and hands them to the worker when it asks; the worker does the CPU-heavy part
// (serialising, compressing, laying out PDF and DOCX). It is pull-based: the worker asks for the next
// batch once it has written the previous one, so memory stays bounded whatever the size of the export.
// The asking goes over a MessagePort sent with each task (piscina's own channel carries only the task
// and its result).
import { fileURLToPath } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { ReportData, ReportFormat, TExportRow } from "../../../shared/schemas/exports.ts";
import type { FileResult, FromWorker, PoolTask, RowKind, ToWorker, WorkerTask } from "./protocol.ts";

// entry.mjs registers tsx in the thread, then loads main.ts.
const ENTRY = fileURLToPath(new URL("./entry.mjs", import.meta.url));
/** Threads idle this long are stopped (and started again on demand). */
const IDLE_MS = 60_000;
/**
 * A worker's heap, bounded. Unbounded, V8 let a package's garbage pile up (the rows, the sheet XML, the
 * CSV and JSON text) before collecting it. W6's package, 100,000 posts, two runs each: +365/+458 MiB
 * unbounded, +442/+466 at 192/16 MiB, +315/+330 at 128/8 (the rest is the main thread's report data and
 * memory outside the heaps). What a worker holds at once is a few messages of rows (rowsWithinBudget,
 * job-task.ts: at most 4 Mi characters each) and its writers' state, well under the bound; a worker that
 * runs out anyway fails its job with an error, it does not take the server down.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };

export interface TaskHandlers {
  onProgress?: (share: number) => void;
  fetchRows?: (kind: RowKind, after: string | number) => Promise<TExportRow[]>;
  /** Aborting stops the task at once: queued, it leaves the queue; running, its thread is terminated. */
  signal?: AbortSignal;
}

export class ExportWorkerPool {
  private piscina: Piscina | null = null;
  private closed = false;
  private terminated = 0;

  constructor(readonly threads: number) {}

  // Created on first use: a server that never exports starts no thread (nor does createApp in tests).
  private get pool(): Piscina {
    if (this.closed) throw new Error("The export workers have been stopped.");
    if (!this.piscina) {
      this.piscina = new Piscina({ filename: ENTRY, minThreads: 0, maxThreads: this.threads, idleTimeout: IDLE_MS, resourceLimits: WORKER_HEAP });
      this.piscina.on("workerDestroy", () => this.terminated++);
    }
    return this.piscina;
  }

  /** Renders one report format (summary version downloads). */
  async render(data: ReportData, format: ReportFormat): Promise<Buffer> {
    const bytes = (await this.run({ type: "render", format, data })) as Uint8Array;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Writes a job's file (report-file, package) and returns its size and SHA-256. */
  async writeFile(task: Exclude<WorkerTask, { type: "render" }>, handlers: TaskHandlers = {}): Promise<FileResult> {
    return (await this.run(task, handlers)) as FileResult;
  }

  private async run(task: WorkerTask, handlers: TaskHandlers = {}): Promise<FileResult | Uint8Array> {
    const { port1, port2 } = new MessageChannel();
    let settled = false;
    let failure: Error | null = null;
    // A failed row read fails the task: the worker gets the error in answer to its request.
    port1.on("message", (m: FromWorker) => {
      if (m.type === "progress") return handlers.onProgress?.(m.share);
      const reply = (answer: ToWorker) => {
        if (!settled) port1.postMessage(answer);
      };
      if (!handlers.fetchRows) return reply({ type: "rows-failed", requestId: m.requestId, message: "This task cannot read rows." });
      handlers.fetchRows(m.kind, m.after).then(
        (rows) => reply({ type: "rows", requestId: m.requestId, rows }),
        (err: unknown) => {
          failure ??= err instanceof Error ? err : new Error(String(err));
          reply({ type: "rows-failed", requestId: m.requestId, message: failure.message });
        },
      );
    });
    try {
      const payload: PoolTask = { task, port: port2 };
      return await this.pool.run(payload, { transferList: [port2], signal: handlers.signal ?? null });
    } catch (err) {
      throw failure ?? err;
    } finally {
      settled = true;
      port1.close();
    }
  }

  /** For tests: threads running now, and how many were terminated (cancellation, failure, idleness). */
  stats(): { threads: number; terminated: number } {
    return { threads: this.piscina?.threads.length ?? 0, terminated: this.terminated };
  }

  /** Stops every thread; tasks still queued or running reject. */
  async close(): Promise<void> {
    const pool = this.piscina;
    this.closed = true;
    this.piscina = null;
    await pool?.destroy();
  }
}
