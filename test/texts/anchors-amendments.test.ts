// Threads anchored to a unit or a span of words, and amendments: proposed, competing, endorsed by
// category, moderated, withdrawn by their author only, answered by the organisers; both keep their
// anchor across versions and show how the text changed since, and their authors are told.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function member(consultationId: string, role: "participant" | "moderator" | "observer" = "participant", opts: { category?: "industry" | "digital_rights" | "individual" } = {}) {
  const user = await createUser(t.prisma, opts.category ? { category: opts.category } : {});
  await addMember(t.prisma, consultationId, user.id, role);
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}

async function consultationWithText(opts: { moderationMode?: "pre" | "post" } = {}) {
  const organiser = await createUser(t.prisma);
  const c = await createConsultation(t.prisma, { createdById: organiser.id, ...opts });
  const client = t.client();
  await logIn(client, organiser);
  const created = await client.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
  expect(created.status).toBe(201);
  return { c, organiser: client, textId: created.body.text.id as string };
}

const V2 = FIXTURE.replace("there is evidence of a significant risk", "there is evidence of a specific risk");

describe("anchored threads", () => {
  it("start on a span of words, are ordinary threads, and refuse a selection the text no longer has", async () => {
    const { c, textId } = await consultationWithText();
    const { client } = await member(c.id);
    const body = { eId: POINT_A, spanStart: 5, spanEnd: 7, quote: "significant risk", title: "Which risk?", body: "'Significant' is undefined." };
    const stale = await client.post(`/api/texts/${textId}/threads`, { ...body, quote: "specific risk" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual([{ path: "quote", message: 'the words there are "significant risk"' }]);
    expect((await client.post(`/api/texts/${textId}/threads`, { ...body, spanEnd: 99 })).status).toBe(400);
    expect((await client.post(`/api/texts/${textId}/threads`, { ...body, eId: "art_99" })).status).toBe(400);
    expect(await t.prisma.thread.count({ where: { consultationId: c.id } })).toBe(0);

    const started = await client.post(`/api/texts/${textId}/threads`, body);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.anchor).toMatchObject({ eId: POINT_A, version: 1, spanStart: 5, spanEnd: 7, quote: "significant risk", changedSince: null });
    const threadId = started.body.thread.id;
    // Everything about threads holds: replies, the thread page, and its permalink knows the unit.
    expect((await client.post(`/api/threads/${threadId}/posts`, { body: "Indeed.", parentId: started.body.post.id, replyType: "supports" })).status).toBe(201);
    expect((await t.client().get(`/api/threads/${threadId}`)).status).toBe(200);
    expect((await t.client().get(`/api/threads/${threadId}/anchor`)).body.anchor).toMatchObject({ documentId: textId, eId: POINT_A });
    const listed = await t.client().get(`/api/texts/${textId}/threads?eId=${POINT_A}`);
    expect(listed.body.items).toMatchObject([{ id: threadId, title: "Which risk?" }]);
    expect((await t.client().get(`/api/texts/${textId}/threads?eId=art_1`)).body.items).toEqual([]);
  });

  it("held for review under pre-moderation: seen by the author and staff, not by the public", async () => {
    const { c, organiser, textId } = await consultationWithText({ moderationMode: "pre" });
    const { client } = await member(c.id);
    const started = await client.post(`/api/texts/${textId}/threads`, { eId: "art_1", title: "Scope", body: "Too wide." });
    expect(started.status).toBe(201);
    expect((await t.client().get(`/api/texts/${textId}/threads`)).body.items).toEqual([]);
    expect((await client.get(`/api/texts/${textId}/threads`)).body.items).toHaveLength(1);
    expect((await organiser.get(`/api/texts/${textId}/threads`)).body.items).toHaveLength(1);
    expect((await t.client().get(`/api/threads/${started.body.thread.id}/anchor`)).status).toBe(404);
  });

  it("show the change since their version after a new one, and their authors are told", async () => {
    const { c, organiser, textId } = await consultationWithText();
    const changedAuthor = await member(c.id);
    const unchangedAuthor = await member(c.id);
    await changedAuthor.client.post(`/api/texts/${textId}/threads`, { eId: POINT_A, title: "Risk", body: "On the risk test." });
    await unchangedAuthor.client.post(`/api/texts/${textId}/threads`, { eId: "art_1__para_1", title: "Scope", body: "On scope." });
    expect((await organiser.post(`/api/texts/${textId}/versions`, { format: "markdown", content: V2, basedOn: 1 })).status).toBe(201);

    const items = (await t.client().get(`/api/texts/${textId}/threads`)).body.items as { title: string; anchor: { changedSince: unknown } }[];
    const byTitle = Object.fromEntries(items.map((i) => [i.title, i.anchor.changedSince]));
    expect(byTitle.Scope).toBeNull();
    expect(byTitle.Risk).toMatchObject({ sinceVersion: 1, currentVersion: 2, removed: false, diff: expect.arrayContaining([{ op: "delete", text: "significant" }, { op: "insert", text: "specific" }]) });
    const told = await t.prisma.notification.findMany({ where: { kind: "text_changed", userId: { in: [changedAuthor.user.id, unchangedAuthor.user.id] } } });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ userId: changedAuthor.user.id, payload: { documentId: textId, version: 2, eIds: [POINT_A] } });
  });
});

describe("amendments", () => {
  const REPLACE = { eId: POINT_A, kind: "replace", spanStart: 4, spanEnd: 7, quote: "a significant risk", proposedText: "evidence of a specific risk", justification: "A **specific** test.", evidence: [{ kind: "legal_analysis", citation: "EDPB-EDPS Joint Opinion 4/2022", url: "https://example.org/opinion" }], declarationOfInterests: "None." };

  it("are proposed on behalf of an organisation, compete per unit, are endorsed by category, and nobody but the author withdraws", async () => {
    const { c, organiser, textId } = await consultationWithText();
    const rep = await member(c.id);
    const org = await createOrganisation(t.prisma, { name: `Open Channels ${Date.now()}`, category: "digital_rights", verified: true });
    await addToOrganisation(t.prisma, rep.user.id, org.id, "representative");
    const proposed = await rep.client.post(`/api/texts/${textId}/amendments`, { ...REPLACE, organisationId: org.id });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.amendment).toMatchObject({ kind: "replace", quote: "a significant risk", proposedText: "evidence of a specific risk", category: "digital_rights", status: "published", organisation: { id: org.id } });
    expect(proposed.body.amendment.justificationHtml).toContain("<strong>specific</strong>");

    const other = await member(c.id, "participant", { category: "industry" });
    const competing = await other.client.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "delete", justification: "Not needed." });
    expect(competing.status, JSON.stringify(competing.body)).toBe(201);
    const list = await t.client().get(`/api/texts/${textId}/amendments?eId=${POINT_A}`);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.units).toEqual([{ eId: POINT_A, competing: true, amendments: [proposed.body.amendment.id, competing.body.amendment.id] }]);

    const id = proposed.body.amendment.id;
    expect((await other.client.post(`/api/amendments/${id}/endorsements`)).body.endorsements).toEqual({ total: 1, byCategory: { industry: 1 } });
    expect((await rep.client.post(`/api/amendments/${id}/endorsements`)).status).toBe(403);
    // Nobody withdraws another's amendment, not even the organiser; there is no editing at all.
    expect((await other.client.delete(`/api/amendments/${id}`)).status).toBe(403);
    expect((await organiser.delete(`/api/amendments/${id}`)).status).toBe(403);
    expect((await rep.client.patch(`/api/amendments/${id}`, { proposedText: "x" })).status).toBe(404);
    expect((await rep.client.delete(`/api/amendments/${id}`)).status).toBe(204);
    expect((await t.client().get(`/api/amendments/${id}`)).status).toBe(404);
    expect((await t.client().get(`/api/texts/${textId}/amendments`)).body.items.map((a: { id: string }) => a.id)).toEqual([competing.body.amendment.id]);
    const row = await t.prisma.amendment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "withdrawn", outcome: "withdrawn" });
  });

  it("refuse malformed proposals with a 400 and observers with a 403, saving nothing", async () => {
    const { c, textId } = await consultationWithText();
    const { client } = await member(c.id);
    const bad = [
      { ...REPLACE, proposedText: "" },
      { eId: POINT_A, kind: "delete", proposedText: "no", justification: "x" },
      { eId: POINT_A, kind: "insert_after", spanStart: 1, spanEnd: 2, proposedText: "y", justification: "x" },
      { ...REPLACE, spanEnd: undefined },
    ];
    for (const body of bad) expect((await client.post(`/api/texts/${textId}/amendments`, body)).status, JSON.stringify(body)).toBe(400);
    const observer = await member(c.id, "observer");
    expect((await observer.client.post(`/api/texts/${textId}/amendments`, REPLACE)).status).toBe(403);
    expect(await t.prisma.amendment.count({ where: { documentId: textId } })).toBe(0);
    expect((await client.post(`/api/texts/${textId}/amendments`, REPLACE)).status).toBe(201);
  });

  it("are moderated like any contribution and answered by the organisers with an outcome", async () => {
    const { c, organiser, textId } = await consultationWithText({ moderationMode: "pre" });
    const author = await member(c.id);
    const moderator = await member(c.id, "moderator");
    const proposed = await author.client.post(`/api/texts/${textId}/amendments`, REPLACE);
    expect(proposed.body.amendment.status).toBe("pending");
    const id = proposed.body.amendment.id;
    expect((await t.client().get(`/api/amendments/${id}`)).status).toBe(404);
    expect((await author.client.get(`/api/amendments/${id}`)).status).toBe(200);
    // A participant cannot moderate (the same 404 as a missing amendment); a moderator can.
    expect((await author.client.post(`/api/amendments/${id}/moderation`, { action: "approve" })).status).toBe(404);
    const approved = await moderator.client.post(`/api/amendments/${id}/moderation`, { action: "approve" });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await t.client().get(`/api/amendments/${id}`)).body.amendment.status).toBe("published");
    expect(await t.prisma.notification.count({ where: { userId: author.user.id, kind: "decision" } })).toBe(1);
    expect(await t.prisma.auditEntry.count({ where: { targetType: "amendment", targetId: id, action: "approve" } })).toBe(1);

    expect((await author.client.put(`/api/amendments/${id}/outcome`, { outcome: "accepted", reasons: "Mine." })).status).toBe(403);
    const answered = await organiser.put(`/api/amendments/${id}/outcome`, { outcome: "partly_accepted", reasons: "The test is narrowed, in other words." });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.amendment.outcome).toMatchObject({ outcome: "partly_accepted", reasons: "The test is narrowed, in other words." });

    const hide = await moderator.client.post(`/api/amendments/${id}/moderation`, { action: "hide" });
    expect(hide.status).toBe(400);
    expect((await moderator.client.post(`/api/amendments/${id}/moderation`, { action: "hide", reasonCode: "spam", statement: "Spam." })).status).toBe(200);
    expect((await t.client().get(`/api/texts/${textId}/amendments`)).body.items).toEqual([]);
  });

  it("written on an older version show what changed since", async () => {
    const { c, organiser, textId } = await consultationWithText();
    const author = await member(c.id);
    const { body } = await author.client.post(`/api/texts/${textId}/amendments`, REPLACE);
    expect((await organiser.post(`/api/texts/${textId}/versions`, { format: "markdown", content: V2, basedOn: 1 })).status).toBe(201);
    const now = await t.client().get(`/api/amendments/${body.amendment.id}`);
    expect(now.body.amendment).toMatchObject({ version: 1, changedSince: { sinceVersion: 1, currentVersion: 2, removed: false } });
    expect(await t.prisma.notification.count({ where: { userId: author.user.id, kind: "text_changed" } })).toBe(1);
  });
});
