// Amendments to a draft text are flagged and their flags dismissed like posts (issue 13): a reader who
// can see a published amendment flags it once (not their own, nothing they cannot see), the flag puts it
// in the consultation's queue (live, in the queue room) with its count and reasons, and the consultation's
// moderators dismiss the flags (audited, nobody told) or hide it through the amendment decision.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { connectSocket } from "../support/sockets.ts";

const ARTICLE = "### Article 7 — Detection orders\n\n1. A detection order may be issued.\n\n2. It shall be limited in time.";

let t: TestServer;
type U = Awaited<ReturnType<typeof createUser>>;
const u: Record<string, U> = {};
const c: Record<string, TestClient> = {};
let consultation: Awaited<ReturnType<typeof createConsultation>>;
let textId: string;

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ["organiser", "moderator", "otherOrganiser", "author", "flagger", "reader", "outsider"]) {
    u[name] = await createUser(t.prisma, { displayName: name });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
  consultation = await createConsultation(t.prisma, { createdById: u.organiser!.id });
  await addMember(t.prisma, consultation.id, u.moderator!.id, "moderator");
  for (const name of ["author", "flagger", "reader"]) await addMember(t.prisma, consultation.id, u[name]!.id, "participant");
  await createConsultation(t.prisma, { createdById: u.otherOrganiser!.id });
  const text = await c.organiser!.post(`/api/consultations/${consultation.id}/texts`, { title: "Proposal", format: "markdown", content: ARTICLE });
  expect(text.status, JSON.stringify(text.body)).toBe(201);
  textId = text.body.text.id;
});
afterAll(async () => {
  await t.stop();
});

async function propose(by: TestClient, proposedText: string, id = textId, eId = "art_7__para_1") {
  const res = await by.post(`/api/texts/${id}/amendments`, { eId, kind: "replace", proposedText, justification: "Because." });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.amendment.id as string;
}

type QueueItem = { kind: string; id: string; status: string; flags: { count: number; reasons: { reason: string; note: string | null }[] } };
const queue = async (client: TestClient) => (await client.get(`/api/consultations/${consultation.id}/moderation/queue`)).body.items as QueueItem[];
const openFlags = (amendmentId: string) => t.prisma.flag.count({ where: { amendmentId, resolvedAt: null } });

describe("flagging an amendment", () => {
  it("is received once per person, puts the amendment in the queue live, and is refused on one's own", async () => {
    const amendmentId = await propose(c.author!, "A detection order shall be a last resort.");
    const modSocket = await connectSocket(t.url, c.moderator!);
    expect(await modSocket.request("queue:join", { consultationId: consultation.id })).toHaveProperty("data");

    const flagged = await c.flagger!.post(`/api/amendments/${amendmentId}/flags`, { reason: "misinformation", note: "Misquotes the Charter." });
    expect(flagged.status, JSON.stringify(flagged.body)).toBe(201);
    // The flagger learns only that it was received.
    expect(flagged.body).toEqual({ received: true });
    // The same event as for a flagged post.
    await modSocket.waitFor("queue:added", (p) => p.kind === "amendment" && p.id === amendmentId);
    modSocket.close();

    // A second flag by the same person: refused, nothing added.
    const again = await c.flagger!.post(`/api/amendments/${amendmentId}/flags`, { reason: "spam" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    expect(await openFlags(amendmentId)).toBe(1);

    // One's own amendment: refused, while another reader's flag on it is received (positive control).
    const own = await c.author!.post(`/api/amendments/${amendmentId}/flags`, { reason: "spam" });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("forbidden");
    expect(await openFlags(amendmentId)).toBe(1);
    expect((await c.reader!.post(`/api/amendments/${amendmentId}/flags`, { reason: "off_topic" })).status).toBe(201);
    expect(await openFlags(amendmentId)).toBe(2);
    // The amendment is still published (two flags, below the threshold of three).
    expect((await c.outsider!.get(`/api/amendments/${amendmentId}`)).body.amendment.status).toBe("published");
  });

  it("is a 404 on an amendment the flagger cannot see (hidden, held, members-only, missing), a 201 on one they can", async () => {
    const visible = await propose(c.author!, "Visible wording.");
    const hidden = await propose(c.author!, "Hidden wording.");
    expect((await c.moderator!.post(`/api/amendments/${hidden}/moderation`, { action: "hide", reasonCode: "spam", statement: "Spam." })).status).toBe(200);
    // Held for review: only its author and staff see it.
    const held = await createConsultation(t.prisma, { createdById: u.organiser!.id, moderationMode: "pre" });
    await addMember(t.prisma, held.id, u.author!.id, "participant");
    await addMember(t.prisma, held.id, u.flagger!.id, "participant");
    const heldText = (await c.organiser!.post(`/api/consultations/${held.id}/texts`, { title: "Held", format: "markdown", content: ARTICLE })).body.text.id as string;
    const pending = await propose(c.author!, "Held wording.", heldText);
    // Members only: the outsider cannot see it at all.
    const restricted = await createConsultation(t.prisma, { createdById: u.organiser!.id, accessMode: "restricted" });
    await addMember(t.prisma, restricted.id, u.author!.id, "participant");
    const restrictedText = (await c.organiser!.post(`/api/consultations/${restricted.id}/texts`, { title: "Closed", format: "markdown", content: ARTICLE })).body.text.id as string;
    const membersOnly = await propose(c.author!, "Members' wording.", restrictedText);

    for (const [who, id] of [["flagger", hidden], ["flagger", pending], ["outsider", membersOnly], ["flagger", "nosuchamendment"]] as const) {
      const res = await c[who]!.post(`/api/amendments/${id}/flags`, { reason: "spam" });
      expect(res.status, `${who} on ${id}`).toBe(404);
      expect(res.body.error).toMatchObject({ code: "not_found", message: expect.stringMatching(/amendment/i) });
    }
    expect(await t.prisma.flag.count({ where: { amendmentId: { in: [hidden, pending, membersOnly] } } })).toBe(0);
    // Positive control: the same people flag what they can see.
    expect((await c.flagger!.post(`/api/amendments/${visible}/flags`, { reason: "spam" })).status).toBe(201);
    expect((await c.outsider!.post(`/api/amendments/${visible}/flags`, { reason: "spam" })).status).toBe(201);
    // Signed out: a 401, nothing stored.
    expect((await t.client().post(`/api/amendments/${visible}/flags`, { reason: "spam" })).status).toBe(401);
    expect(await openFlags(visible)).toBe(2);
  });

  it("refuses bad input with a 400 naming the field, storing nothing", async () => {
    const amendmentId = await propose(c.author!, "Wording to flag badly.");
    for (const body of [{}, { reason: "boring" }, { reason: "spam", note: "x".repeat(2_001) }, { reason: "spam", extra: 1 }, { reason: "spam", note: "a\u0000b" }]) {
      const res = await c.flagger!.post(`/api/amendments/${amendmentId}/flags`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body)).toEqual(["error"]);
      expect(res.body.error.code).toBe("invalid_input");
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
    expect(await t.prisma.flag.count({ where: { amendmentId } })).toBe(0);
    expect((await c.flagger!.post(`/api/amendments/${amendmentId}/flags`, { reason: "spam" })).status).toBe(201);
  });

  it("a flag names exactly one contribution (the database refuses none or two)", async () => {
    const amendmentId = await propose(c.author!, "Wording for the constraint.");
    const base = { consultationId: consultation.id, flaggerId: u.reader!.id, reason: "spam" as const };
    await expect(t.prisma.flag.create({ data: base })).rejects.toThrow();
    const thread = await c.author!.post(`/api/consultations/${consultation.id}/threads`, { title: "A thread", body: "A post." });
    const postId = thread.body.thread.openingPost?.id ?? (await t.prisma.post.findFirstOrThrow({ where: { threadId: thread.body.thread.id } })).id;
    await expect(t.prisma.flag.create({ data: { ...base, amendmentId, postId } })).rejects.toThrow();
    expect(await t.prisma.flag.count({ where: { flaggerId: u.reader!.id, OR: [{ amendmentId }, { postId }] } })).toBe(0);
    await t.prisma.flag.create({ data: { ...base, amendmentId } });
    expect(await openFlags(amendmentId)).toBe(1);
  });
});

describe("moderating a flagged amendment", () => {
  it("moderators see it flagged in the queue and dismiss the flags (audited, nobody told); others cannot", async () => {
    const amendmentId = await propose(c.author!, "Wording some find unfounded.");
    expect((await c.flagger!.post(`/api/amendments/${amendmentId}/flags`, { reason: "misinformation", note: "Not what Article 8 says." })).status).toBe(201);
    expect((await c.reader!.post(`/api/amendments/${amendmentId}/flags`, { reason: "off_topic" })).status).toBe(201);

    // The queue: moderators and organisers see it with its count and reasons; participants and other consultations' organisers do not.
    const item = (await queue(c.moderator!)).find((i) => i.id === amendmentId);
    expect(item).toMatchObject({ kind: "amendment", status: "published", flags: { count: 2 } });
    expect(item!.flags.reasons).toEqual([
      expect.objectContaining({ reason: "misinformation", note: "Not what Article 8 says." }),
      expect.objectContaining({ reason: "off_topic", note: null }),
    ]);
    // Flaggers are not named to anyone.
    expect(JSON.stringify(item)).not.toContain(u.flagger!.id);
    expect((await queue(c.organiser!)).some((i) => i.id === amendmentId)).toBe(true);
    for (const who of ["reader", "flagger", "otherOrganiser"]) expect((await c[who]!.get(`/api/consultations/${consultation.id}/moderation/queue`)).status, who).toBe(403);
    expect((await c.moderator!.get("/api/moderation/overview")).body.consultations).toEqual([expect.objectContaining({ id: consultation.id })]);

    // Dismissing: refused to whoever does not moderate this consultation, and nothing changes.
    const notifications = () => t.prisma.notification.count({ where: { userId: { in: [u.author!.id, u.flagger!.id, u.reader!.id] } } });
    const before = await notifications();
    const dismiss = { action: "dismiss_flags", statement: "Disagreement is not misinformation." };
    for (const who of ["reader", "author", "flagger", "otherOrganiser", "outsider"]) {
      const res = await c[who]!.post(`/api/amendments/${amendmentId}/moderation`, dismiss);
      expect(res.status, who).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect(await openFlags(amendmentId)).toBe(2);
    const modSocket = await connectSocket(t.url, c.moderator!);
    expect(await modSocket.request("queue:join", { consultationId: consultation.id })).toHaveProperty("data");
    // The moderator (positive control) dismisses them.
    const res = await c.moderator!.post(`/api/amendments/${amendmentId}/moderation`, dismiss);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ decision: { action: "dismiss_flags", confirmed: true }, status: "published" });
    await modSocket.waitFor("queue:decided", (p) => p.kind === "amendment" && p.id === amendmentId && p.action === "dismiss_flags");
    modSocket.close();
    expect(await openFlags(amendmentId)).toBe(0);
    expect((await queue(c.moderator!)).some((i) => i.id === amendmentId)).toBe(false);
    expect((await c.outsider!.get(`/api/amendments/${amendmentId}`)).body.amendment.status).toBe("published");
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { targetType: "amendment", targetId: amendmentId, action: "dismiss_flags" } });
    expect(audit).toMatchObject({ actorId: u.moderator!.id, statement: "Disagreement is not misinformation." });
    expect(await notifications()).toBe(before);
    // In the transparency report as flags rejected.
    const report = (await c.outsider!.get(`/api/consultations/${consultation.id}/transparency`)).body;
    expect(report.flags.rejected).toBeGreaterThanOrEqual(1);
    // Nothing left to dismiss: a conflict.
    expect((await c.moderator!.post(`/api/amendments/${amendmentId}/moderation`, dismiss)).status).toBe(409);
    // A bad body is a 400 and changes nothing.
    const bad = await c.moderator!.post(`/api/amendments/${amendmentId}/moderation`, { action: "dismiss_flags", statement: 42 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
  });

  it("hiding a flagged amendment (the existing decision) settles its flags and tells its author", async () => {
    const amendmentId = await propose(c.author!, "Wording that should go.");
    expect((await c.flagger!.post(`/api/amendments/${amendmentId}/flags`, { reason: "personal_attack" })).status).toBe(201);
    const before = await t.prisma.notification.count({ where: { userId: u.author!.id, kind: "decision" } });
    // Hiding needs a reason: a 400 that changes nothing.
    expect((await c.moderator!.post(`/api/amendments/${amendmentId}/moderation`, { action: "hide" })).status).toBe(400);
    expect(await openFlags(amendmentId)).toBe(1);
    const hidden = await c.moderator!.post(`/api/amendments/${amendmentId}/moderation`, { action: "hide", reasonCode: "personal_attack", statement: "Names a person." });
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(200);
    expect(hidden.body.status).toBe("hidden");
    expect(await openFlags(amendmentId)).toBe(0);
    expect((await queue(c.moderator!)).some((i) => i.id === amendmentId)).toBe(false);
    expect(await t.prisma.auditEntry.count({ where: { targetType: "amendment", targetId: amendmentId, action: "hide" } })).toBe(1);
    expect(await t.prisma.notification.count({ where: { userId: u.author!.id, kind: "decision" } })).toBe(before + 1);
    expect((await c.outsider!.get(`/api/amendments/${amendmentId}`)).status).toBe(404);
  });

  it("a report of illegal content hides and quarantines it at once; only the consultation's staff open it, each opening audited", async () => {
    const amendmentId = await propose(c.author!, "Wording reported as illegal.");
    expect((await c.flagger!.post(`/api/amendments/${amendmentId}/flags`, { reason: "illegal_content" })).status).toBe(201);
    expect(await t.prisma.amendment.findUniqueOrThrow({ where: { id: amendmentId } })).toMatchObject({ status: "hidden", quarantined: true });
    const item = (await queue(c.moderator!)).find((i) => i.id === amendmentId) as QueueItem & { urgent: boolean; excerpt: string | null };
    expect(item).toMatchObject({ urgent: true, excerpt: null, status: "hidden" });
    const path = `/api/moderation/quarantine/amendments/${amendmentId}`;
    for (const who of ["reader", "author", "otherOrganiser"]) expect((await c[who]!.get(path)).status, who).toBe(404);
    expect(await t.prisma.auditEntry.count({ where: { action: "open_quarantined", targetId: amendmentId } })).toBe(0);
    const opened = await c.moderator!.get(path);
    expect(opened.status).toBe(200);
    expect(opened.body.item).toMatchObject({ id: amendmentId, proposedText: "Wording reported as illegal." });
    expect(await t.prisma.auditEntry.count({ where: { action: "open_quarantined", targetType: "amendment", targetId: amendmentId, actorId: u.moderator!.id } })).toBe(1);
  });

  it("three flags from different people hide it pending review, as for posts", async () => {
    const amendmentId = await propose(c.author!, "Wording many dislike.");
    for (const who of ["flagger", "reader", "outsider"]) expect((await c[who]!.post(`/api/amendments/${amendmentId}/flags`, { reason: "spam" })).status).toBe(201);
    expect((await c.outsider!.get(`/api/amendments/${amendmentId}`)).status).toBe(404);
    const decision = await t.prisma.auditEntry.findFirstOrThrow({ where: { targetType: "amendment", targetId: amendmentId, action: "hide" } });
    expect(decision.automated).toBe(true);
    expect((await queue(c.moderator!)).find((i) => i.id === amendmentId)).toMatchObject({ status: "hidden", flags: { count: 3 } });
    // Restoring it settles the flags.
    expect((await c.moderator!.post(`/api/amendments/${amendmentId}/moderation`, { action: "restore" })).status).toBe(200);
    expect(await openFlags(amendmentId)).toBe(0);
  });
});
