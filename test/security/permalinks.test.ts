// Finding: when a thread's opening post was hidden, withdrawn, pending or reported as illegal,
// GET /api/threads/:id was 404 but GET /api/posts/<reply> answered 200 with the reply and thread.title,
// anonymously; endorse, flag and quote used the same loader. Now a reply of a thread that does not exist
// for the viewer is the same 404 as a missing post, through the thread's own rule (canReadThread).
import { vi } from "vitest";
// Generous: the shared test machine can be very busy (argon2 hashing per user).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
let consultationId: string;
const c: Record<"organiser" | "author" | "replier" | "reader", TestClient> = {} as never;
const reason = { reasonCode: "off_topic", statement: "Belongs elsewhere." };

beforeAll(async () => {
  t = await startTestServer();
  const organiser = await createUser(t.prisma);
  const consultation = await createConsultation(t.prisma, { createdById: organiser.id });
  consultationId = consultation.id;
  for (const name of ["author", "replier", "reader"] as const) {
    const u = await createUser(t.prisma);
    await addMember(t.prisma, consultation.id, u.id, "participant");
    c[name] = t.client();
    await logIn(c[name], u);
  }
  c.organiser = t.client();
  await logIn(c.organiser, organiser);
});
afterAll(async () => {
  await t.stop();
});

/** A thread with a reply, both published and reachable; then `conceal` makes the thread vanish for readers. */
async function threadWithReply(title: string) {
  const started = await c.author.post(`/api/consultations/${consultationId}/threads`, { title, body: "The opening post." });
  expect(started.status).toBe(201);
  const reply = await c.replier.post(`/api/threads/${started.body.thread.id}/posts`, { body: "A reply." });
  expect(reply.status).toBe(201);
  return { threadId: started.body.thread.id as string, openingId: started.body.post.id as string, replyId: reply.body.post.id as string };
}

const concealments: [string, (th: { threadId: string; openingId: string }) => Promise<void>][] = [
  ["hidden by a moderator", async (th) => void expect((await c.organiser.post(`/api/posts/${th.openingId}/moderation`, { action: "hide", ...reason })).status).toBe(200)],
  ["withdrawn by its author", async (th) => void expect((await c.author.delete(`/api/posts/${th.openingId}`)).status).toBeLessThan(300)],
  ["reported as illegal", async (th) => void expect((await c.reader.post(`/api/posts/${th.openingId}/flags`, { reason: "illegal_content", note: "Unlawful." })).status).toBe(201)],
  ["back in the review queue", async (th) => void (await t.prisma.post.update({ where: { id: th.openingId }, data: { status: "pending" } }))],
];

describe("a reply of a thread that does not exist for the viewer", () => {
  for (const [how, conceal] of concealments) {
    it(`is a 404 everywhere when the opening post is ${how}`, async () => {
      const th = await threadWithReply(`Thread ${how}`);
      const anonymous = t.client();
      // Positive control: before, everyone reaches the reply.
      expect((await anonymous.get(`/api/posts/${th.replyId}`)).status).toBe(200);

      await conceal(th);
      expect((await anonymous.get(`/api/threads/${th.threadId}`)).status).toBe(404);
      const missing = await anonymous.get(`/api/posts/nosuchpost000`);
      for (const viewer of [anonymous, c.reader]) {
        const permalink = await viewer.get(`/api/posts/${th.replyId}`);
        expect(permalink.status).toBe(404);
        expect(permalink.body).toEqual(missing.body);
        expect(JSON.stringify(permalink.body)).not.toContain(how);
      }
      expect((await c.reader.post(`/api/posts/${th.replyId}/endorsements`)).status).toBe(404);
      expect((await c.reader.post(`/api/posts/${th.replyId}/flags`, { reason: "spam" })).status).toBe(404);
      const other = await c.reader.post(`/api/consultations/${consultationId}/threads`, { title: `Quoting ${how}`, body: "Opening." });
      const quote = await c.reader.post(`/api/threads/${other.body.thread.id}/posts`, { body: "As they said:", quotedPostId: th.replyId });
      expect(quote.status).toBe(400);
      expect(quote.body.error.details[0].path).toBe("quotedPostId");

      // Staff still reach it, through the same rule.
      const staff = await c.organiser.get(`/api/posts/${th.replyId}`);
      expect(staff.status).toBe(200);
      expect(staff.body.thread.id).toBe(th.threadId);
    });
  }
});
