// What a moderator needs to finish the job: dismissing unfounded flags (audited, counted as "flags
// rejected", the queue empties), an item's decision history, the moderation log of the consultations
// they moderate (organisers keep the whole audit log), and the count of waiting items.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
type U = Awaited<ReturnType<typeof createUser>>;
const u: Record<string, U> = {};
const c: Record<string, TestClient> = {};
let consultation: Awaited<ReturnType<typeof createConsultation>>;
let other: Awaited<ReturnType<typeof createConsultation>>;

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ["organiser", "moderator", "otherOrganiser", "author", "flagger", "reader"]) {
    u[name] = await createUser(t.prisma, { displayName: name });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
  consultation = await createConsultation(t.prisma, { createdById: u.organiser!.id });
  await addMember(t.prisma, consultation.id, u.moderator!.id, "moderator");
  other = await createConsultation(t.prisma, { createdById: u.otherOrganiser!.id, moderationMode: "pre" });
});
afterAll(async () => {
  await t.stop();
});

async function postIn(consultationId: string, client: TestClient, body: string) {
  const th = await client.post(`/api/consultations/${consultationId}/threads`, { title: `About ${body}`, body });
  expect(th.status, JSON.stringify(th.body)).toBe(201);
  const reply = await client.post(`/api/threads/${th.body.thread.id}/posts`, { body: `${body}, replied` });
  return { threadId: th.body.thread.id as string, postId: reply.body.post.id as string, status: reply.body.post.status as string };
}

const queueIds = async (client: TestClient, consultationId: string) =>
  ((await client.get(`/api/consultations/${consultationId}/moderation/queue`)).body.items as { id: string }[]).map((i) => i.id);

describe("dismissing flags", () => {
  it("resolves the flags with a note, keeps the post, empties the queue, counts a rejected flag, does not notify the author", async () => {
    const { postId } = await postIn(consultation.id, c.author!, "A fair point on proportionality");
    expect((await c.flagger!.post(`/api/posts/${postId}/flags`, { reason: "misinformation", note: "I disagree" })).status).toBe(201);
    expect(await queueIds(c.moderator!, consultation.id)).toContain(postId);
    const notificationsBefore = await t.prisma.notification.count({ where: { userId: u.author!.id, kind: "decision" } });

    const res = await c.moderator!.post(`/api/posts/${postId}/moderation`, { action: "dismiss_flags", statement: "Disagreement is not misinformation." });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.decision).toMatchObject({ action: "dismiss_flags", confirmed: true });
    expect(await queueIds(c.moderator!, consultation.id)).not.toContain(postId);
    expect((await c.reader!.get(`/api/posts/${postId}`)).status).toBe(200);
    expect(await t.prisma.flag.count({ where: { postId, resolvedAt: null } })).toBe(0);
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { targetId: postId, action: "dismiss_flags" } });
    expect(audit).toMatchObject({ actorId: u.moderator!.id, statement: "Disagreement is not misinformation." });
    const report = (await c.reader!.get(`/api/consultations/${consultation.id}/transparency`)).body;
    expect(report.flags).toMatchObject({ received: 1, rejected: 1 });
    expect(report.decisions.byAction.dismiss_flags).toBe(1);
    expect(await t.prisma.notification.count({ where: { userId: u.author!.id, kind: "decision" } })).toBe(notificationsBefore);
    // Positive control: a decision that changes the post does notify its author.
    expect((await c.moderator!.post(`/api/posts/${postId}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Moved on." })).status).toBe(200);
    expect(await t.prisma.notification.count({ where: { userId: u.author!.id, kind: "decision" } })).toBe(notificationsBefore + 1);
  });

  it("refuses to dismiss when there is nothing to dismiss, and refuses people who do not moderate", async () => {
    const { postId } = await postIn(consultation.id, c.author!, "Nothing flagged here");
    expect((await c.moderator!.post(`/api/posts/${postId}/moderation`, { action: "dismiss_flags" })).status).toBe(409);
    expect((await c.flagger!.post(`/api/posts/${postId}/flags`, { reason: "spam" })).status).toBe(201);
    expect((await c.reader!.post(`/api/posts/${postId}/moderation`, { action: "dismiss_flags" })).status).toBe(404);
    expect((await c.otherOrganiser!.post(`/api/posts/${postId}/moderation`, { action: "dismiss_flags" })).status).toBe(404);
    expect((await c.moderator!.post(`/api/posts/${postId}/moderation`, { action: "dismiss_flags" })).status).toBe(200);
  });
});

describe("decision history", () => {
  it("lists every decision on an item with its appeal, for the consultation's staff only", async () => {
    const { postId } = await postIn(consultation.id, c.author!, "A contested claim");
    const hidden = await c.moderator!.post(`/api/posts/${postId}/moderation`, { action: "hide", reasonCode: "misinformation", statement: "Unsourced figure." });
    expect(hidden.status).toBe(200);
    expect((await c.author!.post(`/api/moderation/decisions/${hidden.body.decision.id}/appeal`, { message: "The source is in my first post." })).status).toBe(201);
    expect((await c.organiser!.post(`/api/posts/${postId}/moderation`, { action: "restore", statement: "Source found." })).status).toBe(200);

    const history = await c.moderator!.get(`/api/posts/${postId}/moderation/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((d: { action: string }) => d.action)).toEqual(["hide", "restore"]);
    expect(history.body.items[0]).toMatchObject({ reasonCode: "misinformation", statement: "Unsourced figure.", decidedBy: { displayName: "moderator" }, appeal: { status: "open" } });
    for (const name of ["reader", "author", "otherOrganiser"]) expect((await c[name]!.get(`/api/posts/${postId}/moderation/history`)).status, name).toBe(404);
    expect((await c.organiser!.get(`/api/posts/${postId}/moderation/history`)).status).toBe(200);
  });
});

describe("the moderation log", () => {
  it("shows moderators the moderation actions of their consultation; organisers also see the rest", async () => {
    const extra = await createUser(t.prisma);
    expect((await c.organiser!.post(`/api/consultations/${consultation.id}/members`, { email: extra.email, role: "participant" })).status).toBe(201);
    const { postId } = await postIn(consultation.id, c.author!, "Something to hide");
    expect((await c.moderator!.post(`/api/posts/${postId}/moderation`, { action: "hide", reasonCode: "spam", statement: "Advert." })).status).toBe(200);

    const forModerator = await c.moderator!.get(`/api/consultations/${consultation.id}/moderation/log?limit=100`);
    expect(forModerator.status).toBe(200);
    const actions = new Set(forModerator.body.items.map((e: { action: string }) => e.action));
    expect(actions.has("hide")).toBe(true);
    expect(actions.has("add_member")).toBe(false);
    expect((await c.moderator!.get(`/api/consultations/${consultation.id}/moderation/log?action=add_member`)).body.items).toEqual([]);
    const forOrganiser = await c.organiser!.get(`/api/consultations/${consultation.id}/moderation/log?limit=100`);
    expect(new Set(forOrganiser.body.items.map((e: { action: string }) => e.action)).has("add_member")).toBe(true);
    expect((await c.reader!.get(`/api/consultations/${consultation.id}/moderation/log`)).status).toBe(403);
  });
});

describe("waiting items", () => {
  it("counts held and flagged items per consultation the caller moderates, each item once", async () => {
    const held = await postIn(other.id, c.otherOrganiser!, "Opening by the organiser");
    const authorInOther = await c.author!.post(`/api/threads/${held.threadId}/posts`, { body: "Held for review" });
    expect(authorInOther.body.post.status).toBe("pending");
    const flagged = await postIn(other.id, c.otherOrganiser!, "Flag me");
    for (const who of ["flagger", "reader"]) expect((await c[who]!.post(`/api/posts/${flagged.postId}/flags`, { reason: "spam" })).status).toBe(201);

    const overview = await c.otherOrganiser!.get("/api/moderation/overview");
    expect(overview.status).toBe(200);
    expect(overview.body.consultations).toEqual([expect.objectContaining({ id: other.id, waiting: 2 })]);
    // The moderator of the first consultation does not see the second one's queue.
    expect((await c.moderator!.get("/api/moderation/overview")).body.consultations.map((x: { id: string }) => x.id)).not.toContain(other.id);
    expect((await c.reader!.get("/api/moderation/overview")).body).toEqual({ total: 0, consultations: [] });
  });
});
