import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
let organiser: Awaited<ReturnType<typeof createUser>>;
let orgClient: TestClient;
beforeAll(async () => {
  t = await startTestServer();
  const admin = await createUser(t.prisma, { isAdmin: true });
  organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
  // An admin appoints the first organiser by creating the consultation and adding them.
  const adminClient = t.client();
  await logIn(adminClient, admin);
  const created = await adminClient.post("/api/consultations", { title: "Seed consultation", summary: "s" });
  expect(created.status).toBe(201);
  expect((await adminClient.post(`/api/consultations/${created.body.consultation.id}/members`, { email: organiser.email, role: "organiser" })).status).toBe(201);
  orgClient = t.client();
  await logIn(orgClient, organiser);
});
afterAll(async () => {
  await t.stop();
});

async function participant(name = "Pat") {
  const user = await createUser(t.prisma, { displayName: name });
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}

describe("consultation lifecycle", () => {
  it("creates a draft visible only to organisers, opens it, and lists it", async () => {
    const res = await orgClient.post("/api/consultations", {
      title: "Detection orders and encryption",
      summary: "Should detection orders reach end-to-end encrypted services?",
      background: "The **proposal** <script>alert(1)</script> would allow detection orders.",
      accessMode: "open",
      questions: [{ text: "Scope of detection orders?" }, { text: "Encryption safeguards?", explanation: "Article 10" }],
    });
    expect(res.status).toBe(201);
    const c = res.body.consultation;
    expect(c).toMatchObject({ status: "draft", slug: "detection-orders-and-encryption", questionCount: 2 });
    expect(c.backgroundHtml).toContain("<strong>proposal</strong>");
    expect(c.backgroundHtml).not.toContain("<script");
    expect(c.abilities.edit).toBe(true);

    const anon = t.client();
    expect((await anon.get(`/api/consultations/${c.id}`)).status).toBe(404);
    expect((await anon.get(`/api/consultations`)).body.items.map((i: any) => i.id)).not.toContain(c.id);
    const { client: stranger } = await participant();
    expect((await stranger.get(`/api/consultations/${c.slug}`)).status).toBe(404);

    const opened = await orgClient.patch(`/api/consultations/${c.id}`, { status: "open" });
    expect(opened.status).toBe(200);
    expect((await anon.get(`/api/consultations/${c.slug}`)).body.consultation.title).toBe("Detection orders and encryption");
    expect((await anon.get(`/api/consultations?status=open`)).body.items.map((i: any) => i.id)).toContain(c.id);

    const back = await orgClient.patch(`/api/consultations/${c.id}`, { status: "draft" });
    expect(back.status).toBe(409);
  });

  it("refuses fields a caller may not set, and invalid bodies, with field paths", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const bad = await orgClient.patch(`/api/consultations/${c.id}`, { createdById: "someone", title: "" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    const paths = bad.body.error.details.map((d: any) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["title"]));
    const unknownKey = await orgClient.patch(`/api/consultations/${c.id}`, { status: "open", createdById: "x" });
    expect(unknownKey.status).toBe(400);
    expect((await t.prisma.consultation.findUniqueOrThrow({ where: { id: c.id } })).title).toBe(c.title);
  });

  it("moves consultations at opensAt and closesAt", async () => {
    const { advanceLifecycle } = await import("../../server/consultations/lifecycle.ts");
    const c = await createConsultation(t.prisma, { createdById: organiser.id, status: "draft" });
    await t.prisma.consultation.update({ where: { id: c.id }, data: { opensAt: new Date(Date.now() - 1000), closesAt: new Date(Date.now() + 3_600_000) } });
    await advanceLifecycle(t.prisma);
    expect((await t.prisma.consultation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("open");
    await advanceLifecycle(t.prisma, new Date(Date.now() + 7_200_000));
    expect((await t.prisma.consultation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("closed");
  });
});

describe("threads and posts", () => {
  it("starts a thread, replies with types, quotes, shows permalinks with parents", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const { client: alice } = await participant("Alice");
    const { client: bob } = await participant("Bob");
    const th = await alice.post(`/api/consultations/${c.id}/threads`, { title: "Client-side scanning", body: "Is *client-side scanning* compatible with E2EE?", questionId: c.questions[1]!.id });
    expect(th.status).toBe(201);
    expect(th.body.post.status).toBe("published");
    const threadId = th.body.thread.id;
    const r1 = await bob.post(`/api/threads/${threadId}/posts`, { body: "It is not.", parentId: th.body.post.id, replyType: "contests" });
    expect(r1.status).toBe(201);
    expect(r1.body.post).toMatchObject({ depth: 1, replyType: "contests", author: { displayName: "Bob" } });
    const r2 = await alice.post(`/api/threads/${threadId}/posts`, { body: "Why not?", parentId: r1.body.post.id, replyType: "question", quotedPostId: r1.body.post.id });
    expect(r2.body.post).toMatchObject({ depth: 2, quotedPostId: r1.body.post.id });

    const ctx = await t.client().get(`/api/posts/${r2.body.post.id}`);
    expect(ctx.status).toBe(200);
    expect(ctx.body.ancestors.map((p: any) => p.id)).toEqual([th.body.post.id, r1.body.post.id]);
    expect(ctx.body.thread.id).toBe(threadId);

    const page = await t.client().get(`/api/threads/${threadId}/posts`);
    expect(page.body.items.map((p: any) => p.id)).toEqual([th.body.post.id, r1.body.post.id, r2.body.post.id]);

    const wrongParent = await bob.post(`/api/threads/${threadId}/posts`, { body: "x", parentId: "nope123" });
    expect(wrongParent.status).toBe(400);
    expect(wrongParent.body.error.details[0].path).toBe("parentId");
  });

  it("refuses a stale edit with 409 and keeps revisions for moderators only", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const { client: alice } = await participant("Alice");
    const th = await alice.post(`/api/consultations/${c.id}/threads`, { title: "Edits", body: "first" });
    const id = th.body.post.id;
    const e1 = await alice.patch(`/api/posts/${id}`, { body: "second", version: 1 });
    expect(e1.status).toBe(200);
    expect(e1.body.post).toMatchObject({ version: 2, edited: true });
    const stale = await alice.patch(`/api/posts/${id}`, { body: "third", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    expect((await t.prisma.post.findUniqueOrThrow({ where: { id } })).bodySource).toBe("second");
    expect((await alice.get(`/api/posts/${id}/revisions`)).status).toBe(403);
    const revs = await orgClient.get(`/api/posts/${id}/revisions`);
    expect(revs.body.revisions.map((r: any) => r.bodySource)).toEqual(["first"]);
    const { client: bob } = await participant();
    expect((await bob.patch(`/api/posts/${id}`, { body: "hijack", version: 2 })).status).toBe(403);
  });

  it("withdraws a post from public view but keeps it for moderators", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const { client: alice } = await participant();
    const th = await alice.post(`/api/consultations/${c.id}/threads`, { title: "W", body: "opening" });
    const r = await alice.post(`/api/threads/${th.body.thread.id}/posts`, { body: "to withdraw" });
    expect((await alice.delete(`/api/posts/${r.body.post.id}`)).status).toBe(204);
    expect((await t.client().get(`/api/posts/${r.body.post.id}`)).status).toBe(404);
    const pub = await t.client().get(`/api/threads/${th.body.thread.id}/posts`);
    expect(pub.body.items.map((p: any) => p.id)).not.toContain(r.body.post.id);
    const staff = await orgClient.get(`/api/threads/${th.body.thread.id}/posts`);
    expect(staff.body.items.find((p: any) => p.id === r.body.post.id).status).toBe("withdrawn");
  });

  it("returns the original post for a retried Idempotency-Key, also when the retries arrive at once", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const { client: alice } = await participant();
    const th = await alice.post(`/api/consultations/${c.id}/threads`, { title: "Idem", body: "opening" });
    const headers = { "idempotency-key": "key-123456789" };
    const results = await Promise.all(Array.from({ length: 5 }, () => alice.post(`/api/threads/${th.body.thread.id}/posts`, { body: "once" }, { headers })));
    const ids = new Set(results.map((r) => r.body.post.id));
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await t.prisma.post.count({ where: { threadId: th.body.thread.id, bodySource: "once" } })).toBe(1);
    const again = await alice.post(`/api/threads/${th.body.thread.id}/posts`, { body: "once" }, { headers });
    expect(again.status).toBe(200);
    expect(again.body.post.id).toBe([...ids][0]);
  });

  it("counts concurrent endorsements once, by category, and lets them be taken back", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const { client: alice } = await participant();
    const th = await alice.post(`/api/consultations/${c.id}/threads`, { title: "E", body: "endorse me" });
    const postId = th.body.post.id;
    const bob = await createUser(t.prisma, { category: "academia" });
    const bobClient = t.client();
    await logIn(bobClient, bob);
    const all = await Promise.all(Array.from({ length: 6 }, () => bobClient.post(`/api/posts/${postId}/endorsements`)));
    expect(all.map((r) => r.status)).toEqual(all.map(() => 200));
    expect(await t.prisma.endorsement.count({ where: { postId } })).toBe(1);
    const page = await t.client().get(`/api/threads/${th.body.thread.id}/posts`);
    expect(page.body.items[0].endorsements).toEqual({ total: 1, byCategory: { academia: 1 } });
    expect((await alice.post(`/api/posts/${postId}/endorsements`)).status).toBe(403); // own post
    expect((await bobClient.delete(`/api/posts/${postId}/endorsements`)).body.endorsements.total).toBe(0);
  });

  it("holds posts in pre-moderation: pending for the author, invisible to others", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id, moderationMode: "pre" });
    const { client: alice } = await participant();
    const th = await alice.post(`/api/consultations/${c.id}/threads`, { title: "Held", body: "held opening" });
    expect(th.body.post.status).toBe("pending");
    expect((await t.client().get(`/api/threads/${th.body.thread.id}`)).status).toBe(404);
    expect((await alice.get(`/api/threads/${th.body.thread.id}`)).body.thread.openingStatus).toBe("pending");
    const list = await t.client().get(`/api/consultations/${c.id}/threads`);
    expect(list.body.items).toEqual([]);
    expect((await orgClient.get(`/api/consultations/${c.id}/threads`)).body.items).toHaveLength(1);
  });
});

describe("positions", () => {
  it("publishes, revises with history, filters and counts by category x stance", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const q = c.questions[0]!;
    const org = await createOrganisation(t.prisma, { category: "digital_rights", verified: true });
    const rep = await createUser(t.prisma);
    await addToOrganisation(t.prisma, rep.id, org.id, "representative");
    const repClient = t.client();
    await logIn(repClient, rep);
    const body = {
      organisationId: org.id,
      stance: "oppose",
      summary: "Detection orders on encrypted services break encryption.",
      argument: "Client-side scanning is **mass surveillance**.",
      evidence: [{ kind: "legal_analysis", citation: "EDPB-EDPS Joint Opinion 04/2022", url: "https://example.org/edpb" }],
      declarationOfInterests: "None.",
    };
    const first = await repClient.put(`/api/consultations/${c.id}/questions/${q.id}/position`, body);
    expect(first.status).toBe(201);
    expect(first.body.position).toMatchObject({ stance: "oppose", version: 1, category: "digital_rights", organisation: { name: org.name } });
    const second = await repClient.put(`/api/consultations/${c.id}/questions/${q.id}/position`, { ...body, stance: "support_with_amendments", amendmentText: "Exclude E2EE services.", version: 1 });
    expect(second.status).toBe(200);
    expect(second.body.position.version).toBe(2);
    const stale = await repClient.put(`/api/consultations/${c.id}/questions/${q.id}/position`, { ...body, version: 1 });
    expect(stale.status).toBe(409);
    const full = await t.client().get(`/api/positions/${first.body.position.id}`);
    expect(full.body.position.history.map((h: any) => h.stance)).toEqual(["oppose"]);
    const list = await t.client().get(`/api/consultations/${c.id}/positions?questionId=${q.id}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.counts.digital_rights.support_with_amendments).toBe(1);
    expect((await t.client().get(`/api/consultations/${c.id}/positions?stance=oppose`)).body.items).toHaveLength(0);

    const member = await createUser(t.prisma);
    await addToOrganisation(t.prisma, member.id, org.id, "member");
    const memberClient = t.client();
    await logIn(memberClient, member);
    expect((await memberClient.put(`/api/consultations/${c.id}/questions/${q.id}/position`, body)).status).toBe(403);
    const needsAmendment = await repClient.put(`/api/consultations/${c.id}/questions/${q.id}/position`, { ...body, stance: "support_with_amendments" });
    expect(needsAmendment.status).toBe(400);
    expect(needsAmendment.body.error.details[0].path).toBe("amendmentText");
  });
});

describe("search", () => {
  it("finds published content with highlighted snippets and never pending or hidden content", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id, title: "Grooming detection" });
    const { client: alice } = await participant();
    const th = await alice.post(`/api/consultations/${c.id}/threads`, { title: "Grooming indicators", body: "Classifiers for grooming conversations have false positives." });
    const hidden = await alice.post(`/api/threads/${th.body.thread.id}/posts`, { body: "A hidden remark about grooming classifiers." });
    await t.prisma.post.update({ where: { id: hidden.body.post.id }, data: { status: "hidden" } });
    const res = await t.client().get(`/api/search?q=grooming`);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: any) => i.id);
    expect(ids).toEqual(expect.arrayContaining([c.id, th.body.thread.id, th.body.post.id]));
    expect(ids).not.toContain(hidden.body.post.id);
    const postHit = res.body.items.find((i: any) => i.id === th.body.post.id);
    expect(postHit.snippet.some((s: any) => s.highlight && /grooming/i.test(s.text))).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(alice.constructor.name === "x" ? "" : "displayName");
  });
});

describe("thread states and preview", () => {
  it("lets staff lock and pin a thread; a locked thread takes no replies from participants", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const { client: alice } = await participant();
    const th = await alice.post(`/api/consultations/${c.id}/threads`, { title: "Lockable", body: "opening" });
    const threadId = th.body.thread.id;
    const lock = { action: "lock", reasonCode: "off_topic", statement: "Moved to the encryption thread." };
    expect((await alice.post(`/api/threads/${threadId}/moderation`, lock)).status).toBe(403);
    expect((await orgClient.post(`/api/threads/${threadId}/moderation`, lock)).status).toBe(200);
    const pinned = await orgClient.post(`/api/threads/${threadId}/moderation`, { action: "pin" });
    expect(pinned.status).toBe(200);
    expect(pinned.body.thread).toMatchObject({ status: "locked", pinned: true });
    const refused = await alice.post(`/api/threads/${threadId}/posts`, { body: "still here?" });
    expect(refused.status).toBe(403);
    expect(await t.prisma.post.count({ where: { threadId } })).toBe(1);
    expect((await orgClient.post(`/api/threads/${threadId}/posts`, { body: "Staff note." })).status).toBe(201);
  });

  it("previews exactly the HTML that would be stored", async () => {
    const { client: alice } = await participant();
    const src = "Hello **world** <img src=x onerror=alert(1)> [x](javascript:alert(1))";
    const preview = await alice.post("/api/preview", { body: src });
    expect(preview.status).toBe(200);
    const { renderRichText } = await import("../../server/content/rich-text.ts");
    expect(preview.body.html).toBe(renderRichText(src));
    expect(preview.body.html).not.toMatch(/<img|javascript:/i);
    expect((await t.client().post("/api/preview", { body: "x" })).status).toBe(401);
  });
});

describe("search filters", () => {
  it("filters by type, category and stance without the consultations part", async () => {
    const c = await createConsultation(t.prisma, { createdById: organiser.id, title: "Filters" });
    const { client: alice } = await participant();
    const th = await alice.post(`/api/consultations/${c.id}/threads`, { title: "Platypus thread", body: "Platypus facts." });
    for (const q of ["type=thread", "type=post", "type=position", "category=individual", "stance=oppose"]) {
      const res = await t.client().get(`/api/search?q=platypus&${q}`);
      expect(res.status, q).toBe(200);
    }
    const threads = await t.client().get(`/api/search?q=platypus&type=thread`);
    expect(threads.body.items.map((i: { id: string }) => i.id)).toEqual([th.body.thread.id]);
    const posts = await t.client().get(`/api/search?q=platypus&category=individual`);
    expect(posts.body.items.map((i: { id: string }) => i.id)).toEqual([th.body.post.id]);
  });
});
