import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { leaks, probeChannels } from "../support/visibility.ts";

let t: TestServer;
type U = Awaited<ReturnType<typeof createUser>>;
const u: Record<string, U> = {};
const c: Record<string, TestClient> = {};
let consultation: Awaited<ReturnType<typeof createConsultation>>;
let preConsultation: Awaited<ReturnType<typeof createConsultation>>;
let ngo: Awaited<ReturnType<typeof createOrganisation>>;

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ["organiser", "modA", "modB", "alice", "bob", "carol", "dave", "admin"]) {
    u[name] = await createUser(t.prisma, { displayName: name, isAdmin: name === "admin" });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
  c.anon = t.client();
  consultation = await createConsultation(t.prisma, { createdById: u.organiser!.id });
  await t.prisma.consultation.update({ where: { id: consultation.id }, data: { flagHideThreshold: 2 } });
  preConsultation = await createConsultation(t.prisma, { createdById: u.organiser!.id, moderationMode: "pre" });
  for (const cons of [consultation, preConsultation]) {
    await addMember(t.prisma, cons.id, u.modA!.id, "moderator");
    await addMember(t.prisma, cons.id, u.modB!.id, "moderator");
  }
  ngo = await createOrganisation(t.prisma, { name: "Digital Liberty Network", category: "digital_rights", verified: true });
  await addToOrganisation(t.prisma, u.alice!.id, ngo.id, "representative");
  await addToOrganisation(t.prisma, u.modA!.id, ngo.id, "member");
});
afterAll(async () => {
  await t.stop();
});

let counter = 0;
async function thread(client: TestClient, consultationId: string, body?: string) {
  const token = `tok${Date.now().toString(36)}x${counter++}`;
  const res = await client.post(`/api/consultations/${consultationId}/threads`, { title: `Thread ${token}`, body: body ?? `Opening ${token}` });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { threadId: res.body.thread.id as string, postId: res.body.post.id as string, token, status: res.body.post.status as string };
}
async function reply(client: TestClient, threadId: string, extra: Record<string, unknown> = {}) {
  const token = `rep${Date.now().toString(36)}x${counter++}`;
  const res = await client.post(`/api/threads/${threadId}/posts`, { body: `Reply ${token}`, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { postId: res.body.post.id as string, token, status: res.body.post.status as string };
}
const auditCount = () => t.prisma.auditEntry.count();
const decide = (client: TestClient, postId: string, body: Record<string, unknown>) => client.post(`/api/posts/${postId}/moderation`, body);
const reason = { reasonCode: "off_topic", statement: "This belongs in the thread on age verification." };

async function expectInvisibleTo(names: string[], probe: Parameters<typeof probeChannels>[1]) {
  for (const name of names) {
    const found = leaks(await probeChannels(c[name]!, probe), probe);
    expect(found, `${name} can see it`).toEqual([]);
  }
}

describe("pre-moderation and the queue", () => {
  it("holds a post as pending: the author sees it marked, moderators in the queue, nobody else anywhere", async () => {
    const th = await thread(c.organiser!, preConsultation.id);
    const held = await reply(c.bob!, th.threadId);
    expect(held.status).toBe("pending");
    await expectInvisibleTo(["alice", "carol", "anon"], { consultationId: preConsultation.id, threadId: th.threadId, postId: held.postId, authorId: u.bob!.id, token: held.token });
    const own = await c.bob!.get(`/api/threads/${th.threadId}/posts`);
    expect(own.body.items.find((p: { id: string }) => p.id === held.postId).status).toBe("pending");
    const queue = await c.modA!.get(`/api/consultations/${preConsultation.id}/moderation/queue`);
    const item = queue.body.items.find((i: { id: string }) => i.id === held.postId);
    expect(item).toMatchObject({ kind: "post", status: "pending", author: { displayName: "bob" }, context: { thread: { id: th.threadId } } });
    expect(item.hints).toContain("new_account");
    expect((await c.bob!.get(`/api/consultations/${preConsultation.id}/moderation/queue`)).status).toBe(403);

    const before = await auditCount();
    expect((await decide(c.modA!, held.postId, { action: "approve" })).status).toBe(200);
    expect(await auditCount()).toBe(before + 1);
    expect((await c.anon!.get(`/api/posts/${held.postId}`)).status).toBe(200);
    expect((await decide(c.modB!, held.postId, { action: "approve" })).status).toBe(409);
  });

  it("never shows a held post to a public list polled while held posts are created", async () => {
    const th = await thread(c.organiser!, preConsultation.id);
    let polling = true;
    const seen = new Set<string>();
    const poller = (async () => {
      while (polling) {
        const res = await c.anon!.get(`/api/threads/${th.threadId}/posts`);
        for (const p of res.body.items) seen.add(p.status);
        const search = await c.anon!.get(`/api/search?q=heldpost`);
        expect(search.body.items).toEqual([]);
      }
    })();
    for (let i = 0; i < 12; i++) await c.carol!.post(`/api/threads/${th.threadId}/posts`, { body: `heldpost number ${i}` });
    polling = false;
    await poller;
    expect([...seen]).toEqual(["published"]);
    expect(await t.prisma.post.count({ where: { threadId: th.threadId, status: "pending" } })).toBe(12);
  });
});

describe("decisions, reasons, notifications and appeals", () => {
  it("rejects with a reason the author sees; the author appeals once; another moderator overturns", async () => {
    const th = await thread(c.organiser!, preConsultation.id);
    const held = await reply(c.dave!, th.threadId);
    expect((await decide(c.modA!, held.postId, { action: "reject" })).status).toBe(400); // reason required
    const rejected = await decide(c.modA!, held.postId, { action: "reject", ...reason });
    expect(rejected.status).toBe(200);
    const decisionId = rejected.body.decision.id;
    await expectInvisibleTo(["alice", "anon"], { consultationId: preConsultation.id, threadId: th.threadId, postId: held.postId, authorId: u.dave!.id, token: held.token });

    const mine = await c.dave!.get(`/api/me/decisions`);
    expect(mine.body.items[0]).toMatchObject({ id: decisionId, action: "reject", automated: false, reasonCode: "off_topic", statement: reason.statement, appealable: true });
    const bell = await c.dave!.get(`/api/notifications`);
    expect(bell.body.items.find((n: { kind: string }) => n.kind === "decision").payload).toMatchObject({ action: "reject", statement: reason.statement });

    expect((await c.alice!.post(`/api/moderation/decisions/${decisionId}/appeal`, { message: "Not mine but unfair" })).status).toBe(404);
    const appeal = await c.dave!.post(`/api/moderation/decisions/${decisionId}/appeal`, { message: "It is on topic: age checks are the point." });
    expect(appeal.status).toBe(201);
    expect((await c.dave!.post(`/api/moderation/decisions/${decisionId}/appeal`, { message: "again" })).status).toBe(409);

    const outcome = { outcome: "overturned", statement: "On reflection it is on topic." };
    expect((await c.modA!.post(`/api/moderation/appeals/${appeal.body.appeal.id}/decision`, outcome)).status).toBe(403);
    expect((await c.dave!.post(`/api/moderation/appeals/${appeal.body.appeal.id}/decision`, outcome)).status).toBe(404);
    const decided = await c.modB!.post(`/api/moderation/appeals/${appeal.body.appeal.id}/decision`, outcome);
    expect(decided.status).toBe(200);
    expect((await c.anon!.get(`/api/posts/${held.postId}`)).status).toBe(200);
    const after = await c.dave!.get(`/api/notifications`);
    expect(after.body.items.find((n: { kind: string }) => n.kind === "appeal_outcome").payload).toMatchObject({ outcome: "overturned", statement: outcome.statement });
    const transparency = await c.anon!.get(`/api/consultations/${preConsultation.id}/transparency`);
    expect(transparency.body.appeals).toMatchObject({ lodged: 1, byOutcome: { overturned: 1 } });
  });

  it("hides, restores, edits with a note (original kept) and moves a reply with its replies", async () => {
    const th = await thread(c.organiser!, consultation.id);
    const other = await thread(c.organiser!, consultation.id);
    const r = await reply(c.bob!, th.threadId, { parentId: th.postId });
    const child = await reply(c.carol!, th.threadId, { parentId: r.postId });
    expect((await decide(c.modA!, r.postId, { action: "hide", ...reason })).status).toBe(200);
    await expectInvisibleTo(["carol", "anon"], { consultationId: consultation.id, threadId: th.threadId, postId: r.postId, authorId: u.bob!.id, token: r.token });
    expect((await decide(c.modA!, r.postId, { action: "restore" })).status).toBe(200);
    const edited = await decide(c.modB!, r.postId, { action: "edit", body: "Reply [personal data removed]", ...reason, reasonCode: "personal_data" });
    expect(edited.status).toBe(200);
    const revisions = await c.modA!.get(`/api/posts/${r.postId}/revisions`);
    expect(revisions.body.revisions[0]).toMatchObject({ bodySource: `Reply ${r.token}`, note: reason.statement });
    const moved = await decide(c.modA!, r.postId, { action: "move", threadId: other.threadId, parentId: other.postId });
    expect(moved.status).toBe(200);
    const rows = await t.prisma.post.findMany({ where: { id: { in: [r.postId, child.postId] } } });
    expect(rows.map((p) => [p.threadId, p.depth]).sort()).toEqual([[other.threadId, 1], [other.threadId, 2]].sort());
  });

  it("writes exactly one audit row per action, and the log cannot be changed", async () => {
    // A participant's thread: a moderator may not lock or slow an organiser's (test/security/thread-decisions.test.ts).
    const th = await thread(c.alice!, consultation.id);
    const r = await reply(c.bob!, th.threadId);
    const actions: [string, () => Promise<{ status: number }>][] = [
      ["hide", () => decide(c.modA!, r.postId, { action: "hide", ...reason })],
      ["restore", () => decide(c.modA!, r.postId, { action: "restore" })],
      ["edit", () => decide(c.modA!, r.postId, { action: "edit", body: "edited by a moderator", ...reason })],
      ["lock", () => c.modA!.post(`/api/threads/${th.threadId}/moderation`, { action: "lock", ...reason })],
      ["unlock", () => c.modA!.post(`/api/threads/${th.threadId}/moderation`, { action: "unlock" })],
      ["pin", () => c.modA!.post(`/api/threads/${th.threadId}/moderation`, { action: "pin" })],
      ["slow_mode", () => c.modA!.post(`/api/threads/${th.threadId}/moderation`, { action: "slow_mode", seconds: 30, ...reason })],
      ["mute", () => c.modA!.post(`/api/consultations/${consultation.id}/moderation/mutes`, { userId: u.carol!.id, minutes: 1, ...reason })],
      ["add_member", () => c.organiser!.post(`/api/consultations/${consultation.id}/members`, { email: u.dave!.email, role: "observer" })],
      ["update_consultation", () => c.organiser!.patch(`/api/consultations/${consultation.id}`, { summary: "Updated summary" })],
    ];
    for (const [name, act] of actions) {
      const before = await auditCount();
      const res = await act();
      expect(res.status, name).toBeLessThan(300);
      expect(await auditCount(), name).toBe(before + 1);
    }
    const failedBefore = await auditCount();
    expect((await decide(c.bob!, r.postId, { action: "hide", ...reason })).status).toBe(404);
    expect(await auditCount()).toBe(failedBefore);

    await expect(t.prisma.auditEntry.updateMany({ data: { statement: "rewritten" } })).rejects.toThrow();
    await expect(t.prisma.auditEntry.deleteMany({})).rejects.toThrow();
    const log = await c.organiser!.get(`/api/consultations/${consultation.id}/moderation/log?action=hide`);
    expect(log.status).toBe(200);
    expect(log.body.items.every((e: { action: string }) => e.action === "hide")).toBe(true);
    // Moderators read the moderation log of the consultations they moderate; participants do not.
    expect((await c.modA!.get(`/api/consultations/${consultation.id}/moderation/log`)).status).toBe(200);
    expect((await c.bob!.get(`/api/consultations/${consultation.id}/moderation/log`)).status).toBe(403);
    const csv = await c.organiser!.raw("GET", `/api/consultations/${consultation.id}/moderation/log?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = String(csv.body).trim().split("\n");
    expect(lines[0]).toBe("seq,createdAt,actorId,automated,action,targetType,targetId,reasonCode,statement,before,after");
    expect(lines.length - 1).toBe(await t.prisma.auditEntry.count({ where: { consultationId: consultation.id } }));
  });
});

describe("flags", () => {
  it("hides an item automatically after N distinct flags, labelled automated; flaggers stay anonymous", async () => {
    const th = await thread(c.organiser!, consultation.id);
    const r = await reply(c.bob!, th.threadId);
    expect((await c.carol!.post(`/api/posts/${r.postId}/flags`, { reason: "spam", note: "advert" })).status).toBe(201);
    expect((await c.carol!.post(`/api/posts/${r.postId}/flags`, { reason: "spam" })).status).toBe(409);
    expect((await c.bob!.post(`/api/posts/${r.postId}/flags`, { reason: "spam" })).status).toBe(403);
    expect((await c.anon!.get(`/api/posts/${r.postId}`)).status).toBe(200);
    expect((await c.dave!.post(`/api/posts/${r.postId}/flags`, { reason: "spam" })).status).toBe(201);
    expect((await c.anon!.get(`/api/posts/${r.postId}`)).status).toBe(404);
    const decisions = await c.bob!.get(`/api/me/decisions`);
    const auto = decisions.body.items.find((d: { postId: string }) => d.postId === r.postId);
    expect(auto).toMatchObject({ action: "hide", automated: true });
    // What bob is told about the decision: his decisions and the decision notifications. (A reply
    // notification names who replied, and carol replied to bob earlier: that is not about the flags.)
    const notifications = (await c.bob!.get(`/api/notifications`)).body.items.filter((n: { kind: string }) => n.kind === "decision");
    expect(notifications.some((n: { payload: { postId?: string } }) => n.payload.postId === r.postId)).toBe(true);
    const everything = JSON.stringify([decisions.body, notifications]);
    for (const flagger of [u.carol!, u.dave!]) {
      expect(everything).not.toContain(flagger.id);
      expect(everything).not.toContain(flagger.displayName === "carol" ? "advert" : flagger.id);
    }
    const report = await c.anon!.get(`/api/consultations/${consultation.id}/transparency`);
    expect(report.body.decisions.automated).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(report.body);
    for (const person of Object.values(u)) expect(text).not.toContain(person.id);
  });

  it("quarantines illegal content at once: urgent, never redistributed, each opening logged", async () => {
    const th = await thread(c.organiser!, consultation.id);
    const r = await reply(c.bob!, th.threadId);
    expect((await c.carol!.post(`/api/posts/${r.postId}/flags`, { reason: "illegal_content" })).status).toBe(201);
    await expectInvisibleTo(["carol", "dave", "anon"], { consultationId: consultation.id, threadId: th.threadId, postId: r.postId, authorId: u.bob!.id, token: r.token });
    const staffPosts = await c.modA!.get(`/api/threads/${th.threadId}/posts`);
    const staffCopy = staffPosts.body.items.find((p: { id: string }) => p.id === r.postId);
    expect(staffCopy).toMatchObject({ quarantined: true, bodyHtml: null });
    expect(JSON.stringify(staffPosts.body)).not.toContain(r.token);
    const queue = await c.modA!.get(`/api/consultations/${consultation.id}/moderation/queue`);
    expect(queue.body.items[0]).toMatchObject({ id: r.postId, urgent: true, excerpt: null });
    const before = await t.prisma.auditEntry.count({ where: { action: "open_quarantined", targetId: r.postId } });
    const opened = await c.modA!.get(`/api/moderation/quarantine/posts/${r.postId}`);
    expect(opened.status).toBe(200);
    expect(opened.body.item.bodySource).toContain(r.token);
    expect(await t.prisma.auditEntry.count({ where: { action: "open_quarantined", targetId: r.postId } })).toBe(before + 1);
    expect((await c.carol!.get(`/api/moderation/quarantine/posts/${r.postId}`)).status).toBe(404);
    // The author no longer sees it either (hidden), so cannot withdraw it: the record stays for escalation.
    expect((await c.bob!.delete(`/api/posts/${r.postId}`)).status).toBe(404);
    expect(await t.prisma.post.findUnique({ where: { id: r.postId } })).toMatchObject({ status: "hidden", quarantined: true });
  });
});

describe("keeping flagged content", () => {
  it("approving a flagged published post resolves its flags and keeps it, with one decision", async () => {
    const th = await thread(c.organiser!, consultation.id);
    const r = await reply(c.bob!, th.threadId);
    expect((await c.carol!.post(`/api/posts/${r.postId}/flags`, { reason: "misinformation" })).status).toBe(201);
    let queue = await c.modA!.get(`/api/consultations/${consultation.id}/moderation/queue`);
    expect(queue.body.items.some((i: { id: string }) => i.id === r.postId)).toBe(true);
    const before = await auditCount();
    expect((await decide(c.modA!, r.postId, { action: "approve" })).status).toBe(200);
    expect(await auditCount()).toBe(before + 1);
    queue = await c.modA!.get(`/api/consultations/${consultation.id}/moderation/queue`);
    expect(queue.body.items.some((i: { id: string }) => i.id === r.postId)).toBe(false);
    expect((await c.anon!.get(`/api/posts/${r.postId}`)).status).toBe(200);
    expect((await decide(c.modA!, r.postId, { action: "approve" })).status).toBe(409);
  });
});

describe("neutrality and hierarchy", () => {
  it("a moderator cannot decide on their own content or content on behalf of their organisation", async () => {
    const th = await thread(c.organiser!, consultation.id);
    const own = await reply(c.modA!, th.threadId);
    expect((await decide(c.modA!, own.postId, { action: "hide", ...reason })).status).toBe(403);
    const onBehalf = await reply(c.alice!, th.threadId, { onBehalfOfOrganisationId: ngo.id });
    expect((await decide(c.modA!, onBehalf.postId, { action: "hide", ...reason })).status).toBe(403);
    expect((await decide(c.modB!, onBehalf.postId, { action: "hide", ...reason })).status).toBe(200);
  });

  it("removing an organisation's position needs a second moderator", async () => {
    const q = consultation.questions[0]!;
    const pos = await c.alice!.put(`/api/consultations/${consultation.id}/questions/${q.id}/position`, { organisationId: ngo.id, stance: "oppose", summary: "No scanning of private messages.", argument: "Encryption matters." });
    expect(pos.status).toBe(201);
    const positionId = pos.body.position.id;
    const proposed = await c.modB!.post(`/api/positions/${positionId}/moderation`, { action: "hide", ...reason, reasonCode: "misinformation" });
    expect(proposed.status).toBe(200);
    expect(proposed.body.awaitingConfirmation).toBe(true);
    expect((await c.anon!.get(`/api/positions/${positionId}`)).status).toBe(200);
    const decisionId = proposed.body.decision.id;
    expect((await c.modB!.post(`/api/moderation/decisions/${decisionId}/confirm`)).status).toBe(403);
    expect((await c.modA!.post(`/api/moderation/decisions/${decisionId}/confirm`)).status).toBe(403); // modA is in the organisation
    const queue = await c.organiser!.get(`/api/consultations/${consultation.id}/moderation/queue`);
    expect(queue.body.items.find((i: { id: string }) => i.id === positionId).awaitingConfirmation).toMatchObject({ decisionId, proposedById: u.modB!.id });
    expect((await c.organiser!.post(`/api/moderation/decisions/${decisionId}/confirm`)).status).toBe(200);
    expect((await c.anon!.get(`/api/positions/${positionId}`)).status).toBe(404);
  });

  it("nobody sanctions someone at or above them", async () => {
    const th = await thread(c.organiser!, consultation.id);
    expect((await decide(c.modA!, th.postId, { action: "hide", ...reason })).status).toBe(403);
    const mute = (client: TestClient, userId: string) => client.post(`/api/consultations/${consultation.id}/moderation/mutes`, { userId, minutes: 5, ...reason });
    expect((await mute(c.modA!, u.organiser!.id)).status).toBe(403);
    expect((await mute(c.modA!, u.modB!.id)).status).toBe(403);
    expect((await mute(c.organiser!, u.modA!.id)).status).toBe(201);
    expect((await c.admin!.patch(`/api/admin/users/${u.admin!.id}`, { status: "suspended", ...reason })).status).toBe(403);
  });

  it("a muted participant writes nothing until the mute ends; slow mode spaces posts", async () => {
    // A participant's thread: a moderator may not slow an organiser's (test/security/thread-decisions.test.ts).
    const th = await thread(c.alice!, consultation.id);
    expect((await c.modB!.post(`/api/consultations/${consultation.id}/moderation/mutes`, { userId: u.dave!.id, minutes: 10, ...reason })).status).toBe(201);
    const before = await t.prisma.post.count({ where: { threadId: th.threadId } });
    const muted = await c.dave!.post(`/api/threads/${th.threadId}/posts`, { body: "muted?" });
    expect(muted.status).toBe(403);
    expect(await t.prisma.post.count({ where: { threadId: th.threadId } })).toBe(before);

    expect((await c.modB!.post(`/api/threads/${th.threadId}/moderation`, { action: "slow_mode", seconds: 120, ...reason })).status).toBe(200);
    expect((await c.bob!.post(`/api/threads/${th.threadId}/posts`, { body: "first" })).status).toBe(201);
    const second = await c.bob!.post(`/api/threads/${th.threadId}/posts`, { body: "second" });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await t.prisma.post.count({ where: { threadId: th.threadId, authorId: u.bob!.id } })).toBe(1);
  });
});

describe("rate limits", () => {
  it("answer 429 with Retry-After and write nothing", async () => {
    const limited = await startTestServer({ rateLimits: { writePerUser: { points: 3, duration: 60 }, flagPerUser: { points: 1, duration: 60 }, endorsePerUser: { points: 1, duration: 60 }, registerPerIp: { points: 2, duration: 60 }, loginFailuresPerAccountIp: { points: 1, duration: 60 } } });
    try {
      const organiser = await createUser(limited.prisma);
      const cons = await createConsultation(limited.prisma, { createdById: organiser.id });
      const poster = await createUser(limited.prisma);
      const client = limited.client();
      await logIn(client, poster);
      const th = await client.post(`/api/consultations/${cons.id}/threads`, { title: "Limits", body: "opening" });
      const threadId = th.body.thread.id;
      expect((await client.post(`/api/threads/${threadId}/posts`, { body: "one" })).status).toBe(201);
      expect((await client.post(`/api/threads/${threadId}/posts`, { body: "two" })).status).toBe(201);
      const over = await client.post(`/api/threads/${threadId}/posts`, { body: "three" });
      expect(over.status).toBe(429);
      expect(over.body.error.code).toBe("rate_limited");
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
      // The thread (1 write) and two replies used the 3 points: 3 posts stored, the refused one is not.
      expect(await limited.prisma.post.count({ where: { threadId } })).toBe(3);

      const flagger = await createUser(limited.prisma);
      const fc = limited.client();
      await logIn(fc, flagger);
      const posts = await limited.prisma.post.findMany({ where: { threadId } });
      expect((await fc.post(`/api/posts/${posts[0]!.id}/flags`, { reason: "spam" })).status).toBe(201);
      expect((await fc.post(`/api/posts/${posts[1]!.id}/flags`, { reason: "spam" })).status).toBe(429);
      expect(await limited.prisma.flag.count()).toBe(1);
      expect((await fc.post(`/api/posts/${posts[0]!.id}/endorsements`)).status).toBe(200);
      expect((await fc.post(`/api/posts/${posts[1]!.id}/endorsements`)).status).toBe(429);
      expect(await limited.prisma.endorsement.count()).toBe(1);

      const anon = limited.client();
      const users = await limited.prisma.user.count();
      for (let i = 0; i < 2; i++) expect((await anon.post(`/api/auth/register`, { email: `r${i}@example.org`, password: "long enough password", displayName: "R" })).status).toBe(201);
      expect((await anon.post(`/api/auth/register`, { email: `r9@example.org`, password: "long enough password", displayName: "R" })).status).toBe(429);
      expect(await limited.prisma.user.count()).toBe(users + 2);
      // One failure from this address for this account, and the address is refused for it (others are not: test/security/login-throttle.test.ts).
      expect((await anon.post(`/api/auth/login`, { email: poster.email, password: "wrong password!" })).status).toBe(401);
      expect((await anon.post(`/api/auth/login`, { email: poster.email, password: poster.password })).status).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});
