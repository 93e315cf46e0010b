// Export jobs across restarts: a job left running by a process that died is run again when the server
// starts (or failed with its reason past EXPORT_MAX_ATTEMPTS); a server that stops mid-job hands the job
// back and the next one finishes it without counting the attempt; a job whose requester lost the right
// to export fails with that reason; and an expired result is swept, its download answering 410.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { TEST_DB } from "../support/db.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { download, eventually, jobEventsOf, seedPosts, sha256, waitForJob, watchJobEvents, zipEntries, type JobEvent } from "./support.ts";

let t: TestServer;
type U = Awaited<ReturnType<typeof createUser>>;
let organiser: U;
let coorganiser: U;
let small: Awaited<ReturnType<typeof createConsultation>>;
let big: Awaited<ReturnType<typeof createConsultation>>;
/** Events of the server running now (a restart starts a new one, with its own). */
let events: JobEvent[] = [];
let watcher: Awaited<ReturnType<typeof watchJobEvents>> | undefined;

/** The server's address changes at a restart: a new client, logged in again (the session store is the database). */
async function as(user: U): Promise<TestClient> {
  const client = t.client();
  await logIn(client, user);
  return client;
}

async function restart() {
  await t.restart();
  await watcher?.stop();
  watcher = await watchJobEvents(t.prisma, { fromNow: true });
  events = watcher.events;
}

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);

/** A job row as a process that has since died left it. */
function leftRunning(opts: { attempts: number; leaseUntil: Date; consultationId?: string }) {
  return t.prisma.exportJob.create({
    data: {
      consultationId: opts.consultationId ?? small.id, requestedById: organiser.id, kind: "pdf", scope: "public", siteUrl: t.url,
      status: "running", progress: 40, attempts: opts.attempts, lockedBy: "vanished-host:4242:dead", leaseUntil: opts.leaseUntil,
    },
  });
}

beforeAll(async () => {
  t = await startTestServer({ env: { EXPORT_POLL_INTERVAL_MS: "100" } });
  watcher = await watchJobEvents(t.prisma);
  events = watcher.events;
  organiser = await createUser(t.prisma, { displayName: "organiser" });
  coorganiser = await createUser(t.prisma, { displayName: "coorganiser" });
  small = await createConsultation(t.prisma, { createdById: organiser.id });
  await addMember(t.prisma, small.id, coorganiser.id, "organiser");
  await seedPosts(t.prisma, small.id, organiser.id, 50);
  big = await createConsultation(t.prisma, { createdById: organiser.id });
  await seedPosts(t.prisma, big.id, organiser.id, 6_000);
}, 120_000);

afterAll(async () => {
  await watcher?.stop();
  await t.stop();
});

describe("recovery at boot", () => {
  it("runs again a job whose process died, and fails one that has had its attempts, with the reason", async () => {
    const again = await leftRunning({ attempts: 1, leaseUntil: minutesFromNow(-1) });
    const spent = await leftRunning({ attempts: 2, leaseUntil: minutesFromNow(-1) });
    await restart();
    const client = await as(organiser);

    const done = await waitForJob(client, again.id);
    expect(done.status).toBe("done");
    expect(await t.prisma.exportJob.findUniqueOrThrow({ where: { id: again.id } })).toMatchObject({ attempts: 2, lockedBy: null, leaseUntil: null });
    const file = await download(client, done.downloadUrl);
    expect(file.status).toBe(200);
    expect(sha256(file.bytes)).toBe(done.sha256);
    expect(file.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const failed = await waitForJob(client, spent.id);
    expect(failed).toMatchObject({ status: "failed", error: "The server stopped twice while making this export; start it again.", downloadUrl: null });
    expect(await t.prisma.exportJob.findUniqueOrThrow({ where: { id: spent.id } })).toMatchObject({ attempts: 2, lockedBy: null });
  });

  it("leaves a job whose lease is current to its process on PostgreSQL, and takes it over once the lease has expired", async () => {
    const held = await leftRunning({ attempts: 1, leaseUntil: minutesFromNow(60) });
    await restart();
    const client = await as(organiser);
    if (TEST_DB === "pglite") {
      // PGlite is opened by one process at a time: at boot, a running job can only be a dead process's.
      expect((await waitForJob(client, held.id)).status).toBe("done");
      return;
    }
    // A job made after the restart and finished means the boot's recovery and several polls have run.
    const later = await waitForJob(client, (await client.post(`/api/consultations/${small.id}/exports/jobs`, { kind: "pdf" })).body.job.id);
    expect(later.status).toBe("done");
    expect(await t.prisma.exportJob.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: "running", attempts: 1, lockedBy: "vanished-host:4242:dead" });
    // Its process stops renewing the lease: the periodic recovery takes the job over.
    await t.prisma.exportJob.update({ where: { id: held.id }, data: { leaseUntil: minutesFromNow(-1) } });
    expect((await waitForJob(client, held.id)).status).toBe("done");
    expect((await t.prisma.exportJob.findUniqueOrThrow({ where: { id: held.id } })).attempts).toBe(2);
  });
});

describe("shutdown", () => {
  it("hands a running job back to the queue, without counting the attempt; the next server finishes it", async () => {
    const client = await as(organiser);
    const jobId = (await client.post(`/api/consultations/${big.id}/exports/jobs`, { kind: "package", scope: "staff" })).body.job.id as string;
    // Past 25%, the job is in its worker thread.
    await eventually(() => events.some((e) => e.jobId === jobId && e.status === "running" && e.progress > 25), "the job in its worker");
    await restart();
    // The stopping server's last word on the job: back in the queue (the log outlives the restart).
    const history = await jobEventsOf(t.prisma, jobId);
    const handedBack = history.findIndex((e) => e.status === "queued" && e.progress === 0 && history.slice(0, history.indexOf(e)).some((p) => p.status === "running" && p.progress > 25));
    expect(handedBack, JSON.stringify(history)).toBeGreaterThan(0);
    expect(history.slice(0, handedBack).some((e) => e.status === "done")).toBe(false);

    const next = await as(organiser);
    const job = await waitForJob(next, jobId, 90_000);
    expect(job.status).toBe("done");
    expect((await t.prisma.exportJob.findUniqueOrThrow({ where: { id: jobId } })).attempts).toBe(1);
    const entries = await zipEntries((await download(next, job.downloadUrl)).bytes);
    const json = JSON.parse(entries.get("contributions.json")!.toString("utf8"));
    expect(json.posts).toHaveLength(6_000);
  }, 180_000);
});

describe("authorization when the job runs", () => {
  it("fails a job whose requester is no longer an organiser by the time it runs, saying so", async () => {
    const member = { consultationId_userId: { consultationId: small.id, userId: coorganiser.id } };
    await t.prisma.consultationMember.update({ where: member, data: { role: "participant" } });
    // Queued while they were an organiser (behind other jobs, say): it runs only now.
    const job = await t.prisma.exportJob.create({ data: { consultationId: small.id, requestedById: coorganiser.id, kind: "pdf", scope: "public", siteUrl: t.url } });
    const client = await as(coorganiser);
    expect(await waitForJob(client, job.id)).toMatchObject({ status: "failed", error: "This export was not made: you are no longer an organiser of this consultation.", downloadUrl: null });
    expect(await t.prisma.exportJobChunk.count({ where: { jobId: job.id } })).toBe(0);
    await t.prisma.consultationMember.update({ where: member, data: { role: "organiser" } });
  });
});

describe("expiry", () => {
  it("makes a job expired once its time is up: its download answers 410, and the sweeper deletes its result", async () => {
    const client = await as(organiser);
    const job = await waitForJob(client, (await client.post(`/api/consultations/${small.id}/exports/jobs`, { kind: "pdf" })).body.job.id);
    expect(job.status).toBe("done");
    expect(await t.prisma.exportJobChunk.count({ where: { jobId: job.id } })).toBeGreaterThan(0);

    await t.prisma.exportJob.update({ where: { id: job.id }, data: { expiresAt: minutesFromNow(-1) } });
    // Expired at once for the API, whether or not the sweeper has been by yet.
    expect((await client.get(`/api/exports/jobs/${job.id}`)).body.job).toMatchObject({ status: "expired", downloadUrl: null, expiresAt: null, size: null });
    const gone = await download(client, `/api/exports/jobs/${job.id}/download`);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.text)).toEqual({ error: { code: "gone", message: expect.stringMatching(/expired .*24 hours.*Make it again/) } });

    await eventually(async () => (await t.prisma.exportJob.findUniqueOrThrow({ where: { id: job.id } })).status === "expired", "the sweeper");
    expect(await t.prisma.exportJobChunk.count({ where: { jobId: job.id } })).toBe(0);
    await eventually(async () => (await jobEventsOf(t.prisma, job.id)).at(-1)?.status === "expired", "the expiry announced");
    expect((await download(client, `/api/exports/jobs/${job.id}/download`)).status).toBe(410);
    // Someone else still gets the 404 they always get, not a hint that the job exists.
    expect((await download(await as(coorganiser), `/api/exports/jobs/${job.id}/download`)).status).toBe(404);
  });
});
