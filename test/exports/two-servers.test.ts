// Two servers on one PostgreSQL database share one job queue: a job made on one is run once, by either,
// and downloadable from both; jobs queued at once on both run exactly once each, spread over the two;
// and claims racing on two connections never take the same job. (PGlite is one process only: skipped.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, TEST_RATE_LIMITS, type TestServer } from "../support/server.ts";
import { startServer, type RunningServer } from "../../server/server.ts";
import { openDatabase, type Database } from "../../server/db/index.ts";
import { claimJob } from "../../server/exports/job-queue.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import { TestClient } from "../support/client.ts";
import { download, seedPosts, sha256, waitForJob } from "./support.ts";

describe("two servers, one database", () => {
  let a: TestServer;
  let b: RunningServer;
  let organiser: Awaited<ReturnType<typeof createUser>>;
  let consultationId: string;
  let onA: TestClient;
  let onB: TestClient;
  /** Which server started running which job. */
  const starts: { server: "a" | "b"; jobId: string }[] = [];
  const record = (server: "a" | "b") => (jobId: string) => starts.push({ server, jobId });

  beforeAll(async () => {
    a = await startTestServer({ env: { EXPORT_POLL_INTERVAL_MS: "100" } });
    // The same configuration, so the same database; its own port, runner and worker pool.
    b = await startServer(a.config, { rateLimits: TEST_RATE_LIMITS });
    a.server.exportJobs.activity.on("started", record("a"));
    b.exportJobs.activity.on("started", record("b"));
    organiser = await createUser(a.prisma, { displayName: "organiser" });
    const c = await createConsultation(a.prisma, { createdById: organiser.id });
    consultationId = c.id;
    await seedPosts(a.prisma, c.id, organiser.id, 300);
    onA = a.client();
    onB = new TestClient(b.url);
    await logIn(onA, organiser);
    await logIn(onB, organiser);
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await a?.stop();
  });

  const startsOf = (jobId: string) => starts.filter((s) => s.jobId === jobId);

  it("runs a job made on one server once, and serves its result from the other", async () => {
    const res = await onA.post(`/api/consultations/${consultationId}/exports/jobs`, { kind: "pdf" });
    expect(res.status).toBe(202);
    const job = await waitForJob(onB, res.body.job.id);
    expect(job.status).toBe("done");
    expect(startsOf(job.id)).toHaveLength(1);
    expect((await a.prisma.exportJob.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(1);
    const fromB = await download(onB, job.downloadUrl);
    const fromA = await download(onA, job.downloadUrl);
    expect(fromB.status).toBe(200);
    expect(sha256(fromB.bytes)).toBe(job.sha256);
    expect(fromB.headers.get("content-length")).toBe(String(job.size));
    expect(fromA.bytes.equals(fromB.bytes)).toBe(true);
  });

  it("runs six jobs queued at once on both servers exactly once each, on both", async () => {
    const kinds = ["package", "pdf", "docx", "package", "pdf", "docx"] as const;
    const created = await Promise.all(kinds.map((kind, i) => (i % 2 ? onB : onA).post(`/api/consultations/${consultationId}/exports/jobs`, { kind, scope: "public" })));
    const ids = created.map((r) => r.body.job.id as string);
    const jobs = await Promise.all(ids.map((id, i) => waitForJob(i % 2 ? onA : onB, id, 120_000)));
    expect(jobs.map((j) => j.status)).toEqual(kinds.map(() => "done"));
    const rows = await a.prisma.exportJob.findMany({ where: { id: { in: ids } } });
    expect(rows.map((r) => r.attempts)).toEqual(ids.map(() => 1));
    for (const id of ids) expect(startsOf(id), id).toHaveLength(1);
    // Each server runs one job at a time (EXPORT_WORKERS=1): with six queued, both took some.
    const servers = new Set(ids.flatMap((id) => startsOf(id).map((s) => s.server)));
    expect([...servers].sort()).toEqual(["a", "b"]);
    for (const job of jobs) expect(sha256((await download(onA, job.downloadUrl)).bytes)).toBe(job.sha256);
  });

  it("never gives one job to two claims racing on two connections", async () => {
    // The servers' runners stop claiming; two other clients race for six queued jobs.
    await Promise.all([a.server.exportJobs.stop(), b.exportJobs.stop()]);
    const queued = await Promise.all(
      Array.from({ length: 6 }, () => a.prisma.exportJob.create({ data: { consultationId, requestedById: organiser.id, kind: "pdf", scope: "public", siteUrl: a.url } })),
    );
    const dbs: Database[] = await Promise.all([0, 1].map(() => openDatabase({ databaseUrl: a.config.databaseUrl, migrate: false })));
    try {
      const claims = await Promise.all(Array.from({ length: 16 }, (_, i) => claimJob(dbs[i % 2]!.prisma, `claimer-${i}`, 60_000)));
      const won = claims.filter((j) => j !== null);
      expect(won.map((j) => j.id).sort()).toEqual(queued.map((j) => j.id).sort());
      const rows = await a.prisma.exportJob.findMany({ where: { id: { in: queued.map((j) => j.id) } } });
      expect(rows.every((r) => r.status === "running" && r.attempts === 1 && r.lockedBy?.startsWith("claimer-"))).toBe(true);
      expect(new Set(rows.map((r) => r.lockedBy)).size).toBe(6);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
    }
  });
});
