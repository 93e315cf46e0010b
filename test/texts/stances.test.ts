// Stances by stakeholder category in the reading view (server/texts/reading.ts STANCE_RULE), worked out by
// hand: positions citing a unit (their stance), replies typed supports / contests in threads anchored to
// it, and proposals and endorsements of amendments to it (a deletion opposes, other changes are mixed).
// Rolled up to paragraphs and articles; ranked by how far categories' leans are apart; hidden and held
// contributions count only for those who may see them (staff, and the author of a held one).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { StakeholderCategory } from "../../shared/categories.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const PARA_4 = "art_7__para_4";
const POINT_A = "art_7__para_4__point_a";
const POINT_B = "art_7__para_4__point_b";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

type Unit = { eId: string; counts: any; totals: any; children: Unit[] };
const find = (units: Unit[], eId: string): Unit | undefined => {
  for (const u of units) {
    if (u.eId === eId) return u;
    const f = find(u.children, eId);
    if (f) return f;
  }
};
const zero = { comments: 0, amendments: 0, endorsements: 0, positions: 0, support: 0, oppose: 0, mixed: 0 };

async function setUp(moderationMode: "pre" | "post" = "post") {
  const organiserUser = await createUser(t.prisma);
  const c = await createConsultation(t.prisma, { createdById: organiserUser.id, moderationMode });
  const organiser = t.client();
  await logIn(organiser, organiserUser);
  const textId = (await organiser.post(`/api/consultations/${c.id}/texts`, { title: "Proposal", format: "markdown", content: FIXTURE })).body.text.id as string;
  const member = async (category: StakeholderCategory, role: "participant" | "moderator" = "participant") => {
    const user = await createUser(t.prisma, { category });
    await addMember(t.prisma, c.id, user.id, role);
    const client = t.client();
    await logIn(client, user);
    return client;
  };
  /** A verified organisation of `category` publishing a position on the first question citing `eIds`. */
  const position = async (category: Exclude<StakeholderCategory, "individual">, stance: string, eIds: string[]) => {
    const org = await createOrganisation(t.prisma, { category, verified: true });
    const user = await createUser(t.prisma);
    await addToOrganisation(t.prisma, user.id, org.id, "representative");
    const rep = t.client();
    await logIn(rep, user);
    const put = await rep.put(`/api/consultations/${c.id}/questions/${c.questions[0]!.id}/position`, {
      organisationId: org.id, stance, summary: `A ${stance} position.`, argument: "Because.", ...(stance === "support_with_amendments" ? { amendmentText: "Narrow it." } : {}), citedUnits: eIds.map((eId) => ({ textId, eId })),
    });
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    return put.body.position.id as string;
  };
  const reading = async (client = t.client()) => {
    const res = await client.get(`/api/texts/${textId}/reading`);
    expect(res.status).toBe(200);
    return res.body.text as { units: Unit[]; stanceRule: string; mostContested: { measure: string; items: any[] } };
  };
  return { c, textId, organiser, member, position, reading };
}

describe("stances by stakeholder category", () => {
  it("count positions, typed replies and amendment support per category, roll up to paragraphs, and rank by the spread of leans", async () => {
    const { textId, member, position, reading } = await setUp();
    const moderator = await member("individual", "moderator");
    // Positions citing point (a): industry supports, privacy opposes (citing paragraph 4 as well), child
    // rights supports with amendments (mixed), civil society is neutral (no stance, but a citing position).
    await position("industry", "support", [POINT_A]);
    await position("digital_rights", "oppose", [POINT_A, PARA_4]);
    await position("child_rights", "support_with_amendments", [POINT_A]);
    await position("civil_society", "neutral", [POINT_A]);

    const industry = await member("industry");
    const industry2 = await member("industry");
    const privacy = await member("digital_rights");
    const children = await member("child_rights");
    const academic = await member("academia");
    const academic2 = await member("academia");
    const thread = await industry.post(`/api/texts/${textId}/threads`, { eId: POINT_A, title: "Risk", body: "The test is right." });
    expect(thread.status).toBe(201);
    const threadId = thread.body.thread.id as string;
    const opening = thread.body.post.id as string;
    const reply = async (client: typeof industry, replyType: string, body: string) => {
      const res = await client.post(`/api/threads/${threadId}/posts`, { body, parentId: opening, replyType });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.post.id as string;
    };
    await reply(industry2, "supports", "Agreed.");
    await reply(privacy, "contests", "Far too wide.");
    await reply(academic, "clarifies", "The term comes from the DSA.");
    // Hidden by a moderator: counted for staff only.
    const hiddenReply = await reply(academic2, "supports", "Spam spam.");
    expect((await moderator.post(`/api/posts/${hiddenReply}/moderation`, { action: "hide", reasonCode: "spam", statement: "Spam." })).status).toBe(200);

    const deletion = await privacy.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "delete", spanStart: 4, spanEnd: 7, quote: "a significant risk", justification: "Remove." });
    const replacement = await children.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", spanStart: 4, spanEnd: 7, quote: "a significant risk", proposedText: "a risk", justification: "Wider." });
    const hiddenAmendment = await academic.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", proposedText: "Spam.", justification: "Spam." });
    expect([deletion.status, replacement.status, hiddenAmendment.status]).toEqual([201, 201, 201]);
    expect((await children.post(`/api/amendments/${deletion.body.amendment.id}/endorsements`)).status).toBe(200);
    expect((await industry.post(`/api/amendments/${replacement.body.amendment.id}/endorsements`)).status).toBe(200);
    expect((await moderator.post(`/api/amendments/${hiddenAmendment.body.amendment.id}/moderation`, { action: "hide", reasonCode: "spam", statement: "Spam." })).status).toBe(200);
    // Point (b) gets one plain comment: paragraph 4's totals add it.
    expect((await academic.post(`/api/texts/${textId}/threads`, { eId: POINT_B, title: "Balance", body: "How is it weighed?" })).status).toBe(201);

    const view = await reading();
    expect(view.stanceRule).toMatch(/replies typed supports \(support\) or contests \(oppose\)/);
    // By hand, point (a), as the public sees it:
    // industry: position support, reply supports, endorses the replacement (mixed), opened the thread;
    // privacy: position oppose, reply contests, proposes the deletion (oppose);
    // child rights: position mixed, endorses the deletion (oppose), proposes the replacement (mixed);
    // civil society: a neutral position; academia: a clarifying reply (the hidden ones do not count).
    expect(find(view.units, POINT_A)!.counts).toEqual({
      comments: 4,
      amendments: 2,
      positions: 4,
      byCategory: {
        industry: { ...zero, comments: 2, endorsements: 1, positions: 1, support: 2, mixed: 1 },
        digital_rights: { ...zero, comments: 1, amendments: 1, positions: 1, oppose: 3 },
        child_rights: { ...zero, amendments: 1, endorsements: 1, positions: 1, oppose: 1, mixed: 2 },
        civil_society: { ...zero, positions: 1 },
        academia: { ...zero, comments: 1 },
      },
    });
    // Paragraph 4: its own figures are privacy's citation; its totals add points (a) and (b).
    const para = find(view.units, PARA_4)!;
    expect(para.counts).toEqual({ comments: 0, amendments: 0, positions: 1, byCategory: { digital_rights: { ...zero, positions: 1, oppose: 1 } } });
    expect(para.totals).toMatchObject({ comments: 5, amendments: 2, positions: 5 });
    expect(para.totals.byCategory.digital_rights).toEqual({ ...zero, comments: 1, amendments: 1, positions: 2, oppose: 4 });
    expect(para.totals.byCategory.academia).toEqual({ ...zero, comments: 2 });
    expect(find(view.units, "art_7")!.totals).toEqual(para.totals);

    // Leans: industry (2 - 0) / 3, privacy (0 - 3) / 3, child rights (0 - 1) / 3; spread 2/3 + 1.
    expect(view.mostContested.measure).toMatch(/highest lean minus the lowest/);
    expect(view.mostContested.items[0]).toMatchObject({ eId: POINT_A, spread: 1.67, camps: 2, categories: 3, engagement: 12, leans: { industry: 0.67, digital_rights: -1, child_rights: -0.33 } });
    // Paragraph 4 on its own has one category's stance: nothing to disagree about.
    expect(view.mostContested.items.map((i) => i.eId)).toEqual([POINT_A]);

    // Positive control: staff count the hidden reply (academia supports) and the hidden amendment (mixed).
    const staff = find((await reading(moderator)).units, POINT_A)!.counts;
    expect(staff).toMatchObject({ comments: 5, amendments: 3 });
    expect(staff.byCategory.academia).toEqual({ ...zero, comments: 2, amendments: 1, support: 1, mixed: 1 });
  });

  it("a held typed reply counts for its author and staff, not for the public", async () => {
    const { textId, member, organiser, reading } = await setUp("pre");
    const starter = await member("industry");
    const replier = await member("digital_rights");
    const started = await starter.post(`/api/texts/${textId}/threads`, { eId: POINT_A, title: "Risk", body: "Fine as it is." });
    expect(started.status).toBe(201);
    expect((await organiser.post(`/api/posts/${started.body.post.id}/moderation`, { action: "approve" })).status).toBe(200);
    const held = await replier.post(`/api/threads/${started.body.thread.id}/posts`, { body: "No.", parentId: started.body.post.id, replyType: "contests" });
    expect(held.status).toBe(201);
    expect(held.body.post.status).toBe("pending");

    const byCategory = async (client?: Parameters<typeof reading>[0]) => find((await reading(client)).units, POINT_A)!.counts.byCategory;
    expect(await byCategory()).toEqual({ industry: { ...zero, comments: 1 } });
    expect((await byCategory(replier)).digital_rights).toEqual({ ...zero, comments: 1, oppose: 1 });
    expect((await byCategory(organiser)).digital_rights).toEqual({ ...zero, comments: 1, oppose: 1 });
  });
});
