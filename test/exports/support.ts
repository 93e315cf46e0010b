// Helpers for the export tests: binary downloads through the real HTTP server, and text extraction from
// every format (PDF with poppler's pdftotext, DOCX and ZIP with yauzl, XLSX with ExcelJS).
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import ExcelJS from "exceljs";
import type { TestClient } from "../support/client.ts";
import { readZip } from "../../server/exports/formats/zip.ts";
import type { PrismaClient } from "../../server/db/index.ts";

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
}

/** GET with the client's cookies, keeping the body as bytes (TestClient reads bodies as text). */
export async function download(client: TestClient, path: string): Promise<Download> {
  const cookie = client.cookieHeader();
  const res = await fetch(client.baseUrl + path, { headers: cookie ? { cookie } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString("utf8") };
}

/** A state-changing download (a POST with the client's session and CSRF token), read as bytes. */
export async function downloadByPost(client: TestClient, path: string): Promise<Download> {
  const cookie = client.cookieHeader();
  const token = await client.heldCsrfToken();
  const res = await fetch(client.baseUrl + path, { method: "POST", headers: { ...(cookie ? { cookie } : {}), "x-csrf-token": token } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString("utf8") };
}

export const sha256 = (b: Buffer | string) => crypto.createHash("sha256").update(b).digest("hex");

export function pdfText(pdf: Buffer): string {
  return execFileSync("/usr/bin/pdftotext", ["-layout", "-", "-"], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString("utf8");
}

export async function zipEntries(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Map((await readZip(zip)).map((e) => [e.name, e.data]));
}

const xmlText = (xml: string) =>
  xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

export async function docxText(docx: Buffer): Promise<string> {
  const entries = await zipEntries(docx);
  return [...entries].filter(([name]) => name.endsWith(".xml") || name.endsWith(".rels")).map(([, data]) => xmlText(data.toString("utf8"))).join("\n");
}

/** Every sheet of a workbook as rows of cell texts. */
export async function xlsxSheets(xlsx: Buffer): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheets = new Map<string, string[][]>();
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
    sheets.set(ws.name, rows);
  });
  return sheets;
}

export async function xlsxText(xlsx: Buffer): Promise<string> {
  return [...(await xlsxSheets(xlsx)).values()].flat().map((r) => r.join("\t")).join("\n");
}

/** Readable text of any export file, by extension. */
export async function textOf(name: string, bytes: Buffer): Promise<string> {
  if (name.endsWith(".pdf")) return pdfText(bytes);
  if (name.endsWith(".docx")) return docxText(bytes);
  if (name.endsWith(".xlsx")) return xlsxText(bytes);
  if (name.endsWith(".zip")) {
    const parts: string[] = [];
    for (const [entry, data] of await zipEntries(bytes)) parts.push(`== ${entry}\n${await textOf(entry, data)}`);
    return parts.join("\n");
  }
  return bytes.toString("utf8");
}

/** Polls a job until it leaves queued/running. */
export async function waitForJob(client: TestClient, jobId: string, timeoutMs = 45_000) {
  const start = Date.now();
  for (;;) {
    const res = await client.get(`/api/exports/jobs/${jobId}`);
    if (res.status !== 200) throw new Error(`job ${jobId}: ${res.status} ${JSON.stringify(res.body)}`);
    if (!["queued", "running"].includes(res.body.job.status)) return res.body.job;
    if (Date.now() - start > timeoutMs) throw new Error(`job ${jobId} still ${res.body.job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- Writing through the real API ----

export async function startThread(client: TestClient, consultationId: string, body: string, opts: { title?: string; questionId?: string; onBehalfOfOrganisationId?: string } = {}) {
  const res = await client.post(`/api/consultations/${consultationId}/threads`, { title: opts.title ?? "A thread", body, questionId: opts.questionId, onBehalfOfOrganisationId: opts.onBehalfOfOrganisationId });
  if (res.status !== 201) throw new Error(`thread: ${res.status} ${JSON.stringify(res.body)}`);
  return { threadId: res.body.thread.id as string, postId: res.body.post.id as string };
}

export async function postReply(client: TestClient, threadId: string, body: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await client.post(`/api/threads/${threadId}/posts`, { body, ...extra });
  if (res.status !== 201) throw new Error(`reply: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.post.id as string;
}

export async function putPosition(client: TestClient, consultationId: string, questionId: string, organisationId: string, stance: string, summary: string, extra: Record<string, unknown> = {}): Promise<string> {
  const amendment = stance === "support_with_amendments" ? { amendmentText: "Amend article 7." } : {};
  const res = await client.put(`/api/consultations/${consultationId}/questions/${questionId}/position`, { organisationId, stance, summary, argument: `Because: ${summary}`, ...amendment, ...extra });
  if (res.status >= 300) throw new Error(`position: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.position.id as string;
}

export async function endorse(client: TestClient, kind: "posts" | "positions", id: string) {
  const res = await client.post(`/api/${kind}/${id}/endorsements`);
  if (res.status !== 200) throw new Error(`endorse: ${res.status} ${JSON.stringify(res.body)}`);
}

// ---- Waiting and seeding for the job tests ----

/** Polls `check` (an API call or a database read) until it returns something truthy. */
export async function eventually<T>(check: () => T | Promise<T>, what = "condition", timeoutMs = 45_000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Many published posts in one thread, written directly: enough rows for a package job to take a while. */
export async function seedPosts(prisma: PrismaClient, consultationId: string, authorId: string, count: number) {
  const thread = await prisma.thread.create({ data: { consultationId, title: "Long thread", authorId } });
  for (let start = 0; start < count; start += 2_500) {
    const rows = Array.from({ length: Math.min(2_500, count - start) }, (_, k) => {
      const i = start + k;
      const text = `Contribution number ${i} about proportionality and safeguards.`;
      return { threadId: thread.id, consultationId, isOpening: i === 0, authorId, authorCategory: "individual" as const, depth: i === 0 ? 0 : 1, bodySource: text, bodyHtml: `<p>${text}</p>`, status: "published" as const };
    });
    await prisma.post.createMany({ data: rows });
  }
}

export interface JobEvent {
  jobId: string;
  userId: string;
  consultationId: string;
  status: string;
  progress: number;
}

/**
 * Follows the export:progressed events in the event log (what the requester's sockets receive, whichever
 * process recorded them), into an array that grows as they are recorded. Stop it before the database closes.
 */
export async function watchJobEvents(prisma: PrismaClient, opts: { fromNow?: boolean } = {}): Promise<{ events: JobEvent[]; stop(): Promise<void> }> {
  const events: JobEvent[] = [];
  let after = opts.fromNow ? ((await prisma.domainEvent.findFirst({ orderBy: { seq: "desc" } }))?.seq ?? 0n) : 0n;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = await prisma.domainEvent.findMany({ where: { seq: { gt: after }, type: "export:progressed" }, orderBy: { seq: "asc" } }).catch(() => []);
      for (const r of rows) {
        events.push({ ...(r.payload as Omit<JobEvent, "consultationId">), consultationId: r.consultationId });
        after = r.seq;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    events,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** A job's announcements as recorded in the event log, oldest first (they outlive a restart). */
export async function jobEventsOf(prisma: PrismaClient, jobId: string): Promise<JobEvent[]> {
  const rows = await prisma.domainEvent.findMany({ where: { type: "export:progressed", payload: { path: ["jobId"], equals: jobId } }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ ...(r.payload as Omit<JobEvent, "consultationId">), consultationId: r.consultationId }));
}
