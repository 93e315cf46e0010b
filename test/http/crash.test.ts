// Crash safety: a client posts steadily, recording every acknowledged post; the server process is killed
// with SIGKILL mid-stream and started again on the same database. Every acknowledged post is there exactly
// once (unacknowledged ones, retried with the same Idempotency-Key, at most once); the events of those
// posts reach a reader that rejoins with the last sequence number it saw.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcessDatabase, type ProcessDatabase } from "../support/db.ts";
import { startServerProcess } from "../support/processes.ts";
import { TestClient } from "../support/client.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket } from "../support/sockets.ts";
import type { JoinResult } from "../../shared/events.ts";
import { seedPosts, waitForJob } from "../exports/support.ts";

let db: ProcessDatabase;
let fixture: { consultationId: string; writer: { email: string; password: string }; organiser: { email: string; password: string } };

beforeAll(async () => {
  db = await createProcessDatabase();
  const open = await db.open();
  const organiser = await createUser(open.prisma, { displayName: "organiser" });
  const writer = await createUser(open.prisma, { displayName: "writer" });
  const c = await createConsultation(open.prisma, { createdById: organiser.id });
  // Enough to keep an export job running for a while.
  await seedPosts(open.prisma, c.id, organiser.id, 4_000);
  fixture = { consultationId: c.id, writer, organiser };
  await open.close();
}, 60_000);

afterAll(async () => {
  await db.drop();
});

async function allPosts(client: TestClient, threadId: string) {
  const items: { id: string; bodyHtml: string }[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { items: { id: string; bodyHtml: string }[]; nextCursor: string | null } } = await client.get(`/api/threads/${threadId}/posts?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe("SIGKILL mid-stream", () => {
  it("keeps every acknowledged post exactly once, delivers its events after the restart, leaves no job stuck", async () => {
    // Short leases: on PostgreSQL a job left running is taken over once its lease has run out.
    const env = { ...db.env, EXPORT_LEASE_SECONDS: "2", EXPORT_POLL_INTERVAL_MS: "200" };
    const first = await startServerProcess(env);
    const organiser = new TestClient(first.url);
    await logIn(organiser, fixture.organiser);
    const writer = new TestClient(first.url);
    await logIn(writer, fixture.writer);
    const th = await writer.post(`/api/consultations/${fixture.consultationId}/threads`, { title: "Crash", body: "opening" });
    expect(th.status).toBe(201);
    const threadId = th.body.thread.id as string;
    const reader = await connectSocket(first.url);
    const joined = await reader.request<JoinResult>("thread:join", { threadId });
    if (!("data" in joined)) throw new Error(joined.error.message);

    // Four writers in parallel, each posting until the server dies; every request has its own key.
    const outcomes = new Map<string, { body: string; acked: string | null }>();
    let acked = 0;
    let n = 0;
    let jobId = "";
    const killed = (async () => {
      while (acked < 20) await new Promise((r) => setTimeout(r, 5));
      jobId = (await organiser.post(`/api/consultations/${fixture.consultationId}/exports/jobs`, { kind: "package", scope: "staff" })).body.job.id;
      while ((await organiser.get(`/api/exports/jobs/${jobId}`)).body.job.status !== "running") await new Promise((r) => setTimeout(r, 5));
      first.child.kill("SIGKILL");
      return first.exited;
    })();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (first.child.exitCode === null && first.child.signalCode === null) {
          const key = `crash-test-${n}`;
          const body = `crash test post ${n++}`;
          outcomes.set(key, { body, acked: null });
          const res = await writer.post(`/api/threads/${threadId}/posts`, { body }, { headers: { "idempotency-key": key } }).catch(() => null);
          if (res?.status === 201) {
            outcomes.get(key)!.acked = res.body.post.id;
            acked++;
          }
        }
      }),
    );
    expect(await killed).toBe("SIGKILL");
    const seenLive = reader.received.filter(([name]) => name === "post:created").map(([, p]) => p);
    const since = Math.max(joined.data.seq, ...seenLive.map((p) => p.seq));
    reader.close();

    const second = await startServerProcess(env, { timeoutMs: 90_000 });
    try {
      const again = new TestClient(second.url);
      await logIn(again, fixture.writer);
      // The client retries what it never heard back about, with the same keys: at most once each.
      for (const [key, o] of outcomes) {
        if (o.acked) continue;
        const res = await again.post(`/api/threads/${threadId}/posts`, { body: o.body }, { headers: { "idempotency-key": key } });
        expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
        o.acked = res.body.post.id;
      }
      const posts = await allPosts(again, threadId);
      for (const o of outcomes.values()) {
        const copies = posts.filter((p) => p.bodyHtml.includes(`>${o.body}<`));
        expect(copies.map((p) => p.id), o.body).toEqual([o.acked]);
      }

      // A reader that rejoins with the last seq it saw gets the events it missed, the crash included.
      const back = await connectSocket(second.url);
      const rejoin = await back.request<JoinResult>("thread:join", { threadId, since });
      if (!("data" in rejoin)) throw new Error(rejoin.error.message);
      const delivered = new Set([...seenLive, ...rejoin.data.missed.filter((m) => m.name === "post:created").map((m) => m.payload)].map((p) => (p as { post: { id: string } }).post.id));
      for (const o of outcomes.values()) expect(delivered.has(o.acked!), `event of ${o.body}`).toBe(true);
      back.close();

      // The job the dead process was running is run again by the new one, to the end.
      const organiserAgain = new TestClient(second.url);
      await logIn(organiserAgain, fixture.organiser);
      const job = await waitForJob(organiserAgain, jobId, 120_000);
      expect(job, JSON.stringify(job)).toMatchObject({ status: "done", progress: 100 });
    } finally {
      await second.stop();
    }
  }, 180_000);
});
