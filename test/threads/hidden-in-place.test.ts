// Issue 10 item 4: a hidden or rejected post stays in its thread for its author (and staff), with the
// decision, the statement of reasons and whether it can be appealed; everyone else finds a gap with the
// reason code that keeps replies attached, and nothing of the text, the author or the id (leak probe).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { leaks, probeChannels } from "../support/visibility.ts";
import { zPostModeration, zRemovedContribution } from "../../shared/schemas/threads-moderated.ts";

let t: TestServer;
const c: Record<string, TestClient> = {};
const u: Record<string, Awaited<ReturnType<typeof createUser>>> = {};
let openId: string;
let preId: string;

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ["organiser", "mod", "bob", "carol"]) {
    u[name] = await createUser(t.prisma, { displayName: `${name} the tester` });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
  c.anon = t.client();
  openId = (await createConsultation(t.prisma, { createdById: u.organiser!.id })).id;
  preId = (await createConsultation(t.prisma, { createdById: u.organiser!.id, moderationMode: "pre" })).id;
  for (const id of [openId, preId]) await addMember(t.prisma, id, u.mod!.id, "moderator");
});
afterAll(async () => {
  await t.stop();
});

let n = 0;
const token = (p: string) => `${p}${Date.now().toString(36)}x${n++}`;
async function startThread(consultationId: string) {
  const res = await c.organiser!.post(`/api/consultations/${consultationId}/threads`, { title: "Age checks", body: "Should platforms verify age?" });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { threadId: res.body.thread.id as string, openingId: res.body.post.id as string };
}
async function reply(who: string, threadId: string, body: string, parentId?: string) {
  const res = await c[who]!.post(`/api/threads/${threadId}/posts`, { body, ...(parentId ? { parentId } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.post.id as string;
}
const decide = async (postId: string, body: Record<string, unknown>) => {
  const res = await c.mod!.post(`/api/posts/${postId}/moderation`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.decision.id as string;
};
type Item = { id?: string; kind?: string; parentId: string | null; seq: number; [k: string]: unknown };
async function allItems(who: string, threadId: string, limit = 50): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { items: Item[]; nextCursor: string | null } } = await c[who]!.get(
      `/api/threads/${threadId}/posts?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe("a hidden post in its thread", () => {
  it("stays readable to its author with the decision, and is a gap with the reason code for everyone else", async () => {
    const { threadId, openingId } = await startThread(openId);
    const secret = token("hiddentext");
    const hiddenId = await reply("bob", threadId, `Bob says ${secret}`, openingId);
    const answerId = await reply("carol", threadId, "Carol answers Bob.", hiddenId);
    const statement = "Belongs in the thread on encryption.";
    const decisionId = await decide(hiddenId, { action: "hide", reasonCode: "off_topic", statement });

    // The author: the post in place, marked, with the reasons and the way to appeal.
    const own = (await allItems("bob", threadId)).find((p) => p.id === hiddenId)!;
    expect(own).toMatchObject({ status: "hidden", moderation: { decisionId, action: "hide", reasonCode: "off_topic", statement, appealable: true, appealStatus: null } });
    expect(own.bodyHtml).toContain(secret);
    expect(zPostModeration.parse(own.moderation)).toBeTruthy();

    // Staff: the post in place with the same decision (they cannot appeal it).
    const staff = (await allItems("mod", threadId)).find((p) => p.id === hiddenId)!;
    expect(staff).toMatchObject({ status: "hidden", moderation: { decisionId, statement, appealable: false } });

    // Everyone else: the gap in its place, the reply still under it, and nothing else of it.
    for (const who of ["carol", "anon"]) {
      const items = await allItems(who, threadId);
      expect(items.map((p) => p.kind ?? "post"), who).toEqual(["post", "removed", "post"]);
      const gap = zRemovedContribution.parse(items[1]);
      expect(gap).toEqual({ kind: "removed", seq: expect.any(Number), parentId: openingId, depth: 1, displayDepth: 1, anchorId: hiddenId, reasonCode: "off_topic" });
      expect(items[2]).toMatchObject({ id: answerId, parentId: hiddenId });
      expect(JSON.stringify(items)).not.toContain(secret);
      expect(JSON.stringify(items)).not.toContain(u.bob!.displayName);
      expect(JSON.stringify(items)).not.toContain(statement);
    }

    // The leak probe over every channel: nothing for Carol and the anonymous visitor; the same probe
    // finds it for Bob (the positive control: his thread page carries the text).
    const probe = { consultationId: openId, threadId, postId: hiddenId, token: secret };
    for (const who of ["carol", "anon"]) expect(leaks(await probeChannels(c[who]!, probe), probe), who).toEqual([]);
    expect(leaks(await probeChannels(c.bob!, probe), probe)).toContain(`/api/threads/${threadId}/posts contains the token`);
  });

  it("keeps the id out of a gap that no reply names, and pages through gaps", async () => {
    const { threadId, openingId } = await startThread(openId);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await reply("bob", threadId, `Reply number ${i}`, openingId));
    await decide(ids[1]!, { action: "hide", reasonCode: "spam", statement: "An advert." });
    await decide(ids[2]!, { action: "hide", reasonCode: "personal_attack", statement: "Insulting." });

    // One item a page: the cursor moves past each gap as past a post.
    const paged = await allItems("carol", threadId, 1);
    expect(paged.map((p) => p.kind ?? p.id)).toEqual([openingId, ids[0], "removed", "removed", ids[3]]);
    expect(paged.filter((p) => p.kind === "removed").map((p) => [p.reasonCode, p.anchorId])).toEqual([["spam", null], ["personal_attack", null]]);
    const text = JSON.stringify(paged);
    expect(text).not.toContain(ids[1]);
    expect(text).not.toContain(ids[2]);
    // Positive control: staff get both ids.
    const staffText = JSON.stringify(await allItems("mod", threadId, 1));
    expect(staffText).toContain(ids[1]);
    expect(staffText).toContain(ids[2]);

    // Restored, it is a post again for everyone.
    await decide(ids[1]!, { action: "restore" });
    expect((await allItems("carol", threadId)).map((p) => p.kind ?? p.id)).toEqual([openingId, ids[0], ids[1], "removed", ids[3]]);
  });
});

describe("a rejected post in its thread", () => {
  it("is shown to its author with the decision until appealed, and leaves no gap for others", async () => {
    const { threadId, openingId } = await startThread(preId);
    const secret = token("rejectedtext");
    const rejectedId = await reply("bob", threadId, `Bob submits ${secret}`, openingId);
    const statement = "Names a private person.";
    const decisionId = await decide(rejectedId, { action: "reject", reasonCode: "personal_data", statement });

    const own = (await allItems("bob", threadId)).find((p) => p.id === rejectedId)!;
    expect(own).toMatchObject({ status: "rejected", moderation: { decisionId, action: "reject", reasonCode: "personal_data", statement, appealable: true } });

    // Never published and nobody answers it: no gap for others (positive control: the opening is there).
    for (const who of ["carol", "anon"]) {
      const items = await allItems(who, threadId);
      expect(items.map((p) => p.id ?? p.kind), who).toEqual([openingId]);
    }

    // Appealed, the author reads that it is under review, and cannot appeal twice.
    const appeal = await c.bob!.post(`/api/moderation/decisions/${decisionId}/appeal`, { message: "It names a public official." });
    expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
    const after = (await allItems("bob", threadId)).find((p) => p.id === rejectedId)!;
    expect(after.moderation).toMatchObject({ appealable: false, appealStatus: "open" });
  });
});

describe("a thread whose opening post was hidden", () => {
  it("opens for its author (read only, with the decision) and stays gone for everyone else", async () => {
    const res = await c.bob!.post(`/api/consultations/${openId}/threads`, { title: "Scanning at the edge", body: `Bob opens ${token("openingtext")}` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const threadId = res.body.thread.id as string;
    const openingId = res.body.post.id as string;
    const reply = await c.carol!.post(`/api/threads/${threadId}/posts`, { body: "Carol replies before the decision." });
    expect(reply.status).toBe(201);
    const statement = "Repeats an earlier thread word for word.";
    const decisionId = await decide(openingId, { action: "hide", reasonCode: "spam", statement });

    // The author: the thread, with their opening post in place, marked, and the way to appeal.
    const thread = await c.bob!.get(`/api/threads/${threadId}`);
    expect(thread.status, JSON.stringify(thread.body)).toBe(200);
    expect(thread.body.thread).toMatchObject({ openingStatus: "hidden", abilities: { reply: false } });
    const opening = (await allItems("bob", threadId)).find((p) => p.id === openingId)!;
    expect(opening).toMatchObject({ status: "hidden", moderation: { decisionId, action: "hide", reasonCode: "spam", statement, appealable: true } });
    // Read only: a reply from them is refused, and nothing is written.
    const refused = await c.bob!.post(`/api/threads/${threadId}/posts`, { body: "Bob tries to reply." });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(await t.prisma.post.count({ where: { threadId } })).toBe(2);

    // Everyone else: no such thread, by page and by its posts (staff, the control, still read it all).
    for (const who of ["carol", "anon"]) {
      expect((await c[who]!.get(`/api/threads/${threadId}`)).status, who).toBe(404);
      expect((await c[who]!.get(`/api/threads/${threadId}/posts`)).status, who).toBe(404);
    }
    expect((await c.mod!.get(`/api/threads/${threadId}`)).body.thread.abilities).toMatchObject({ moderate: true });
    expect((await allItems("mod", threadId)).map((p) => p.id)).toEqual([openingId, reply.body.post.id]);
  });
});
