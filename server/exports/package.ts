// The consultation package, built in the export worker: the contributions (CSV, JSON, XLSX) and their
// JSON Schema, the summary report in every format with its data, the moderation log (staff packages),
// then manifest.json (every file with its size and SHA-256) and checksums.txt (sha256sum format).
// Files are written to a work folder first, streaming, so their hashes are known before the manifest;
// then zipped, streaming, with every entry dated at the generation time: the same record gives the same ZIP.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { pipeline } from "node:stream/promises";
import type { TExportRow } from "../../shared/schemas/exports.ts";
import { ROW_KINDS, type ContributionBatch } from "./formats/columns.ts";
import { writeContributionsCsv, writeContributionsJson, writeContributionsXlsx } from "./formats/contributions.ts";
import { contributionsJsonSchema } from "./formats/schema.ts";
import { writeZip } from "./formats/zip.ts";
import { tee } from "./tee.ts";
import { renderReport } from "./report/render.ts";
import { canonicalJson, contentHash } from "./report/canonical.ts";
import type { RowKind, WorkerTask } from "./worker/protocol.ts";

type PackageTask = Extract<WorkerTask, { type: "package" }>;
const TEE_MAX_LEAD = 4;
export type FetchRows = (kind: RowKind, after: string | number) => Promise<TExportRow[]>;

export async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash("sha256");
  let size = 0;
  await pipeline(fs.createReadStream(file), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
    }
  });
  return { size, sha256: hash.digest("hex") };
}

/**
 * Every contribution, batch by batch, asked of the main thread with the same keyset cursors as the request
 * path. A kind ends with an empty batch: the main thread may send fewer rows than a full batch while more
 * follow (rowsWithinBudget, job-task.ts).
 */
async function* rowsFromMain(fetch: FetchRows, onRows: (n: number) => void): AsyncGenerator<ContributionBatch> {
  for (const kind of ROW_KINDS) {
    let after: string | number = kind === "post" ? 0 : "";
    for (;;) {
      const rows = await fetch(kind, after);
      if (rows.length) yield { kind, rows } as ContributionBatch;
      onRows(rows.length);
      if (rows.length === 0) break;
      const last = rows.at(-1)!;
      after = last.kind === "post" ? last.seq : last.id;
    }
  }
}

export async function buildPackage(task: PackageTask, fetch: FetchRows, onProgress: (share: number) => void): Promise<void> {
  const dir = task.workDir;
  const file = (name: string) => path.join(dir, name);
  fs.mkdirSync(path.join(dir, "summary"), { recursive: true });

  let done = 0;
  const rows = rowsFromMain(fetch, (n) => {
    done += n;
    onProgress(task.totalRows ? (0.75 * Math.min(done, task.totalRows)) / task.totalRows : 0.75);
  });
  // A few batches of lead at most: memory holds a handful of batches, not the consultation.
  const [forCsv, forJson, forXlsx] = tee(rows, 3, TEE_MAX_LEAD);
  await Promise.all([
    writeContributionsCsv(forCsv!, fs.createWriteStream(file("contributions.csv")), task.meta),
    writeContributionsJson(forJson!, fs.createWriteStream(file("contributions.json")), task.meta),
    writeContributionsXlsx(forXlsx!, fs.createWriteStream(file("contributions.xlsx")), task.meta),
  ]);
  onProgress(0.75);

  const written: { name: string; data: Buffer | null }[] = [
    { name: "contributions.csv", data: null },
    { name: "contributions.json", data: null },
    { name: "contributions.xlsx", data: null },
    { name: "contributions.schema.json", data: Buffer.from(contributionsJsonSchema(), "utf8") },
  ];
  // report-data.json is the canonical JSON whose SHA-256 is the report's content hash.
  written.push({ name: "summary/report-data.json", data: Buffer.from(canonicalJson(task.data), "utf8") });
  for (const [i, format] of (["html", "md", "pdf", "docx"] as const).entries()) {
    written.push({ name: `summary/report.${format}`, data: await renderReport(task.data, format) });
    onProgress(0.77 + 0.05 * (i + 1));
  }
  if (task.moderationLogPath) written.push({ name: "moderation-log.csv", data: null });

  const files: { path: string; size: number; sha256: string; source: string | Buffer }[] = [];
  for (const w of written) {
    if (w.data) {
      files.push({ path: w.name, size: w.data.length, sha256: crypto.createHash("sha256").update(w.data).digest("hex"), source: w.data });
    } else {
      const source = w.name === "moderation-log.csv" ? task.moderationLogPath! : file(w.name);
      files.push({ path: w.name, ...(await hashFile(source)), source });
    }
  }
  const manifest = Buffer.from(
    `${JSON.stringify(
      {
        format: "roundtable.package/1",
        generatedAt: task.meta.generatedAt,
        scope: task.scope,
        consultation: { id: task.meta.consultation.id, slug: task.meta.consultation.slug, title: task.meta.consultation.title },
        summaryContentHash: contentHash(task.data),
        files: files.map(({ path: p, size, sha256 }) => ({ path: p, size, sha256 })),
      },
      null,
      2,
    )}\n`,
    "utf8",
  );
  const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
  const checksums = Buffer.from(
    [...files.map((f) => `${f.sha256}  ${f.path}`), `${sha(manifest)}  manifest.json`].join("\n") + "\n",
    "utf8",
  );
  await writeZip(
    [
      ...files.map((f) => ({ name: f.path, data: typeof f.source === "string" ? (() => fs.createReadStream(f.source as string)) : f.source })),
      { name: "manifest.json", data: manifest },
      { name: "checksums.txt", data: checksums },
    ],
    new Date(task.meta.generatedAt),
    fs.createWriteStream(task.outPath),
  );
  onProgress(1);
}
