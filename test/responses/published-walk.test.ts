// A published list filtered by an answer is read one of two ways (server/responses/published.ts): walking
// the newest responses in order, when the tallies say a page is near, or PostgreSQL's own plan otherwise.
// Both must give the same pages: every page of a cursor walk equals the filtered set read directly, when
// the tallies are right (the walk), when they say nothing matches (the plan), and when they overstate
// the matches so that the walk reads all it may and finds too few (it hands over to the plan).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser } from "../support/factories.ts";
import { campaignsOnceIndexed } from "./indexing.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = {
  title: "Walk",
  sections: [
    {
      key: "main",
      title: "Main",
      questions: [
        { key: "support", label: "Support?", type: "single_choice", options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] },
        { key: "topics", label: "Topics", type: "multiple_choice", options: [{ key: "a", label: "A" }, { key: "b", label: "B" }] },
        { key: "trust", label: "Trust", type: "scale", min: 1, max: 5 },
      ],
    },
  ],
};

async function seed() {
  const organiser = await createUser(t.prisma);
  const c = await createConsultation(t.prisma, { createdById: organiser.id });
  await t.prisma.questionnaire.create({ data: { consultationId: c.id, definition: QUESTIONNAIRE } });
  const tag = crypto.randomBytes(3).toString("hex");
  await t.prisma.response.createMany({
    data: Array.from({ length: 240 }, (_, i) => ({
      id: `walk_${tag}_${i}`, consultationId: c.id, capacityKey: `k${i}`, channel: "paper" as const, externalName: `Person ${i}`,
      category: (["individual", "industry", "academia"] as const)[i % 3]!, country: (["BE", "FR"] as const)[i % 2]!,
      status: i % 17 === 0 ? ("draft" as const) : ("submitted" as const),
      consent: (["publish_named", "publish_anonymous", "do_not_publish"] as const)[i % 5 === 0 ? 2 : i % 2]!,
      answers: { support: i % 7 === 0 ? "yes" : "no", topics: i % 4 === 0 ? ["a", "b"] : ["b"], trust: 1 + (i % 5) },
      submissionNumber: `RT-W${tag}${i}`, version: 1, submittedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, i)),
    })),
  });
  await campaignsOnceIndexed(t, c.id);
  return c;
}

/** Every page through the cursors, as the list gives them. */
async function pages(consultationId: string, query: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total = -1;
  do {
    const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null; total: number } } = await t.client().get(`/api/consultations/${consultationId}/responses?${query}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.nextCursor;
    total = res.body.total;
  } while (cursor);
  return { ids, total };
}

async function direct(consultationId: string, where: (answers: { support: string; topics: string[]; trust: number }) => boolean, extra: { category?: string; country?: string }) {
  const rows = await t.prisma.response.findMany({
    where: { consultationId, status: "submitted", consent: { in: ["publish_named", "publish_anonymous"] }, ...(extra.category ? { category: extra.category as never } : {}), ...(extra.country ? { country: extra.country } : {}) },
    orderBy: { seq: "desc" },
  });
  return rows.filter((r) => where(r.answers as never)).map((r) => r.id);
}

describe("published list filtered by an answer", () => {
  it("gives the same pages by the walk, by the plan, and when the tallies are wrong", async () => {
    const c = await seed();
    const cases = [
      { query: "question=support&answer=yes&category=individual&country=FR", where: (a: { support: string }) => a.support === "yes", extra: { category: "individual", country: "FR" } },
      { query: "question=topics&answer=a&country=BE", where: (a: { topics: string[] }) => a.topics.includes("a"), extra: { country: "BE" } },
      { query: "question=trust&answer=03&category=industry", where: (a: { trust: number }) => a.trust === 3, extra: { category: "industry" } },
      { query: "question=support&answer=no", where: (a: { support: string }) => a.support === "no", extra: {} },
    ];
    for (const k of cases) {
      const expected = await direct(c.id, k.where as never, k.extra);
      expect(expected.length, k.query).toBeGreaterThan(0);
      const listed = await pages(c.id, k.query);
      expect(listed.ids, k.query).toEqual(expected);
      expect(listed.total, k.query).toBe(expected.length);
    }
    // Tallies that say nothing matches: the plan, same pages.
    const yes = cases[0]!;
    const expected = await direct(c.id, yes.where as never, yes.extra);
    await t.prisma.responseTally.updateMany({ where: { consultationId: c.id, questionKey: "support", answer: "yes" }, data: { n: 0 } });
    expect((await pages(c.id, yes.query)).ids).toEqual(expected);
    // Tallies that overstate the matches a thousandfold: the walk reads too few rows, finds too few, hands over.
    await t.prisma.responseTally.updateMany({ where: { consultationId: c.id, questionKey: "support", answer: "yes" }, data: { n: 5_000 } });
    expect((await pages(c.id, yes.query)).ids).toEqual(expected);
  });
});
