// Reading the event log back (server/events/log.ts, a plain statement): the live tail and every replay
// depend on it giving exactly the events asked for, in commit order, as Prisma's own read of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser } from "../support/factories.ts";
import { recordEventNow } from "../../server/events/record.ts";
import { newestSeq, readEvents } from "../../server/events/log.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("readEvents", () => {
  it("filters by range, thread, consultation and type, oldest first, with the values Prisma reads", async () => {
    const organiser = await createUser(t.prisma);
    const [a, b] = [await createConsultation(t.prisma, { createdById: organiser.id }), await createConsultation(t.prisma, { createdById: organiser.id })];
    const start = await newestSeq(t.prisma);
    await recordEventNow(t.prisma, { type: "post:created", consultationId: a.id, threadId: "thread-1", payload: { postId: "p1" } });
    await recordEventNow(t.prisma, { type: "thread:updated", consultationId: a.id, threadId: "thread-2", payload: { threadId: "thread-2" } });
    await recordEventNow(t.prisma, { type: "post:created", consultationId: b.id, threadId: "thread-3", payload: { postId: "p3" } });
    await recordEventNow(t.prisma, { type: "post:edited", consultationId: a.id, threadId: "thread-1", payload: { postId: "p1" } });

    const all = await readEvents(t.prisma, { after: start, limit: 100 });
    const viaPrisma = await t.prisma.domainEvent.findMany({ where: { seq: { gt: BigInt(start) } }, orderBy: { seq: "asc" } });
    expect(all).toEqual(viaPrisma.map((e) => ({ seq: Number(e.seq), consultationId: e.consultationId, threadId: e.threadId, type: e.type, payload: e.payload, createdAt: e.createdAt })));
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((x, y) => x - y));
    expect(all[0]!.createdAt).toBeInstanceOf(Date);

    const seqs = all.map((e) => e.seq);
    const names = (events: { type: string; threadId?: string | null }[]) => events.map((e) => `${e.type}@${e.threadId}`);
    expect(names(await readEvents(t.prisma, { after: start, threadId: "thread-1", limit: 100 }))).toEqual(["post:created@thread-1", "post:edited@thread-1"]);
    expect(names(await readEvents(t.prisma, { after: start, consultationId: b.id, limit: 100 }))).toEqual(["post:created@thread-3"]);
    expect(names(await readEvents(t.prisma, { after: start, consultationId: a.id, types: ["thread:updated", "post:edited"], limit: 100 }))).toEqual(["thread:updated@thread-2", "post:edited@thread-1"]);
    expect(names(await readEvents(t.prisma, { after: seqs[0]!, upTo: seqs[2]!, limit: 100 }))).toEqual(["thread:updated@thread-2", "post:created@thread-3"]);
    expect(names(await readEvents(t.prisma, { after: start, limit: 1 }))).toEqual(["post:created@thread-1"]);
    expect(await readEvents(t.prisma, { after: seqs[3]!, limit: 100 })).toEqual([]);
  });
});
