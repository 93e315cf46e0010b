// The export worker: renders reports and builds packages off the main thread, so a long export never
// delays the requests the forum serves. A piscina pool calls the default export once per task; the task
// brings plain data and a MessagePort on which the worker reports progress and asks for rows.
import fs from "node:fs";
import { move } from "piscina";
import type { TExportRow } from "../../../shared/schemas/exports.ts";
import { renderReport } from "../report/render.ts";
import { buildPackage, hashFile } from "../package.ts";
import type { FileResult, FromWorker, PoolTask, RowKind, ToWorker } from "./protocol.ts";

export default async function runTask({ task, port }: PoolTask): Promise<FileResult | Uint8Array> {
  const send = (m: FromWorker) => port.postMessage(m);
  let nextRequest = 1;
  const waiting = new Map<number, { resolve: (rows: TExportRow[]) => void; reject: (err: Error) => void }>();
  port.on("message", (m: ToWorker) => {
    const request = waiting.get(m.requestId);
    waiting.delete(m.requestId);
    if (m.type === "rows") request?.resolve(m.rows);
    else request?.reject(new Error(m.message));
  });
  const fetchRows = (kind: RowKind, after: string | number) =>
    new Promise<TExportRow[]>((resolve, reject) => {
      const requestId = nextRequest++;
      waiting.set(requestId, { resolve, reject });
      send({ type: "fetch", requestId, kind, after });
    });
  try {
    if (task.type === "render") {
      const bytes = new Uint8Array(await renderReport(task.data, task.format));
      // Moved, not copied: the transfer list hands the buffer to the main thread.
      return move(bytes) as Uint8Array;
    }
    if (task.type === "report-file") {
      send({ type: "progress", share: 0.1 });
      fs.writeFileSync(task.outPath, await renderReport(task.data, task.format));
    } else {
      await buildPackage(task, fetchRows, (share) => send({ type: "progress", share }));
    }
    return await hashFile(task.outPath);
  } finally {
    // The port would otherwise keep this thread's event loop busy after the task.
    port.close();
  }
}
