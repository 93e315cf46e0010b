// Running an export worker from the main thread.
//
// Why the worker never opens the database: PGlite is an in-process, single-connection database. The main
// thread owns it, and another thread can open neither the same instance (tests use in-memory ones) nor
// its folder. Rather than two code paths (PostgreSQL workers with their own pool, PGlite without), both
// databases work the same way: the main thread reads rows in keyset batches (asynchronous queries, a few
// milliseconds each) and hands them to the worker when it asks; the worker does the CPU-heavy part
// (serialising, compressing, laying out PDF and DOCX). It is pull-based: the worker asks for the next
// batch once it has written the previous one, so memory stays bounded whatever the size of the export.
import { Worker } from "node:worker_threads";
import type { TExportRow } from "../../../shared/schemas/exports.ts";
import type { FromWorker, RowKind, ToWorker, WorkerTask } from "./protocol.ts";

const ENTRY = new URL("./entry.mjs", import.meta.url);
const MAIN = new URL("./main.ts", import.meta.url).href;

export interface WorkerHandlers {
  onProgress?: (share: number) => void;
  fetchRows?: (kind: RowKind, after: string | number) => Promise<TExportRow[]>;
}

export interface WorkerHandle {
  result: Promise<Extract<FromWorker, { type: "done" }>>;
  /** Stops the worker at once (cancellation); `result` then rejects. */
  terminate(): Promise<void>;
}

export class WorkerStopped extends Error {
  constructor() {
    super("The export worker was stopped.");
  }
}

export function startWorker(task: WorkerTask, handlers: WorkerHandlers = {}): WorkerHandle {
  const worker = new Worker(ENTRY, { workerData: { main: MAIN } });
  // A running export must not keep a stopping server's process alive.
  worker.unref();
  let settled = false;
  const result = new Promise<Extract<FromWorker, { type: "done" }>>((resolve, reject) => {
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const fail = (err: Error) => {
      finish(() => reject(err));
      void worker.terminate();
    };
    worker.on("message", (m: FromWorker) => {
      if (m.type === "progress") handlers.onProgress?.(m.share);
      else if (m.type === "fetch") {
        if (!handlers.fetchRows) return fail(new Error("This task cannot read rows."));
        handlers
          .fetchRows(m.kind, m.after)
          .then((rows) => {
            if (!settled) worker.postMessage({ type: "rows", requestId: m.requestId, rows } satisfies ToWorker);
          })
          .catch((err: unknown) => fail(err instanceof Error ? err : new Error(String(err))));
      } else if (m.type === "done") {
        finish(() => resolve(m));
        void worker.terminate();
      } else fail(new Error(m.message));
    });
    worker.on("error", fail);
    worker.on("exit", () => finish(() => reject(new WorkerStopped())));
  });
  worker.postMessage({ type: "start", task } satisfies ToWorker);
  return {
    result,
    async terminate() {
      await worker.terminate();
    },
  };
}
