// Decisions on amendments to a draft text are kept with their amendment (moderation_decisions.amendment_id),
// so they get what decisions on posts and positions get: the moderators' history of the item, an appeal
// that restores the amendment when it is overturned (never one reported as illegal), the author's list of
// their decisions pointing at the amendment, the same time-to-decision rule, and the migration's backfill.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket, type TestSocket } from "../support/sockets.ts";
import { readMigrations } from "../../server/db/migrate.ts";
import type { TestClient } from "../support/client.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";

let t: TestServer;
const u: Record<string, Awaited<ReturnType<typeof createUser>>> = {};
const c: Record<string, TestClient> = {};
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ["organiser", "modA", "modB", "author", "flagger", "otherOrganiser"]) {
    u[name] = await createUser(t.prisma, { displayName: name });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.stop();
});

/** A consultation with a draft text, two moderators and a participant who proposes amendments. */
async function world(moderationMode: "pre" | "post") {
  const consultation = await createConsultation(t.prisma, { createdById: u.organiser!.id, moderationMode });
  for (const name of ["modA", "modB"]) await addMember(t.prisma, consultation.id, u[name]!.id, "moderator");
  for (const name of ["author", "flagger"]) await addMember(t.prisma, consultation.id, u[name]!.id, "participant");
  await createConsultation(t.prisma, { createdById: u.otherOrganiser!.id });
  const text = await c.organiser!.post(`/api/consultations/${consultation.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
  expect(text.status, JSON.stringify(text.body)).toBe(201);
  const textId = text.body.text.id as string;
  let n = 0;
  const propose = async () => {
    const res = await c.author!.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", proposedText: `a demonstrated risk ${n++}`, justification: "Because." });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.amendment as { id: string; status: string };
  };
  const publicIds = async () => ((await t.client().get(`/api/texts/${textId}/amendments`)).body.items as { id: string }[]).map((a) => a.id);
  return { consultation, textId, propose, publicIds };
}

async function decide(who: string, amendmentId: string, body: Record<string, unknown>) {
  const res = await c[who]!.post(`/api/amendments/${amendmentId}/moderation`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.decision.id as string;
}

async function appeal(decisionId: string) {
  const res = await c.author!.post(`/api/moderation/decisions/${decisionId}/appeal`, { message: "The amendment is on topic." });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.appeal.id as string;
}

const decideAppeal = (who: string, appealId: string, outcome: "upheld" | "overturned") =>
  c[who]!.post(`/api/moderation/appeals/${appealId}/decision`, { outcome, statement: outcome === "upheld" ? "It stays removed." : "It was on topic." });

describe("an amendment's decision history", () => {
  it("lists its decisions in order with their appeals, for the consultation's staff; everyone else gets a missing item's 404", async () => {
    const w = await world("post");
    const amendment = await w.propose();
    expect(amendment.status).toBe("published");
    expect((await c.flagger!.post(`/api/amendments/${amendment.id}/flags`, { reason: "off_topic" })).status).toBe(201);
    const hidden = await decide("modA", amendment.id, { action: "hide", reasonCode: "off_topic", statement: "Not about this provision." });
    const appealId = await appeal(hidden);
    expect((await decideAppeal("modB", appealId, "overturned")).status).toBe(200);
    await decide("modB", amendment.id, { action: "hide", reasonCode: "spam", statement: "Advertising after all." });

    const url = `/api/amendments/${amendment.id}/moderation/history`;
    const history = await c.modA!.get(url);
    expect(history.status).toBe(200);
    expect(history.body.items.map((d: { action: string; reasonCode: string }) => [d.action, d.reasonCode])).toEqual([["hide", "off_topic"], ["hide", "spam"]]);
    expect(history.body.items[0]).toMatchObject({
      id: hidden, statement: "Not about this provision.", automated: false, decidedBy: { displayName: "modA" }, confirmed: true,
      appeal: { status: "overturned", outcomeStatement: "It was on topic.", decidedBy: { displayName: "modB" } },
    });
    expect(history.body.items[1]).toMatchObject({ decidedBy: { displayName: "modB" }, appeal: null });
    expect((await c.organiser!.get(url)).status).toBe(200);

    // Not staff of this consultation: the very answer a missing amendment gets.
    const missing = await c.flagger!.get(`/api/amendments/no-such-amendment/moderation/history`);
    expect(missing.status).toBe(404);
    for (const name of ["author", "flagger", "otherOrganiser"]) {
      const res = await c[name]!.get(url);
      expect(res.status, name).toBe(404);
      expect(res.body, name).toEqual(missing.body);
    }
    expect((await t.client().get(url)).status).toBe(401);
  });
});

describe("appeals on amendment decisions", () => {
  it("overturning restores the amendment for readers, live; the appeal outcome reaches the author", async () => {
    const w = await world("post");
    const amendment = await w.propose();
    const hidden = await decide("modA", amendment.id, { action: "hide", reasonCode: "off_topic", statement: "Off topic." });
    expect(await w.publicIds()).not.toContain(amendment.id);
    const appealId = await appeal(hidden);
    const listed = await c.modB!.get(`/api/consultations/${w.consultation.id}/moderation/appeals`);
    expect(listed.body.items.find((a: { id: string }) => a.id === appealId)).toMatchObject({ decision: { id: hidden, amendmentId: amendment.id }, canDecide: true });

    const reader = await connectSocket(t.url);
    sockets.push(reader);
    expect(await reader.request("consultation:join", { consultationId: w.consultation.id })).toHaveProperty("data");
    // The decider does not decide the appeal of their own decision.
    expect((await decideAppeal("modA", appealId, "overturned")).status).toBe(403);
    const decided = await decideAppeal("modB", appealId, "overturned");
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.appeal).toMatchObject({ status: "overturned" });

    const live = await reader.waitFor("amendment:changed", (p) => (p as { amendment?: { id: string } }).amendment?.id === amendment.id);
    expect(live).toMatchObject({ amendment: { id: amendment.id, status: "published" } });
    expect(await w.publicIds()).toContain(amendment.id);
    expect((await t.client().get(`/api/amendments/${amendment.id}`)).body.amendment.status).toBe("published");
    const audit = await t.prisma.auditEntry.findFirst({ where: { targetId: appealId, action: "appeal_overturned" } });
    expect(audit).toMatchObject({ actorId: u.modB!.id });
    const notifications = (await c.author!.get("/api/notifications")).body.items as { kind: string; payload: Record<string, unknown> }[];
    expect(notifications.find((n) => n.kind === "appeal_outcome" && n.payload.appealId === appealId)?.payload).toMatchObject({ outcome: "overturned", decisionId: hidden });
    const report = (await t.client().get(`/api/consultations/${w.consultation.id}/transparency`)).body;
    expect(report.decisions.byAction).toMatchObject({ hide: 1 });
    expect(report.appeals).toMatchObject({ lodged: 1, byOutcome: { overturned: 1 } });
  });

  it("an upheld appeal leaves the amendment removed; a rejected held amendment is published when overturned", async () => {
    const w = await world("pre");
    const kept = await w.propose();
    const restored = await w.propose();
    expect([kept.status, restored.status]).toEqual(["pending", "pending"]);
    const keptAppeal = await appeal(await decide("modA", kept.id, { action: "reject", reasonCode: "spam", statement: "Advertising." }));
    const restoredAppeal = await appeal(await decide("modA", restored.id, { action: "reject", reasonCode: "spam", statement: "Advertising." }));

    expect((await decideAppeal("modB", keptAppeal, "upheld")).status).toBe(200);
    // Positive control in the same world: the other rejection is overturned and its amendment published.
    expect((await decideAppeal("modB", restoredAppeal, "overturned")).status).toBe(200);
    expect((await c.modA!.get(`/api/amendments/${kept.id}`)).body.amendment.status).toBe("rejected");
    expect((await c.modA!.get(`/api/amendments/${restored.id}`)).body.amendment.status).toBe("published");
    const ids = await w.publicIds();
    expect(ids).toContain(restored.id);
    expect(ids).not.toContain(kept.id);
    // Decided once.
    expect((await decideAppeal("organiser", keptAppeal, "overturned")).status).toBe(409);
  });

  it("never restores an amendment reported as illegal: the appeal cannot be overturned and stays open", async () => {
    const w = await world("post");
    const amendment = await w.propose();
    const control = await w.propose();
    expect((await c.flagger!.post(`/api/amendments/${amendment.id}/flags`, { reason: "illegal_content" })).status).toBe(201);
    expect((await c.flagger!.post(`/api/amendments/${control.id}/flags`, { reason: "spam" })).status).toBe(201);
    const controlHidden = await decide("modA", control.id, { action: "hide", reasonCode: "spam", statement: "Advertising." });
    // The report hid and quarantined it at once: an automated decision about the author's amendment.
    const mine = (await c.author!.get("/api/me/decisions")).body.items as { id: string; amendmentId: string | null; automated: boolean; action: string }[];
    const automated = mine.find((d) => d.amendmentId === amendment.id);
    expect(automated).toMatchObject({ action: "hide", automated: true });
    const appealId = await appeal(automated!.id);
    const controlAppeal = await appeal(controlHidden);

    const refused = await decideAppeal("modB", appealId, "overturned");
    expect(refused.status).toBe(409);
    expect(await t.prisma.amendment.findUniqueOrThrow({ where: { id: amendment.id } })).toMatchObject({ status: "hidden", quarantined: true });
    expect(await t.prisma.appeal.findUniqueOrThrow({ where: { id: appealId } })).toMatchObject({ status: "open" });
    expect(await w.publicIds()).not.toContain(amendment.id);
    // Positive control: the same moderator overturns the appeal on the amendment that was not reported as illegal.
    expect((await decideAppeal("modB", controlAppeal, "overturned")).status).toBe(200);
    expect(await w.publicIds()).toContain(control.id);
    // Upholding it is still possible.
    expect((await decideAppeal("modB", appealId, "upheld")).status).toBe(200);
  });
});

describe("the author's decisions about their amendments", () => {
  it("name the amendment and where it is, for its author only; the notification carries it too", async () => {
    const w = await world("post");
    const amendment = await w.propose();
    const hidden = await decide("modA", amendment.id, { action: "hide", reasonCode: "off_topic", statement: "Off topic." });

    const mine = await c.author!.get("/api/me/decisions");
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((d: { id: string }) => d.id === hidden)).toMatchObject({
      action: "hide", amendmentId: amendment.id, postId: null, positionId: null, appealable: true,
      amendment: { id: amendment.id, consultationSlug: w.consultation.slug, documentId: w.textId, eId: POINT_A, status: "hidden", quarantined: false },
    });
    // Someone else's list does not hold it (their own decisions are listed: the flagger has none yet).
    expect(JSON.stringify((await c.flagger!.get("/api/me/decisions")).body)).not.toContain(amendment.id);
    const notification = ((await c.author!.get("/api/notifications")).body.items as { kind: string; payload: Record<string, unknown> }[]).find((n) => n.payload.decisionId === hidden);
    expect(notification).toMatchObject({ kind: "decision", payload: { amendmentId: amendment.id, about: { key: "amendment", params: { eId: POINT_A } } } });
    expect(await t.prisma.moderationDecision.findUniqueOrThrow({ where: { id: hidden } })).toMatchObject({ amendmentId: amendment.id });
  });
});

describe("time to decision for amendments", () => {
  it("counts from creation when held, from the first flag when flagged, and not at all when a moderator hides an unflagged one", async () => {
    const held = await world("pre");
    const pending = await held.propose();
    const approved = await decide("modA", pending.id, { action: "approve" });
    const pendingRow = await t.prisma.amendment.findUniqueOrThrow({ where: { id: pending.id } });
    expect((await t.prisma.moderationDecision.findUniqueOrThrow({ where: { id: approved } })).queuedAt).toEqual(pendingRow.createdAt);

    const open = await world("post");
    const flagged = await open.propose();
    expect((await c.flagger!.post(`/api/amendments/${flagged.id}/flags`, { reason: "spam" })).status).toBe(201);
    const flag = await t.prisma.flag.findFirstOrThrow({ where: { amendmentId: flagged.id } });
    const onFlag = await decide("modA", flagged.id, { action: "hide", reasonCode: "spam", statement: "Advertising." });
    expect((await t.prisma.moderationDecision.findUniqueOrThrow({ where: { id: onFlag } })).queuedAt).toEqual(flag.createdAt);

    // As for posts and positions: it never waited in the queue, so it adds nothing to the median.
    const unflagged = await open.propose();
    const direct = await decide("modA", unflagged.id, { action: "hide", reasonCode: "spam", statement: "Advertising." });
    expect((await t.prisma.moderationDecision.findUniqueOrThrow({ where: { id: direct } })).queuedAt).toBeNull();
    const report = (await t.client().get(`/api/consultations/${open.consultation.id}/transparency`)).body;
    expect(report.decisions.byAction).toMatchObject({ hide: 2 });
    expect(report.medianSecondsToDecision).not.toBeNull();
  });
});

describe("the migration's backfill", () => {
  it("links earlier amendment decisions through the author's decision notification, and only those", async () => {
    const w = await world("post");
    const amendment = await w.propose();
    expect((await c.flagger!.post(`/api/amendments/${amendment.id}/flags`, { reason: "spam" })).status).toBe(201);
    const dismissed = await decide("modA", amendment.id, { action: "dismiss_flags", statement: "Not spam." });
    const hidden = await decide("modA", amendment.id, { action: "hide", reasonCode: "off_topic", statement: "Off topic." });
    // As the rows stood before the column existed.
    await t.prisma.moderationDecision.updateMany({ where: { id: { in: [dismissed, hidden] } }, data: { amendmentId: null } });
    const sql = readMigrations().find((m) => m.name.endsWith("_amendment_decisions"))!.sql;
    await t.prisma.$executeRawUnsafe(sql.slice(sql.indexOf('UPDATE "moderation_decisions"')));
    const rows = await t.prisma.moderationDecision.findMany({ where: { id: { in: [dismissed, hidden] } }, select: { id: true, amendmentId: true } });
    // The hide was notified (its payload names the amendment); nobody is told of dismissed flags.
    expect(Object.fromEntries(rows.map((r) => [r.id, r.amendmentId]))).toEqual({ [hidden]: amendment.id, [dismissed]: null });
  });
});
