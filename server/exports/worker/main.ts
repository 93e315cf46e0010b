// The export worker: renders reports and builds packages off the main thread, so a long export never
// delays the requests the forum serves. It receives plain data and asks the main thread for rows.
import fs from "node:fs";
import { parentPort } from "node:worker_threads";
import type { TExportRow } from "../../../shared/schemas/exports.ts";
import { renderReport } from "../report/render.ts";
import { buildPackage, hashFile } from "../package.ts";
import type { FromWorker, RowKind, ToWorker, WorkerTask } from "./protocol.ts";

const port = parentPort!;
const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

let nextRequest = 1;
const waiting = new Map<number, (rows: TExportRow[]) => void>();
function fetchRows(kind: RowKind, after: string | number): Promise<TExportRow[]> {
  const requestId = nextRequest++;
  return new Promise((resolve) => {
    waiting.set(requestId, resolve);
    send({ type: "fetch", requestId, kind, after });
  });
}

async function run(task: WorkerTask): Promise<void> {
  if (task.type === "render") {
    const bytes = new Uint8Array(await renderReport(task.data, task.format));
    send({ type: "done", bytes }, [bytes.buffer as ArrayBuffer]);
    return;
  }
  if (task.type === "report-file") {
    send({ type: "progress", share: 0.1 });
    fs.writeFileSync(task.outPath, await renderReport(task.data, task.format));
  } else {
    await buildPackage(task, fetchRows, (share) => send({ type: "progress", share }));
  }
  send({ type: "done", ...(await hashFile(task.outPath)) });
}

port.on("message", (m: ToWorker) => {
  if (m.type === "rows") {
    waiting.get(m.requestId)?.(m.rows);
    waiting.delete(m.requestId);
    return;
  }
  run(m.task).catch((err: unknown) => send({ type: "error", message: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) }));
});
