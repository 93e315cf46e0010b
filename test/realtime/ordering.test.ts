// Gap-free, ordered delivery with concurrent writers. A trigger makes every third event's transaction
// hold for 300 ms after its row is inserted, before it commits: with sequence numbers taken in insertion
// order, later events would commit first and a reader tailing `seq > last` would skip the slow ones for
// good. On PostgreSQL, writers post through two server processes, each in its own thread (so no shared row
// serialises them), and readers listen on both; one reader disconnects halfway and catches up on rejoin.
// Every reader gets every event exactly once, in the log's order (the rejoined one: in order per thread).
// PGlite runs one connection at a time; the same test runs there with one server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DB, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { startServerProcess, type ServerProcess } from "../support/processes.ts";
import { openDatabase, type Database } from "../../server/db/index.ts";
import { TestClient } from "../support/client.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket, type TestSocket } from "../support/sockets.ts";
import type { JoinResult } from "../../shared/events.ts";

let urls: string[] = [];
let db: Database;
let testDb: TestDatabase | undefined;
let inProcess: TestServer | undefined;
const procs: ServerProcess[] = [];

beforeAll(async () => {
  if (TEST_DB === "postgres") {
    testDb = await createTestDatabase();
    for (let i = 0; i < 2; i++) procs.push(await startServerProcess({ DATABASE_URL: testDb.databaseUrl! }));
    urls = procs.map((p) => p.url);
    db = await openDatabase({ databaseUrl: testDb.databaseUrl, migrate: false });
  } else {
    inProcess = await startTestServer();
    urls = [inProcess.url, inProcess.url];
    db = inProcess.server.db;
  }
  await db.prisma.$executeRawUnsafe(`
    CREATE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.seq % 3 = 0 THEN PERFORM pg_sleep(0.3); END IF;
      RETURN NEW;
    END $$`);
  await db.prisma.$executeRawUnsafe(`CREATE TRIGGER test_slow_commit AFTER INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION test_slow_commit()`);
}, 120_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  if (inProcess) await inProcess.stop();
  else {
    await db?.close();
    await testDb?.drop();
  }
});

type Seen = { seq: number; postId: string };
let threadIds: string[] = [];
const createdIn = (entries: [string, { seq: number; post?: { id: string; threadId: string } }][]): Seen[] =>
  entries.filter(([name, p]) => name === "post:created" && threadIds.includes(p.post?.threadId ?? "")).map(([, p]) => ({ seq: p.seq, postId: p.post!.id }));

describe("concurrent writers, commits out of sequence order", () => {
  it("delivers every event exactly once, in order, to readers on every process, including after a reconnect", async () => {
    const organiser = await createUser(db.prisma, { displayName: "organiser" });
    const c = await createConsultation(db.prisma, { createdById: organiser.id });
    const orgClient = new TestClient(urls[0]!);
    await logIn(orgClient, organiser);
    const WRITERS = 6;
    // One thread per writer: writers of different threads share no row, so nothing but the event log's
    // own ordering keeps their commits in sequence order.
    threadIds = [];
    for (let i = 0; i < WRITERS; i++) {
      const th = await orgClient.post(`/api/consultations/${c.id}/threads`, { title: `Ordering ${i}`, body: "opening" });
      expect(th.status).toBe(201);
      threadIds.push(th.body.thread.id);
    }
    const joinAll = async (s: TestSocket, since?: number) => {
      const missed: [string, { seq: number }][] = [];
      for (const threadId of threadIds) {
        const ack = await s.request<JoinResult>("thread:join", { threadId, ...(since !== undefined ? { since } : {}) });
        if (!("data" in ack)) throw new Error(`join refused: ${ack.error.message}`);
        missed.push(...ack.data.missed.map((m): [string, { seq: number }] => [m.name, { seq: m.seq, ...m.payload }]));
      }
      return missed;
    };

    const readers: TestSocket[] = [];
    for (const url of [urls[0]!, urls[0]!, urls[1]!, urls[1]!]) {
      const s = await connectSocket(url);
      await joinAll(s);
      readers.push(s);
    }
    const leaver = readers[3]!;

    const PER_WRITER = 8;
    const writers = await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const user = await createUser(db.prisma, { displayName: `writer${i}` });
        const client = new TestClient(urls[i % 2]!);
        await logIn(client, user);
        return client;
      }),
    );
    const posted: string[] = [];
    let resumeAfterReconnect!: () => void;
    const reconnected = new Promise<void>((r) => (resumeAfterReconnect = r));
    let leaverBefore: Seen[] = [];
    let leaverReplay: Seen[] = [];
    let rejoined: TestSocket | undefined;

    await Promise.all([
      ...writers.map(async (client, w) => {
        for (let n = 0; n < PER_WRITER; n++) {
          const res = await client.post(`/api/threads/${threadIds[w]}/posts`, { body: `writer ${w}, reply ${n}` });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          posted.push(res.body.post.id);
          if (w === 0 && n === PER_WRITER / 2) await reconnected;
        }
      }),
      (async () => {
        // Halfway through, one reader goes away for a moment and rejoins with the last seq it saw.
        while (posted.length < (WRITERS * PER_WRITER) / 3) await new Promise((r) => setTimeout(r, 20));
        leaver.close();
        leaverBefore = createdIn(leaver.received as never);
        const since = Math.max(0, ...leaver.received.map(([, p]) => p.seq));
        const back = await connectSocket(urls[1]!);
        leaverReplay = createdIn((await joinAll(back, since)) as never);
        rejoined = back;
        resumeAfterReconnect();
      })(),
    ]);
    expect(posted).toHaveLength(WRITERS * PER_WRITER);

    // The log's order of the post:created events is the order every reader must see.
    const log = await db.prisma.domainEvent.findMany({ where: { threadId: { in: threadIds }, type: "post:created" }, orderBy: { seq: "asc" } });
    const expected = log.map((e) => ({ seq: Number(e.seq), postId: (e.payload as { postId: string }).postId })).filter((e) => posted.includes(e.postId));
    expect(expected).toHaveLength(posted.length);

    const everyone = [...readers.slice(0, 3), rejoined!];
    for (const s of everyone) {
      await s.waitFor("post:created", (p) => (p.post as { id: string }).id === expected.at(-1)!.postId, 30_000).catch(() => undefined);
    }
    for (const [i, s] of readers.slice(0, 3).entries()) expect(createdIn(s.received as never), `reader ${i}`).toEqual(expected);
    // The reader that rejoined thread after thread hears each thread's events in order (replay, then live),
    // but a thread it rejoined first may run ahead of one it rejoined later: order holds per room.
    const leaverAll = [...leaverBefore, ...leaverReplay, ...createdIn(rejoined!.received as never)];
    const threadOf = new Map(log.map((e) => [(e.payload as { postId: string }).postId, e.threadId]));
    for (const threadId of threadIds) {
      const inThread = (list: Seen[]) => list.filter((e) => threadOf.get(e.postId) === threadId);
      expect(inThread(leaverAll), `the reader that reconnected, thread ${threadId}`).toEqual(inThread(expected));
    }
    expect(leaverAll).toHaveLength(expected.length);
    for (const s of everyone) s.close();
  }, 120_000);
});
