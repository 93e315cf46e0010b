// Issue 10 item 4: "My decisions" shows its author the text of the contribution a decision was about,
// and only its author: everyone else still finds it nowhere (the leak probe over every channel).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { leaks, probeChannels } from "../support/visibility.ts";

let t: TestServer;
const c: Record<string, TestClient> = {};
const u: Record<string, Awaited<ReturnType<typeof createUser>>> = {};
let consultationId: string;

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ["organiser", "mod", "bob", "carol"]) {
    u[name] = await createUser(t.prisma, { displayName: name });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
  c.anon = t.client();
  consultationId = (await createConsultation(t.prisma, { createdById: u.organiser!.id })).id;
  await addMember(t.prisma, consultationId, u.mod!.id, "moderator");
});
afterAll(async () => {
  await t.stop();
});

let n = 0;
async function hiddenReply(author: string, threadId: string) {
  const token = `hidden${Date.now().toString(36)}x${n++}`;
  const res = await c[author]!.post(`/api/threads/${threadId}/posts`, { body: `Reply ${token}` });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const hidden = await c.mod!.post(`/api/posts/${res.body.post.id}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Belongs in another thread." });
  expect(hidden.status, JSON.stringify(hidden.body)).toBe(200);
  return { postId: res.body.post.id as string, token, decisionId: hidden.body.decision.id as string };
}

describe("My decisions", () => {
  it("shows the author the text of their hidden contribution, and nobody else", async () => {
    const th = await c.organiser!.post(`/api/consultations/${consultationId}/threads`, { title: "Age checks", body: "Should platforms verify age?" });
    expect(th.status).toBe(201);
    const threadId = th.body.thread.id as string;
    const bobs = await hiddenReply("bob", threadId);
    const carols = await hiddenReply("carol", threadId);

    const mine = await c.bob!.get(`/api/me/decisions`);
    expect(mine.status).toBe(200);
    const decision = mine.body.items.find((d: { id: string }) => d.id === bobs.decisionId);
    expect(decision).toMatchObject({ action: "hide", reasonCode: "off_topic", statement: "Belongs in another thread.", contribution: { status: "hidden", quarantined: false } });
    expect(decision.contribution.bodyHtml).toContain(bobs.token);

    // Carol sees her own text (positive control for her list) and never Bob's.
    const hers = await c.carol!.get(`/api/me/decisions`);
    expect(hers.body.items.find((d: { id: string }) => d.id === carols.decisionId).contribution.bodyHtml).toContain(carols.token);
    expect(JSON.stringify(hers.body)).not.toContain(bobs.token);
    expect(JSON.stringify(mine.body)).not.toContain(carols.token);

    // Everywhere else the hidden text stays out of reach for others.
    for (const name of ["carol", "anon"]) {
      const probe = { consultationId, threadId, postId: bobs.postId, authorId: u.bob!.id, token: bobs.token };
      expect(leaks(await probeChannels(c[name]!, probe), probe), `${name} can see it`).toEqual([]);
    }
  });

  it("leaves out the text of content reported as illegal, even for its author", async () => {
    const th = await c.organiser!.post(`/api/consultations/${consultationId}/threads`, { title: "Quarantine", body: "Opening." });
    const token = `illegal${Date.now().toString(36)}`;
    const res = await c.bob!.post(`/api/threads/${th.body.thread.id}/posts`, { body: `Reply ${token}` });
    expect((await c.carol!.post(`/api/posts/${res.body.post.id}/flags`, { reason: "illegal_content" })).status).toBe(201);
    // The report hides and quarantines it at once, as an automated decision about Bob's post.
    const mine = await c.bob!.get(`/api/me/decisions`);
    const decision = mine.body.items.find((d: { postId: string }) => d.postId === res.body.post.id);
    expect(decision).toMatchObject({ action: "hide", automated: true });
    expect(decision.contribution).toEqual({ bodyHtml: null, quarantined: true, status: "hidden" });
    expect(JSON.stringify(mine.body)).not.toContain(token);
  });
});
