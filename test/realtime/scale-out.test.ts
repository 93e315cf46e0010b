// Two real server processes on one PostgreSQL database and one Redis: a post created through one is
// delivered to a socket connected to the other, and a logout on one ends the session's socket on the other.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, pgUrl } from "../support/db.ts";
import { openDatabase, type Database } from "../../server/db/index.ts";
import { TestClient } from "../support/client.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket } from "../support/sockets.ts";
import { startServerProcess, type ServerProcess } from "../support/processes.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const dbName = `rt_scale_${crypto.randomBytes(5).toString("hex")}`;
let procs: ServerProcess[] = [];
let db: Database;
let urls: string[] = [];

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE ${dbName}`);
  // Both start at once: one migrates, the other waits on the advisory lock.
  procs = await Promise.all([0, 1].map(() => startServerProcess({ DATABASE_URL: pgUrl(dbName), REDIS_URL })));
  urls = procs.map((p) => p.url);
  db = await openDatabase({ databaseUrl: pgUrl(dbName), migrate: false });
}, 90_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await db?.close();
  await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

describe("two processes, one database, one Redis", () => {
  it("delivers a post created on one process to a socket on the other; a logout on one disconnects it", async () => {
    const [a, b] = urls as [string, string];
    const organiser = await createUser(db.prisma, { displayName: "organiser" });
    const reader = await createUser(db.prisma, { displayName: "reader" });
    const c = await createConsultation(db.prisma, { createdById: organiser.id });
    const onA = new TestClient(a);
    await logIn(onA, organiser);
    const th = await onA.post(`/api/consultations/${c.id}/threads`, { title: "Across processes", body: "opening" });
    expect(th.status).toBe(201);

    // The reader logs in on A, but their socket lands on B: the session lives in the shared database.
    const readerOnA = new TestClient(a);
    await logIn(readerOnA, reader);
    const socketOnB = await connectSocket(b, readerOnA);
    expect(await socketOnB.request("thread:join", { threadId: th.body.thread.id })).toHaveProperty("data");

    const post = await onA.post(`/api/threads/${th.body.thread.id}/posts`, { body: "written on A, read on B" });
    const event = await socketOnB.waitFor("post:created", (p) => (p.post as { id: string }).id === post.body.post.id, 10_000);
    expect((event.post as { bodyHtml: string }).bodyHtml).toContain("written on A, read on B");

    // Logout through A ends the socket held by B (B's dispatcher reads the logout from the event log).
    const gone = new Promise<string>((resolve) => socketOnB.socket.once("disconnect", resolve));
    expect((await readerOnA.post("/api/auth/logout")).status).toBe(204);
    expect(await gone).toBe("io server disconnect");
  }, 60_000);
});
