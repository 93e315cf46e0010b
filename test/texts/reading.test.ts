// The reading view: per-unit counts of comments and amendments by stakeholder category, rolled up to
// articles, the most contested provisions, and a number of queries that does not grow with the text.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRequestQuery, startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";

let t: TestServer;
let queries = 0;
beforeAll(async () => {
  t = await startTestServer({ onQuery: (sql, made) => void (isRequestQuery(sql, made) && queries++) });
});
afterAll(async () => {
  await t.stop();
});

async function member(consultationId: string, category: "industry" | "digital_rights" | "child_rights" | "individual", role: "participant" | "moderator" = "participant") {
  const user = await createUser(t.prisma, { category });
  await addMember(t.prisma, consultationId, user.id, role);
  const client = t.client();
  await logIn(client, user);
  return client;
}

type Unit = { eId: string; counts: any; totals: any; children: Unit[] };
const find = (units: Unit[], eId: string): Unit | undefined => units.map((u) => (u.eId === eId ? u : find(u.children, eId))).find(Boolean);

describe("the reading view", () => {
  it("counts comments and amendments per unit and category, rolls them up, and ranks contested provisions", async () => {
    const organiserUser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiserUser.id });
    const organiser = t.client();
    await logIn(organiser, organiserUser);
    const textId = (await organiser.post(`/api/consultations/${c.id}/texts`, { title: "Proposal", format: "markdown", content: FIXTURE })).body.text.id;
    const industry = await member(c.id, "industry");
    const privacy = await member(c.id, "digital_rights");
    const children = await member(c.id, "child_rights");
    const moderator = await member(c.id, "individual", "moderator");

    const thread = await industry.post(`/api/texts/${textId}/threads`, { eId: POINT_A, title: "Risk", body: "Too vague." });
    await privacy.post(`/api/threads/${thread.body.thread.id}/posts`, { body: "Agreed." });
    const narrow = await privacy.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", proposedText: "a specific risk", spanStart: 4, spanEnd: 7, justification: "Narrower." });
    const keep = await children.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "insert_after", proposedText: "including known material", justification: "Wider." });
    await industry.post(`/api/amendments/${narrow.body.amendment.id}/endorsements`);
    // Article 1 has one amendment, so no camps: not contested. A hidden one counts for staff only.
    const hidden = await industry.post(`/api/texts/${textId}/amendments`, { eId: "art_1__para_1", kind: "delete", justification: "Not needed." });
    await moderator.post(`/api/amendments/${hidden.body.amendment.id}/moderation`, { action: "hide", reasonCode: "spam", statement: "Spam." });

    const view = await t.client().get(`/api/texts/${textId}/reading`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    const point = find(view.body.text.units, POINT_A)!;
    expect(point.counts).toEqual({
      comments: 2,
      amendments: 2,
      positions: 0,
      byCategory: {
        // Proposing or endorsing a replacement or an insertion is a mixed stance (test/texts/stances.test.ts).
        industry: { comments: 1, amendments: 0, endorsements: 1, positions: 0, support: 0, oppose: 0, mixed: 1 },
        digital_rights: { comments: 1, amendments: 1, endorsements: 0, positions: 0, support: 0, oppose: 0, mixed: 1 },
        child_rights: { comments: 0, amendments: 1, endorsements: 0, positions: 0, support: 0, oppose: 0, mixed: 1 },
      },
    });
    // Article 7 holds the point: its totals include it, its own counts do not.
    const article = find(view.body.text.units, "art_7")!;
    expect(article.counts).toEqual({ comments: 0, amendments: 0, positions: 0, byCategory: {} });
    expect(article.totals).toMatchObject({ comments: 2, amendments: 2 });
    expect(find(view.body.text.units, "art_1__para_1")!.counts.amendments).toBe(0);
    expect((await moderator.get(`/api/texts/${textId}/reading`)).body.text.units.length).toBe(3);
    expect(find((await moderator.get(`/api/texts/${textId}/reading`)).body.text.units, "art_1__para_1")!.counts.amendments).toBe(1);

    // Every category is mixed (no spread), but privacy and industry back the narrowing, child rights its
    // own insertion: two camps.
    expect(view.body.text.mostContested.measure).toMatch(/spread is the highest lean minus the lowest/);
    expect(view.body.text.mostContested.items).toEqual([
      { eId: POINT_A, spread: 0, camps: 2, categories: 3, engagement: 5, leans: { industry: 0, digital_rights: 0, child_rights: 0 }, firstChoices: { digital_rights: narrow.body.amendment.id, industry: narrow.body.amendment.id, child_rights: keep.body.amendment.id } },
    ]);
  });

  it("takes as many queries for a long text as for a short one", async () => {
    const organiserUser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiserUser.id });
    const organiser = t.client();
    await logIn(organiser, organiserUser);
    const long = Array.from({ length: 40 }, (_, i) => `### Article ${i + 1} — Heading ${i + 1}\n\n1. First.\n2. Second.\n(a) point;\n(b) point.`).join("\n\n");
    const short = (await organiser.post(`/api/consultations/${c.id}/texts`, { title: "Short", format: "markdown", content: FIXTURE })).body.text.id;
    const longId = (await organiser.post(`/api/consultations/${c.id}/texts`, { title: "Long", format: "markdown", content: long })).body.text.id;
    const reader = t.client();
    // The fewest of three requests: a background statement (the scheduler, a session touch) may land in one.
    const count = async (id: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 3; i++) {
        queries = 0;
        const res = await reader.get(`/api/texts/${id}/reading`);
        expect(res.status).toBe(200);
        seen.push(queries);
      }
      return Math.min(...seen);
    };
    const forShort = await count(short);
    const forLong = await count(longId);
    expect(forShort).toBeGreaterThan(0);
    expect(forLong).toBe(forShort);
  });
});
