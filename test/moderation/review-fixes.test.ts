// Regressions for holes a review found: revisions that undid removals, appeals that restored quarantined
// content, access modes changed after contributions were made, audit rows that copied bodies, slugs that
// shadowed ids, muted users editing, and summaries that kept quoting later-quarantined content.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
const c: Record<string, TestClient> = {};
const u: Record<string, Awaited<ReturnType<typeof createUser>>> = {};
let consultation: Awaited<ReturnType<typeof createConsultation>>;
const reason = { reasonCode: "misinformation", statement: "Misstates the proposal." };

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ["organiser", "modA", "modB", "rep", "writer", "reader"]) {
    u[name] = await createUser(t.prisma, { displayName: name });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
  c.anon = t.client();
  consultation = await createConsultation(t.prisma, { createdById: u.organiser!.id });
  await addMember(t.prisma, consultation.id, u.modA!.id, "moderator");
  await addMember(t.prisma, consultation.id, u.modB!.id, "moderator");
});
afterAll(async () => {
  await t.stop();
});

describe("review fixes", () => {
  it("a removed position cannot be revived by revising it, and hidden versions never show in its history", async () => {
    const org = await createOrganisation(t.prisma, { verified: true });
    await addToOrganisation(t.prisma, u.rep!.id, org.id, "representative");
    const q = consultation.questions[0]!;
    const body = { organisationId: org.id, stance: "oppose", summary: "SECRETv1 summary", argument: "SECRETv1 argument" };
    const first = await c.rep!.put(`/api/consultations/${consultation.id}/questions/${q.id}/position`, body);
    const id = first.body.position.id;
    const proposal = await c.modA!.post(`/api/positions/${id}/moderation`, { action: "hide", ...reason });
    expect((await c.modB!.post(`/api/moderation/decisions/${proposal.body.decision.id}/confirm`)).status).toBe(200);
    const revived = await c.rep!.put(`/api/consultations/${consultation.id}/questions/${q.id}/position`, { ...body, summary: "v2", argument: "v2", version: 1 });
    expect(revived.status).toBe(409);
    expect((await c.anon!.get(`/api/positions/${id}`)).status).toBe(404);

    // A pending version replaced before approval is not public history either.
    const pre = await createConsultation(t.prisma, { createdById: u.organiser!.id, moderationMode: "pre" });
    await addMember(t.prisma, pre.id, u.modA!.id, "moderator");
    const pq = pre.questions[0]!;
    const p1 = await c.rep!.put(`/api/consultations/${pre.id}/questions/${pq.id}/position`, { ...body, summary: "HELDv1" });
    expect(p1.body.position.status).toBe("pending");
    await c.rep!.put(`/api/consultations/${pre.id}/questions/${pq.id}/position`, { ...body, summary: "v2 public", version: 1 });
    expect((await c.modA!.post(`/api/positions/${p1.body.position.id}/moderation`, { action: "approve" })).status).toBe(200);
    const pub = await c.anon!.get(`/api/positions/${p1.body.position.id}`);
    expect(pub.status).toBe(200);
    expect(JSON.stringify(pub.body)).not.toContain("HELDv1");
  });

  it("overturning an appeal never restores content reported as illegal since", async () => {
    const th = await c.organiser!.post(`/api/consultations/${consultation.id}/threads`, { title: "Appeal", body: "opening" });
    const post = await c.writer!.post(`/api/threads/${th.body.thread.id}/posts`, { body: "ILLEGALTEXT" });
    const hidden = await c.modA!.post(`/api/posts/${post.body.post.id}/moderation`, { action: "hide", ...reason });
    const appeal = await c.writer!.post(`/api/moderation/decisions/${hidden.body.decision.id}/appeal`, { message: "Unfair." });
    await t.prisma.post.update({ where: { id: post.body.post.id }, data: { quarantined: true } });
    const overturn = await c.modB!.post(`/api/moderation/appeals/${appeal.body.appeal.id}/decision`, { outcome: "overturned", statement: "Fine." });
    expect(overturn.status).toBe(409);
    expect(await t.prisma.post.findUniqueOrThrow({ where: { id: post.body.post.id } })).toMatchObject({ status: "hidden", quarantined: true });
    expect((await t.prisma.appeal.findUniqueOrThrow({ where: { id: appeal.body.appeal.id } })).status).toBe("open");
    expect((await c.modB!.post(`/api/moderation/appeals/${appeal.body.appeal.id}/decision`, { outcome: "upheld", statement: "Stays hidden." })).status).toBe(200);
  });

  it("fixes the access mode once the consultation has opened", async () => {
    const chatham = await createConsultation(t.prisma, { createdById: u.organiser!.id, accessMode: "chatham_house" });
    const res = await c.organiser!.patch(`/api/consultations/${chatham.id}`, { accessMode: "open" });
    expect(res.status).toBe(409);
    expect(res.body.error.details[0].path).toBe("accessMode");
    expect((await t.prisma.consultation.findUniqueOrThrow({ where: { id: chatham.id } })).accessMode).toBe("chatham_house");
    const draft = await createConsultation(t.prisma, { createdById: u.organiser!.id, status: "draft" });
    expect((await c.organiser!.patch(`/api/consultations/${draft.id}`, { accessMode: "restricted" })).status).toBe(200);
  });

  it("records versions, not texts, when a moderator edits; refuses to edit quarantined content", async () => {
    const th = await c.organiser!.post(`/api/consultations/${consultation.id}/threads`, { title: "Edit", body: "opening" });
    const post = await c.writer!.post(`/api/threads/${th.body.thread.id}/posts`, { body: "ORIGINALTEXT" });
    expect((await c.modA!.post(`/api/posts/${post.body.post.id}/moderation`, { action: "edit", body: "EDITEDTEXT", ...reason })).status).toBe(200);
    const entries = await t.prisma.auditEntry.findMany({ where: { targetId: post.body.post.id } });
    expect(JSON.stringify(entries)).not.toContain("ORIGINALTEXT");
    expect(JSON.stringify(entries)).not.toContain("EDITEDTEXT");
    await t.prisma.post.update({ where: { id: post.body.post.id }, data: { quarantined: true, status: "hidden" } });
    expect((await c.modA!.post(`/api/posts/${post.body.post.id}/moderation`, { action: "edit", body: "again", ...reason })).status).toBe(409);
  });

  it("looks consultations up by id before slug, so a slug cannot shadow another consultation", async () => {
    const victim = await createConsultation(t.prisma, { createdById: u.organiser!.id, title: "Victim" });
    const attacker = await createConsultation(t.prisma, { createdById: u.organiser!.id, title: "Attacker" });
    await t.prisma.consultation.update({ where: { id: attacker.id }, data: { slug: victim.id } });
    const res = await c.anon!.get(`/api/consultations/${victim.id}`);
    expect(res.body.consultation.title).toBe("Victim");
  });

  it("a muted participant cannot edit; under pre-moderation an edit waits for review again", async () => {
    const pre = await createConsultation(t.prisma, { createdById: u.organiser!.id, moderationMode: "pre" });
    await addMember(t.prisma, pre.id, u.modA!.id, "moderator");
    const th = await c.organiser!.post(`/api/consultations/${pre.id}/threads`, { title: "Pre", body: "opening" });
    const post = await c.writer!.post(`/api/threads/${th.body.thread.id}/posts`, { body: "first" });
    expect((await c.modA!.post(`/api/posts/${post.body.post.id}/moderation`, { action: "approve" })).status).toBe(200);
    const edited = await c.writer!.patch(`/api/posts/${post.body.post.id}`, { body: "second", version: 1 });
    expect(edited.body.post.status).toBe("pending");
    expect((await c.anon!.get(`/api/posts/${post.body.post.id}`)).status).toBe(404);
    expect((await c.modA!.post(`/api/consultations/${pre.id}/moderation/mutes`, { userId: u.writer!.id, minutes: 10, ...reason })).status).toBe(201);
    expect((await c.writer!.patch(`/api/posts/${post.body.post.id}`, { body: "third", version: 2 })).status).toBe(403);
  });
});
