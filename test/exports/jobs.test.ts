// Export jobs: queued -> running -> done with progress on the row and as events; the package's manifest
// and checksums; results stored in the database in chunks and streamed back; downloads for the requester
// only, re-authorised at each download; cancellation of queued and running jobs (the worker thread is
// stopped, nothing is stored, no work folder is left); and the forum stays responsive meanwhile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { CHUNK_BYTES, storeResult } from "../../server/exports/job-queue.ts";
import { docxText, download, downloadByPost, eventually, pdfText, postReply, putPosition, seedPosts, sha256, startThread, waitForJob, watchJobEvents, zipEntries, type JobEvent } from "./support.ts";

let t: TestServer;
type U = Awaited<ReturnType<typeof createUser>>;
const u: Record<string, U> = {};
const c: Record<string, TestClient> = {};
let consultation: Awaited<ReturnType<typeof createConsultation>>;
/** Thousands of posts: a package of it runs long enough to be caught in the worker. */
let big: Awaited<ReturnType<typeof createConsultation>>;
let watcher: Awaited<ReturnType<typeof watchJobEvents>>;
let events: JobEvent[] = [];

beforeAll(async () => {
  t = await startTestServer({ env: { EXPORT_POLL_INTERVAL_MS: "100" } });
  watcher = await watchJobEvents(t.prisma);
  events = watcher.events;
  for (const name of ["organiser", "coorganiser", "moderator", "alice", "bob"]) u[name] = await createUser(t.prisma, { displayName: name });
  // Seeded first: writing thousands of rows keeps the event loop busy past the server's keep-alive
  // timeout, and a client reusing a connection being closed at that moment fails its next request.
  big = await createConsultation(t.prisma, { createdById: u.organiser!.id });
  await seedPosts(t.prisma, big.id, u.bob!.id, 6_000);
  for (const name of Object.keys(u)) {
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
  c.anon = t.client();
  consultation = await createConsultation(t.prisma, { createdById: u.organiser!.id });
  await addMember(t.prisma, consultation.id, u.coorganiser!.id, "organiser");
  await addMember(t.prisma, consultation.id, u.moderator!.id, "moderator");
  const org = await createOrganisation(t.prisma, { name: "Rights Watch", category: "civil_society", verified: true });
  await addToOrganisation(t.prisma, u.alice!.id, org.id, "representative");
  const q = consultation.questions[0]!.id;
  await putPosition(c.alice!, consultation.id, q, org.id, "oppose", "We oppose general monitoring.");
  const th = await startThread(c.alice!, consultation.id, "Opening post about proportionality.", { questionId: q });
  for (let i = 0; i < 30; i++) await postReply(i % 2 ? c.alice! : c.bob!, th.threadId, `Reply number ${i} with its own argument ${i * 7}.`, { parentId: th.postId, replyType: i % 3 ? "supports" : "contests" });
  const hide = await postReply(c.bob!, th.threadId, "Hidden by a moderator.");
  expect((await c.moderator!.post(`/api/posts/${hide}/moderation`, { action: "hide", reasonCode: "spam", statement: "Advertising." })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await watcher?.stop();
  await t.stop();
});

const startJob = (client: TestClient, body: Record<string, unknown>, consultationId = consultation.id) => client.post(`/api/consultations/${consultationId}/exports/jobs`, body);
/** Work folders of a job left in the temporary folder (there must be none once it has ended). */
const workDirsOf = (jobId: string) => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`roundtable-export-${jobId}-`));
const chunksOf = (jobId: string) => t.prisma.exportJobChunk.findMany({ where: { jobId }, orderBy: { ordinal: "asc" } });

describe("a package job", () => {
  it("goes queued -> running -> done, reporting progress, and yields a package whose manifest and checksums hold", async () => {
    const res = await startJob(c.organiser!, { kind: "package", scope: "staff" });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.job).toMatchObject({ kind: "package", scope: "staff", status: "queued", progress: 0, downloadUrl: null });
    const jobId = res.body.job.id;
    const job = await waitForJob(c.organiser!, jobId);
    expect(job).toMatchObject({ status: "done", progress: 100, downloadUrl: `/api/exports/jobs/${jobId}/download` });

    // The row says done at commit; its event reaches this process's listener a moment later.
    await eventually(() => events.some((e) => e.jobId === jobId && e.status === "done"), "the job's done event");
    const mine = events.filter((e) => e.jobId === jobId);
    expect(mine.every((e) => e.userId === u.organiser!.id && e.consultationId === consultation.id)).toBe(true);
    expect(mine[0]).toMatchObject({ status: "queued", progress: 0 });
    expect(mine.at(-1)).toMatchObject({ status: "done", progress: 100 });
    expect(mine.slice(1, -1).every((e) => e.status === "running")).toBe(true);
    expect(mine.filter((e) => e.progress > 0 && e.progress < 100).length).toBeGreaterThan(2);
    const progress = mine.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    // The result is in the database, in order, and nowhere on disk.
    const row = await t.prisma.exportJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(row).toMatchObject({ attempts: 1, lockedBy: null, leaseUntil: null });
    const stored = Buffer.concat((await chunksOf(jobId)).map((ch) => ch.data));
    expect(stored.length).toBe(row.resultSize);
    expect(sha256(stored)).toBe(row.resultSha256);
    // Its work folder goes right after (the job is done as soon as the result is stored).
    await eventually(() => workDirsOf(jobId).length === 0, "the work folder to be removed");
    // Kept for EXPORT_RESULT_TTL_HOURS (24 by default).
    expect(row.expiresAt!.getTime() - row.finishedAt!.getTime()).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(job.expiresAt).toBe(row.expiresAt!.toISOString());

    const file = await download(c.organiser!, `/api/exports/jobs/${jobId}/download`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/zip");
    expect(file.headers.get("content-length")).toBe(String(row.resultSize));
    expect(file.headers.get("cache-control")).toBe("no-store");
    expect(file.headers.get("x-content-sha256")).toBe(job.sha256);
    expect(sha256(file.bytes)).toBe(job.sha256);
    const entries = await zipEntries(file.bytes);
    const manifest = JSON.parse(entries.get("manifest.json")!.toString("utf8"));
    expect(manifest).toMatchObject({ format: "roundtable.package/1", scope: "staff", consultation: { id: consultation.id } });
    const listed = manifest.files.map((f: { path: string }) => f.path);
    expect(listed).toEqual([...entries.keys()].filter((k) => k !== "manifest.json" && k !== "checksums.txt"));
    expect(listed).toEqual(expect.arrayContaining(["contributions.csv", "contributions.json", "contributions.xlsx", "contributions.schema.json", "summary/report.html", "summary/report.md", "summary/report.pdf", "summary/report.docx", "moderation-log.csv"]));
    for (const f of manifest.files as { path: string; size: number; sha256: string }[]) {
      expect(entries.get(f.path)!.length, f.path).toBe(f.size);
      expect(sha256(entries.get(f.path)!), f.path).toBe(f.sha256);
    }
    const checksums = entries.get("checksums.txt")!.toString("utf8").trim().split("\n");
    expect(checksums).toHaveLength(listed.length + 1);
    for (const line of checksums) {
      const [hash, name] = line.split("  ");
      expect(sha256(entries.get(name!)!), name).toBe(hash);
    }
    // The moderation log is the one the log endpoint serves; staff contributions include the hidden post.
    const log = await c.organiser!.raw("GET", `/api/consultations/${consultation.id}/moderation/log?format=csv`);
    expect(entries.get("moderation-log.csv")!.toString("utf8")).toBe(log.body);
    const json = JSON.parse(entries.get("contributions.json")!.toString("utf8"));
    expect(json.posts.find((p: { body: string }) => p.body === "Hidden by a moderator.")).toMatchObject({ status: "hidden", moderationReasonCode: "spam", moderationStatement: "Advertising." });
  });

  it("makes a public package without the moderation log or anything unpublished", async () => {
    const res = await startJob(c.organiser!, { kind: "package", scope: "public" });
    const job = await waitForJob(c.organiser!, res.body.job.id);
    expect(job.status).toBe("done");
    const entries = await zipEntries((await download(c.organiser!, job.downloadUrl)).bytes);
    expect(entries.has("moderation-log.csv")).toBe(false);
    const json = JSON.parse(entries.get("contributions.json")!.toString("utf8"));
    expect(json.scope).toBe("public");
    expect(json.posts).toHaveLength(31);
    expect(json.posts.every((p: { status: string }) => p.status === "published")).toBe(true);
  });

  it("renders the summary report as PDF and DOCX jobs", async () => {
    const pdfJob = await startJob(c.organiser!, { kind: "pdf" });
    const docxJob = await startJob(c.organiser!, { kind: "docx" });
    const pdf = await waitForJob(c.organiser!, pdfJob.body.job.id);
    const docx = await waitForJob(c.organiser!, docxJob.body.job.id);
    const pdfFile = await download(c.organiser!, pdf.downloadUrl);
    expect(pdfFile.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(pdfFile.bytes);
    expect(text).toContain("Methodology");
    expect(text).toContain("Rights Watch");
    expect(text).toContain("31 posts");
    expect(await docxText((await download(c.organiser!, docx.downloadUrl)).bytes)).toContain("Participation");
  });
});

describe("results in the database", () => {
  it("are stored as 1 MiB chunks and streamed back whole, in order, with their length", async () => {
    // A finished file of 2.5 MiB, stored the way the runner stores one, for a job this runner holds.
    const bytes = crypto.randomBytes(Math.floor(2.5 * CHUNK_BYTES));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rt-chunks-")), "result.zip");
    fs.writeFileSync(file, bytes);
    const job = await t.prisma.exportJob.create({
      data: { consultationId: consultation.id, requestedById: u.organiser!.id, kind: "package", scope: "public", siteUrl: t.url, status: "running", attempts: 1, lockedBy: "test-runner", leaseUntil: new Date(Date.now() + 60_000) },
    });
    // Only the runner holding the job may store its result.
    expect(await storeResult(t.prisma, job.id, "another-runner", file, { size: bytes.length, sha256: sha256(bytes) }, new Date(Date.now() + 3600_000))).toBe(false);
    expect(await storeResult(t.prisma, job.id, "test-runner", file, { size: bytes.length, sha256: sha256(bytes) }, new Date(Date.now() + 3600_000))).toBe(true);
    fs.rmSync(path.dirname(file), { recursive: true });
    const chunks = await chunksOf(job.id);
    expect(chunks.map((ch) => [ch.ordinal, ch.data.length])).toEqual([[0, CHUNK_BYTES], [1, CHUNK_BYTES], [2, bytes.length - 2 * CHUNK_BYTES]]);
    const res = await download(c.organiser!, `/api/exports/jobs/${job.id}/download`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
    expect(res.headers.get("x-content-sha256")).toBe(sha256(bytes));
    expect(res.bytes.equals(bytes)).toBe(true);
  });
});

describe("who may run and download exports", () => {
  it("only organisers and admins start jobs; only the requester sees, cancels or downloads theirs", async () => {
    expect((await startJob(c.alice!, { kind: "package" })).status).toBe(403);
    expect((await startJob(c.moderator!, { kind: "pdf" })).status).toBe(403);
    expect((await startJob(c.anon!, { kind: "pdf" })).status).toBe(401);
    expect((await startJob(c.organiser!, { kind: "csv" })).status).toBe(400);
    const res = await startJob(c.organiser!, { kind: "pdf" });
    const job = await waitForJob(c.organiser!, res.body.job.id);
    for (const other of [c.coorganiser!, c.alice!]) {
      expect((await other.get(`/api/exports/jobs/${job.id}`)).status).toBe(404);
      expect((await download(other, job.downloadUrl)).status).toBe(404);
      expect((await other.delete(`/api/exports/jobs/${job.id}`)).status).toBe(404);
    }
    expect((await download(c.anon!, job.downloadUrl)).status).toBe(401);
    expect((await c.organiser!.delete(`/api/exports/jobs/${job.id}`)).status).toBe(409);
  });

  it("re-checks access at download: a demoted organiser gets nothing, and gets it back when reinstated", async () => {
    const res = await startJob(c.coorganiser!, { kind: "pdf" });
    const job = await waitForJob(c.coorganiser!, res.body.job.id);
    expect((await download(c.coorganiser!, job.downloadUrl)).status).toBe(200);
    await t.prisma.consultationMember.update({ where: { consultationId_userId: { consultationId: consultation.id, userId: u.coorganiser!.id } }, data: { role: "participant" } });
    expect((await download(c.coorganiser!, job.downloadUrl)).status).toBe(404);
    await t.prisma.consultationMember.update({ where: { consultationId_userId: { consultationId: consultation.id, userId: u.coorganiser!.id } }, data: { role: "organiser" } });
    expect((await download(c.coorganiser!, job.downloadUrl)).status).toBe(200);
  });
});

describe("cancellation", () => {
  it("cancels a queued job before it starts and a running one mid-way, stopping its worker; nothing is stored, and the queue moves on", async () => {
    const running = (await startJob(c.organiser!, { kind: "package", scope: "staff" }, big.id)).body.job.id as string;
    const queued = (await startJob(c.organiser!, { kind: "package", scope: "staff" })).body.job.id as string;
    expect((await c.organiser!.get(`/api/exports/jobs/${queued}`)).body.job.status).toBe("queued");
    const cancelledQueued = await c.organiser!.delete(`/api/exports/jobs/${queued}`);
    expect(cancelledQueued.status).toBe(200);
    expect(cancelledQueued.body.job.status).toBe("cancelled");

    // Past 25%, the job is in the worker thread.
    await eventually(() => events.some((e) => e.jobId === running && e.status === "running" && e.progress > 25), "the job in its worker");
    const pool = t.server.exportJobs.pool;
    const terminated = pool.stats().terminated;
    const cancelledRunning = await c.organiser!.delete(`/api/exports/jobs/${running}`);
    expect(cancelledRunning.status).toBe(200);
    expect(cancelledRunning.body.job.status).toBe("cancelled");
    expect((await c.organiser!.delete(`/api/exports/jobs/${running}`)).status).toBe(409);
    // The thread that was building it is terminated, not left to finish.
    await eventually(() => pool.stats().terminated > terminated, "the worker thread to be terminated");

    // The queue moves on: a new job runs to the end, and the cancelled ones stay cancelled, with no result.
    const next = await waitForJob(c.organiser!, (await startJob(c.organiser!, { kind: "pdf" })).body.job.id);
    expect(next.status).toBe("done");
    for (const id of [running, queued]) {
      const row = await t.prisma.exportJob.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "cancelled", resultSize: null, lockedBy: null });
      expect(await chunksOf(id)).toEqual([]);
      await eventually(() => workDirsOf(id).length === 0, "the work folder to be removed");
      expect(events.filter((e) => e.jobId === id).at(-1)!.status).toBe("cancelled");
    }
    expect(events.some((e) => e.jobId === queued && e.status === "running")).toBe(false);
    expect((await chunksOf(next.id)).length).toBeGreaterThan(0);
  });
});

describe("the forum while an export runs", () => {
  it("keeps answering: the heavy work runs in a worker thread", async () => {
    const res = await startJob(c.organiser!, { kind: "package", scope: "staff" });
    const latencies: number[] = [];
    let status = "queued";
    while (status === "queued" || status === "running") {
      const start = performance.now();
      const health = await c.anon!.get("/api/health");
      latencies.push(performance.now() - start);
      expect(health.status).toBe(200);
      status = (await c.organiser!.get(`/api/exports/jobs/${res.body.job.id}`)).body.job.status;
    }
    expect(status).toBe("done");
    expect(latencies.length).toBeGreaterThan(3);
    // Generous on a 2-core machine; a job rendering PDF and DOCX on the main thread would stall far longer.
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });
});

describe("POST package.zip", () => {
  it("returns the package in one request to organisers, through the job runner, and refuses others", async () => {
    const res = await downloadByPost(c.organiser!, `/api/consultations/${consultation.id}/exports/package.zip?scope=public`);
    expect(res.status).toBe(200);
    const entries = await zipEntries(res.bytes);
    const manifest = JSON.parse(entries.get("manifest.json")!.toString("utf8"));
    expect(manifest).toMatchObject({ scope: "public", consultation: { id: consultation.id } });
    expect(entries.has("checksums.txt")).toBe(true);
    expect((await t.prisma.exportJob.findFirstOrThrow({ where: { requestedById: u.organiser!.id, kind: "package", scope: "public" }, orderBy: { createdAt: "desc" } })).status).toBe("done");
    expect((await downloadByPost(c.alice!, `/api/consultations/${consultation.id}/exports/package.zip`)).status).toBe(403);
    expect((await downloadByPost(c.anon!, `/api/consultations/${consultation.id}/exports/package.zip`)).status).toBe(401);
  });
});
