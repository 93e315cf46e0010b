// Findings of the authorization matrix (matrix.test.ts), each as a small regression test that failed
// before its fix:
// 1. A reply notification kept its thread's title and the reply's excerpt after the thread stopped existing
//    for the recipient (opening post hidden, withdrawn, held or illegal-flagged) and after the recipient lost
//    access to the consultation (removed from a restricted one).
// 2. Staff read the title of a thread whose opening post was reported as illegal through a reply's
//    permalink and through the consultation room's thread:updated, though every list withholds it.
// 3. Moderating a position one may not moderate answered "Post not found." where a missing position
//    answers "Position not found.": a refusal that told an existing position from a missing one.
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { connectSocket } from "../support/sockets.ts";

let t: TestServer;
const c = {} as Record<"organiser" | "author" | "reader" | "flagger", TestClient>;
const ids = {} as Record<"organiser" | "author" | "reader" | "flagger", string>;
const reason = { reasonCode: "off_topic", statement: "Belongs elsewhere." };

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ["organiser", "author", "reader", "flagger"] as const) {
    const u = await createUser(t.prisma, { displayName: `Finding ${name}` });
    ids[name] = u.id;
    c[name] = t.client();
    await logIn(c[name], u);
  }
});
afterAll(async () => {
  await t?.stop();
});

async function consultation(accessMode: "open" | "restricted" = "open") {
  const con = await createConsultation(t.prisma, { createdById: ids.organiser, accessMode });
  for (const n of ["author", "reader", "flagger"] as const) await addMember(t.prisma, con.id, ids[n], "participant");
  return con;
}

/** A word of the answer's body, not the title (the title must be withheld on its own). */
const excerptOf = (title: string) => title.replaceAll(" ", "_");

/** The reader's post in a new thread, answered by the author: the reader is notified of the answer. */
async function answeredThread(consultationId: string, title: string) {
  const started = await c.author.post(`/api/consultations/${consultationId}/threads`, { title, body: "The opening post." });
  expect(started.status).toBe(201);
  const mine = await c.reader.post(`/api/threads/${started.body.thread.id}/posts`, { body: "The reader's point." });
  const answer = await c.author.post(`/api/threads/${started.body.thread.id}/posts`, { body: `An answer for ${excerptOf(title)}.`, parentId: mine.body.post.id });
  expect(answer.status).toBe(201);
  return { threadId: started.body.thread.id as string, openingId: started.body.post.id as string, answerId: answer.body.post.id as string };
}

const notificationsText = async () => JSON.stringify((await c.reader.get("/api/notifications")).body);

describe("1. reply notifications follow what the recipient may read now", () => {
  const concealments: [string, (th: { openingId: string }) => Promise<void>][] = [
    ["hidden", async (th) => void expect((await c.organiser.post(`/api/posts/${th.openingId}/moderation`, { action: "hide", ...reason })).status).toBe(200)],
    ["withdrawn", async (th) => void expect((await c.author.delete(`/api/posts/${th.openingId}`)).status).toBe(204)],
    ["illegal", async (th) => void expect((await c.flagger.post(`/api/posts/${th.openingId}/flags`, { reason: "illegal_content" })).status).toBe(201)],
    ["pending", async (th) => void (await t.prisma.post.update({ where: { id: th.openingId }, data: { status: "pending" } }))],
  ];
  for (const [how, conceal] of concealments) {
    it(`drops the notification once the thread's opening post is ${how}`, async () => {
      const con = await consultation();
      const title = `Notified thread ${how} qzv`;
      const th = await answeredThread(con.id, title);
      expect(await notificationsText()).toContain(title); // positive control
      await conceal(th);
      expect(await notificationsText()).not.toContain(title);
      expect(await notificationsText()).not.toContain(excerptOf(title));
    });
  }

  it("drops it once the recipient is no longer a member of the restricted consultation", async () => {
    const con = await consultation("restricted");
    const title = "Members-only thread qzv";
    await answeredThread(con.id, title);
    expect(await notificationsText()).toContain(title);
    await t.prisma.consultationMember.delete({ where: { consultationId_userId: { consultationId: con.id, userId: ids.reader } } });
    expect(await notificationsText()).not.toContain(title);
  });
});

describe("2. an illegal-flagged thread's title reaches staff nowhere", () => {
  it("not through a reply's permalink, not through the consultation room", async () => {
    const con = await consultation();
    const title = "Thread reported as illegal qzv";
    const th = await answeredThread(con.id, title);
    const staffSocket = await connectSocket(t.url, c.organiser);
    try {
      expect("data" in (await staffSocket.request("consultation:join", { consultationId: con.id }))).toBe(true);
      // Positive control: before the report, staff read the title both ways.
      expect((await c.organiser.get(`/api/posts/${th.answerId}`)).body.thread.title).toBe(title);
      expect((await c.flagger.post(`/api/posts/${th.openingId}/flags`, { reason: "illegal_content" })).status).toBe(201);
      const permalink = await c.organiser.get(`/api/posts/${th.answerId}`);
      expect(permalink.status).toBe(200);
      expect(permalink.body.thread.title).toBeNull();
      expect(JSON.stringify(permalink.body)).not.toContain(title);
      // A thread decision announces the thread to the staff room: without its title.
      expect((await c.organiser.post(`/api/threads/${th.threadId}/moderation`, { action: "lock", ...reason })).status).toBe(200);
      const updated = await staffSocket.waitFor("thread:updated", (p) => (p.thread as { id: string }).id === th.threadId, 10_000);
      expect((updated.thread as { title: unknown }).title).toBeNull();
      expect(JSON.stringify(updated)).not.toContain(title);
    } finally {
      staffSocket.close();
    }
  });
});

describe("3. a refused position decision is the same 404 as a missing position", () => {
  it("for a participant, on an existing published position", async () => {
    const con = await consultation();
    const org = await createOrganisation(t.prisma, { verified: true });
    await addToOrganisation(t.prisma, ids.author, org.id, "representative");
    const pos = await c.author.put(`/api/consultations/${con.id}/questions/${con.questions[0]!.id}/position`, { organisationId: org.id, stance: "oppose", summary: "S.", argument: "A." });
    expect(pos.status).toBe(201);
    const body = { action: "hide", ...reason };
    const missing = await c.reader.post(`/api/positions/nosuchposition0/moderation`, body);
    const refused = await c.reader.post(`/api/positions/${pos.body.position.id}/moderation`, body);
    expect(missing.status).toBe(404);
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual(missing.body);
    // Positive control: the organiser may, and it is a proposal waiting for confirmation.
    expect((await c.organiser.post(`/api/positions/${pos.body.position.id}/moderation`, body)).status).toBe(200);
  });
});
