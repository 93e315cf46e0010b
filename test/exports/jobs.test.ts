// Export jobs: queued -> running -> done with progress on the row and as events; the package's manifest
// and checksums; downloads for the requester only, re-authorised at each download; cancellation of queued
// and running jobs (the worker is stopped, no file is left); and the forum stays responsive meanwhile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { docxText, download, pdfText, postReply, putPosition, sha256, startThread, waitForJob, zipEntries } from "./support.ts";

let t: TestServer;
let dataDir: string;
type U = Awaited<ReturnType<typeof createUser>>;
const u: Record<string, U> = {};
const c: Record<string, TestClient> = {};
let consultation: Awaited<ReturnType<typeof createConsultation>>;
type Progress = { jobId: string; userId: string; consultationId: string; status: string; progress: number };
/** The progress events recorded in the event log (what the requester's sockets receive), oldest first. */
async function progressEvents(jobId: string): Promise<Progress[]> {
  const rows = await t.prisma.domainEvent.findMany({ where: { type: "export:progressed" }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ ...(r.payload as Omit<Progress, "consultationId">), consultationId: r.consultationId })).filter((e) => e.jobId === jobId);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-jobs-"));
  t = await startTestServer({ env: { DATA_DIR: dataDir } });
  for (const name of ["organiser", "coorganiser", "moderator", "alice", "bob"]) {
    u[name] = await createUser(t.prisma, { displayName: name });
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
  await t.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const exportFiles = () => fs.readdirSync(path.join(dataDir, "exports")).filter((f) => /\.(zip|pdf|docx)$/.test(f));
const startJob = (client: TestClient, body: Record<string, unknown>) => client.post(`/api/consultations/${consultation.id}/exports/jobs`, body);

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("a package job", () => {
  it("goes queued -> running -> done, reporting progress, and yields a package whose manifest and checksums hold", async () => {
    const res = await startJob(c.organiser!, { kind: "package", scope: "staff" });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.job).toMatchObject({ kind: "package", scope: "staff", status: "queued", progress: 0, downloadUrl: null });
    const jobId = res.body.job.id;
    const job = await waitForJob(c.organiser!, jobId);
    expect(job).toMatchObject({ status: "done", progress: 100, downloadUrl: `/api/exports/jobs/${jobId}/download` });

    const mine = await progressEvents(jobId);
    expect(mine.every((e) => e.userId === u.organiser!.id && e.consultationId === consultation.id)).toBe(true);
    expect(mine[0]).toMatchObject({ status: "queued", progress: 0 });
    expect(mine.at(-1)).toMatchObject({ status: "done", progress: 100 });
    expect(mine.slice(1, -1).every((e) => e.status === "running")).toBe(true);
    expect(mine.filter((e) => e.progress > 0 && e.progress < 100).length).toBeGreaterThan(2);
    const progress = mine.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const row = await t.prisma.exportJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(row.resultPath).toMatch(/^[0-9a-f]{32}\.zip$/);
    const onDisk = fs.readFileSync(path.join(dataDir, "exports", row.resultPath!));
    expect(onDisk.length).toBe(row.resultSize);
    expect(sha256(onDisk)).toBe(row.resultSha256);

    const file = await download(c.organiser!, `/api/exports/jobs/${jobId}/download`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/zip");
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
  it("cancels a queued job before it starts and a running one mid-way; no file is left and the queue moves on", async () => {
    const before = exportFiles();
    const running = (await startJob(c.organiser!, { kind: "package", scope: "staff" })).body.job.id as string;
    const queued = (await startJob(c.organiser!, { kind: "package", scope: "staff" })).body.job.id as string;
    expect((await c.organiser!.get(`/api/exports/jobs/${queued}`)).body.job.status).toBe("queued");
    const cancelledQueued = await c.organiser!.delete(`/api/exports/jobs/${queued}`);
    expect(cancelledQueued.status).toBe(200);
    expect(cancelledQueued.body.job.status).toBe("cancelled");

    await until(async () => (await progressEvents(running)).some((e) => e.status === "running"));
    const cancelledRunning = await c.organiser!.delete(`/api/exports/jobs/${running}`);
    expect(cancelledRunning.status).toBe(200);
    expect(cancelledRunning.body.job.status).toBe("cancelled");
    expect((await c.organiser!.delete(`/api/exports/jobs/${running}`)).status).toBe(409);

    // The queue moves on: a new job runs to the end, and the cancelled ones stay cancelled, with no result.
    const next = await waitForJob(c.organiser!, (await startJob(c.organiser!, { kind: "pdf" })).body.job.id);
    expect(next.status).toBe("done");
    for (const id of [running, queued]) {
      const row = await t.prisma.exportJob.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "cancelled", resultPath: null });
      expect((await progressEvents(id)).at(-1)!.status).toBe("cancelled");
    }
    expect((await progressEvents(queued)).some((e) => e.status === "running")).toBe(false);
    const nextFile = (await t.prisma.exportJob.findUniqueOrThrow({ where: { id: next.id } })).resultPath!;
    expect(exportFiles().sort()).toEqual([...before, nextFile].sort());
    expect(fs.readdirSync(path.join(dataDir, "exports")).filter((f) => f.startsWith("work-"))).toEqual([]);
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

describe("GET package.zip", () => {
  it("returns the package in one request to organisers, through the job runner, and refuses others", async () => {
    const res = await download(c.organiser!, `/api/consultations/${consultation.id}/exports/package.zip?scope=public`);
    expect(res.status).toBe(200);
    const entries = await zipEntries(res.bytes);
    const manifest = JSON.parse(entries.get("manifest.json")!.toString("utf8"));
    expect(manifest).toMatchObject({ scope: "public", consultation: { id: consultation.id } });
    expect(entries.has("checksums.txt")).toBe(true);
    expect((await t.prisma.exportJob.findFirstOrThrow({ where: { requestedById: u.organiser!.id, kind: "package", scope: "public" }, orderBy: { createdAt: "desc" } })).status).toBe("done");
    expect((await download(c.alice!, `/api/consultations/${consultation.id}/exports/package.zip`)).status).toBe(403);
    expect((await download(c.anon!, `/api/consultations/${consultation.id}/exports/package.zip`)).status).toBe(401);
  });
});
