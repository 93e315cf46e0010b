// Notifications that say something: a reply notification names who replied, the thread and an excerpt
// of what they wrote; never the author in a Chatham House consultation; and marking read works by id
// and for all at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function replyScene(accessMode: "open" | "chatham_house") {
  const author = await createUser(t.prisma, { displayName: "Olga Opener" });
  const replier = await createUser(t.prisma, { displayName: "Rafa Replier" });
  const c = await createConsultation(t.prisma, { createdById: author.id, accessMode });
  await addMember(t.prisma, c.id, replier.id, "participant");
  const authorApi = t.client();
  await logIn(authorApi, author);
  const replierApi = t.client();
  await logIn(replierApi, replier);
  const th = await authorApi.post(`/api/consultations/${c.id}/threads`, { title: "Detection orders", body: "Should they cover encrypted services?" });
  expect(th.status, JSON.stringify(th.body)).toBe(201);
  for (const body of ["No: **scanning** breaks encryption for everyone.", "And the error rate is unknown."]) {
    const r = await replierApi.post(`/api/threads/${th.body.thread.id}/posts`, { body, parentId: th.body.post.id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  return { authorApi, replier, threadId: th.body.thread.id as string };
}

describe("notification context", () => {
  it("says who replied, where, and what, as plain text", async () => {
    const { authorApi, replier, threadId } = await replyScene("open");
    const res = await authorApi.get("/api/notifications");
    expect(res.status).toBe(200);
    const replies = res.body.items.filter((n: { kind: string }) => n.kind === "reply");
    expect(replies).toHaveLength(2);
    expect(replies[1]).toMatchObject({
      payload: { threadId },
      context: { actor: { id: replier.id, displayName: "Rafa Replier" }, threadTitle: "Detection orders", excerpt: "No: scanning breaks encryption for everyone." },
    });
    expect(res.body.unread).toBe(2);

    // Marked read by id (what the page does for what it showed), then all at once.
    expect((await authorApi.post("/api/notifications/read", { ids: [replies[0].id] })).status).toBe(204);
    expect((await authorApi.get("/api/notifications")).body.unread).toBe(1);
    expect((await authorApi.post("/api/notifications/read", {})).status).toBe(204);
    expect((await authorApi.get("/api/notifications")).body.unread).toBe(0);
  });

  it("never names the replier in a Chatham House consultation (the thread and excerpt stay)", async () => {
    const { authorApi } = await replyScene("chatham_house");
    const replies = (await authorApi.get("/api/notifications")).body.items.filter((n: { kind: string }) => n.kind === "reply");
    expect(replies).toHaveLength(2);
    for (const n of replies) expect(n.context).toMatchObject({ actor: null, threadTitle: "Detection orders" });
    expect(JSON.stringify(replies)).not.toContain("Rafa Replier");
  });
});
