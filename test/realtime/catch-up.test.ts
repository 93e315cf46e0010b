// Nothing missed: a client that was away rejoins with the last sequence number it saw and receives every
// event it missed, in order, re-checked against what it may see now. (How long it was away does not
// matter below the log's retention; test/realtime/retention.test.ts covers a longer absence.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket, deliveredUpToNow } from "../support/sockets.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("catch-up after a disconnection", () => {
  it("replays what a client missed while offline, in order, and nothing it may no longer see", async () => {
    const organiser = await createUser(t.prisma, { displayName: "organiser" });
    const orgClient = t.client();
    await logIn(orgClient, organiser);
    const c = await createConsultation(t.prisma, { createdById: organiser.id, accessMode: "restricted" });
    const reader = await createUser(t.prisma, { displayName: "reader" });
    await addMember(t.prisma, c.id, reader.id, "participant");
    const readerClient = t.client();
    await logIn(readerClient, reader);
    const writer = await createUser(t.prisma, { displayName: "writer" });
    await addMember(t.prisma, c.id, writer.id, "participant");
    const writerClient = t.client();
    await logIn(writerClient, writer);
    const th = await orgClient.post(`/api/consultations/${c.id}/threads`, { title: "Catch-up", body: "opening" });
    const threadId = th.body.thread.id;
    const other = await writerClient.post(`/api/consultations/${c.id}/threads`, { title: "Second", body: "second opening" });

    const first = await connectSocket(t.url, readerClient);
    // Join once this process has emitted everything written so far: a join's seq is what was delivered
    // here, so an event still on its way (the opening post's) would otherwise count as missed, and rightly
    // be replayed (at least once, never lost) but then not be what this test is about.
    await deliveredUpToNow(t.prisma, first, { userId: reader.id });
    const joined = await first.request("thread:join", { threadId });
    const joinedOther = await first.request("thread:join", { threadId: other.body.thread.id });
    const since = (joined as { data: { seq: number } }).data.seq;
    const sinceOther = (joinedOther as { data: { seq: number } }).data.seq;
    first.close();

    // While away: three replies, one of them hidden by a moderator, an edit; and access to the second
    // thread is lost (its opening post is hidden).
    const ids: string[] = [];
    for (const body of ["first while away", "second while away", "third while away"]) {
      ids.push((await writerClient.post(`/api/threads/${threadId}/posts`, { body })).body.post.id);
    }
    await writerClient.patch(`/api/posts/${ids[0]}`, { body: "first while away, edited", version: 1 });
    const moderator = await createUser(t.prisma);
    await addMember(t.prisma, c.id, moderator.id, "moderator");
    const modClient = t.client();
    await logIn(modClient, moderator);
    expect((await modClient.post(`/api/posts/${ids[1]}/moderation`, { action: "hide", reasonCode: "spam", statement: "Spam." })).status).toBe(200);
    await writerClient.post(`/api/threads/${other.body.thread.id}/posts`, { body: "in the thread about to vanish" });
    expect((await modClient.post(`/api/posts/${other.body.post.id}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Off topic." })).status).toBe(200);

    const back = await connectSocket(t.url, readerClient);
    // Likewise the replay below covers what was delivered by the rejoin; wait for it to cover every write.
    await deliveredUpToNow(t.prisma, back, { userId: reader.id });
    const rejoined = await back.request("thread:join", { threadId, since });
    expect(rejoined).toHaveProperty("data");
    const missed = (rejoined as { data: { missed: { name: string; seq: number; payload: { post?: { id: string; bodyHtml: string }; postId?: string } }[] } }).data.missed;
    const seqs = missed.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const created = missed.filter((m) => m.name === "post:created").map((m) => m.payload.post!.id);
    // The hidden reply is not replayed as content; its hiding is.
    expect(created).toEqual([ids[0], ids[2]]);
    expect(missed.find((m) => m.name === "post:hidden")?.payload.postId).toBe(ids[1]);
    expect(JSON.stringify(missed)).not.toContain("second while away");
    expect(missed.find((m) => m.name === "post:created" && m.payload.post!.id === ids[0])!.payload.post!.bodyHtml).toContain("edited");
    // The second thread is gone for this reader: rejoining it is refused, nothing is replayed.
    expect(await back.request("thread:join", { threadId: other.body.thread.id, since: sinceOther })).toMatchObject({ error: { code: "not_found" } });
    await deliveredUpToNow(t.prisma, back, { userId: reader.id });
    expect(JSON.stringify(back.received)).not.toContain("in the thread about to vanish");
    back.close();
  });
});
