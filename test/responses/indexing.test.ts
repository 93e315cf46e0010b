// The indexing queue beside the submissions: a submission answers without waiting for it, the campaigns
// page says how many wait, groupers racing on several connections while responses keep arriving group
// every response exactly once, in arrival order (the earliest copy represents its campaign), and the kept
// counts of the published list equal counting the rows, after amendments, marks and reports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import { openDatabase, type Database } from "../../server/db/index.ts";
import { groupWaitingResponses } from "../../server/responses/grouping.ts";
import { campaignsOnceIndexed } from "./indexing.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = { title: "Grouping", sections: [{ key: "main", title: "Main", questions: [{ key: "comment", label: "Comment", type: "long_text" }] }] };
const LETTER_A = "Scanning private messages cannot be limited to suspects and weakens the encryption that keeps journalists, doctors and children safe online. Withdraw the detection orders.";
const LETTER_B = "Platforms must be required to detect known abuse material because voluntary detection has left children exposed for years and survivors see their images shared again.";
const texts = [
  ...Array.from({ length: 9 }, (_, i) => (i % 2 ? LETTER_A : LETTER_B) + ` Signer ${i} adds a line of their own.`),
  "An unrelated answer about age verification, app stores, and the cost of compliance for small services in the single market.",
  "I agree.",
];

describe("the indexing queue", () => {
  it("answers a submission at once, then groups a burst exactly once and in order with groupers racing on several connections", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const orgClient = t.client();
    await logIn(orgClient, organiser);
    expect((await orgClient.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    const submit = async (comment: string) => {
      const client = t.client();
      await logIn(client, await createUser(t.prisma));
      const res = await client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { comment }, consent: "publish_named", submit: true });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.response as { id: string };
    };

    // With this process's grouper stopped, submissions are answered and wait, counted on the page.
    await t.server.ctx.campaignGrouper.stop();
    const early = [];
    for (const text of texts.slice(0, 4)) early.push(await submit(text));
    const waiting = await t.client().get(`/api/consultations/${c.id}/campaigns`);
    expect(waiting.body).toEqual({ items: [], waitingForGrouping: 4 });

    // Groupers on two more connections (PostgreSQL: really concurrent) race while the rest arrive.
    const extra: Database[] = t.config.databaseUrl ? await Promise.all([0, 1].map(() => openDatabase({ databaseUrl: t.config.databaseUrl, migrate: false }))) : [];
    const groupers = [t.prisma, ...extra.map((d) => d.prisma)];
    try {
      const late: { id: string }[] = [];
      await Promise.all([
        (async () => {
          for (const text of texts.slice(4)) late.push(await submit(text));
        })(),
        ...groupers.flatMap((prisma) => [groupWaitingResponses(prisma), groupWaitingResponses(prisma)]),
      ]);
      // Whatever arrived after the racing groupers finished.
      await Promise.all(groupers.map((prisma) => groupWaitingResponses(prisma)));
      const all = [...early, ...late];

      const list = await campaignsOnceIndexed(t, c.id);
      expect(list.items.map((x) => x.count).sort()).toEqual([4, 5]);
      const rows = await t.prisma.response.findMany({ where: { consultationId: c.id }, orderBy: { seq: "asc" }, select: { id: true, seq: true, campaignId: true, indexedAt: true } });
      expect(rows.map((r) => r.id)).toEqual(all.map((r) => r.id));
      expect(rows.every((r) => r.indexedAt !== null)).toBe(true);
      const campaigns = await t.prisma.responseCampaign.findMany({ where: { consultationId: c.id }, include: { _count: { select: { members: true } } } });
      for (const campaign of campaigns) {
        // Counted once each: the stored count is the members', and the earliest member represents them.
        expect(campaign.memberCount).toBe(campaign._count.members);
        const members = rows.filter((r) => r.campaignId === campaign.id);
        expect(campaign.representativeId).toBe(members[0]!.id);
      }
      // Copies of letter B (even signers) and of letter A (odd) in two campaigns; the rest in none.
      const campaignOf = (i: number) => rows[i]!.campaignId;
      for (let i = 0; i < 9; i++) expect(campaignOf(i), `signer ${i}`).toBe(campaignOf(i % 2));
      expect(campaignOf(0)).not.toBe(campaignOf(1));
      expect([campaignOf(9), campaignOf(10)]).toEqual([null, null]);
    } finally {
      await Promise.all(extra.map((d) => d.close()));
    }
  });

  it("groups by itself within moments of a submission (the running server's grouper), and an amendment keeps the campaign", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const orgClient = t.client();
    await logIn(orgClient, organiser);
    expect((await orgClient.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    t.server.ctx.campaignGrouper.start();
    const clients = [];
    for (const i of [0, 1]) {
      const client = t.client();
      await logIn(client, await createUser(t.prisma));
      expect((await client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { comment: `${LETTER_A} Mine ${i}.` }, consent: "publish_named", submit: true })).status).toBe(201);
      clients.push(client);
    }
    const list = await campaignsOnceIndexed(t, c.id);
    expect(list.items.map((x) => x.count)).toEqual([2]);
    const amended = await clients[1]!.put(`/api/consultations/${c.id}/responses/mine`, { answers: { comment: `${LETTER_A} Mine, amended.` }, consent: "publish_named", submit: true });
    expect(amended.status).toBe(200);
    expect((await campaignsOnceIndexed(t, c.id)).items.map((x) => x.count)).toEqual([2]);
  });

  it("keeps the published list's counts equal to counting the rows, under every filter, through amendments and marks", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const moderatorClient = t.client();
    await logIn(moderatorClient, organiser);
    t.server.ctx.campaignGrouper.start();
    const questionnaire = {
      title: "Counts",
      sections: [
        {
          key: "main",
          title: "Main",
          questions: [
            { key: "support", label: "Support?", type: "single_choice", options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] },
            { key: "topics", label: "Topics", type: "multiple_choice", options: [{ key: "privacy", label: "Privacy" }, { key: "safety", label: "Safety" }] },
            { key: "trust", label: "Trust", type: "scale", min: 1, max: 5 },
            { key: "comment", label: "Comment", type: "long_text" },
          ],
        },
      ],
    };
    expect((await moderatorClient.put(`/api/consultations/${c.id}/questionnaire`, questionnaire)).status).toBe(200);
    const people: { client: ReturnType<TestServer["client"]>; body: { answers: Record<string, unknown>; consent: string; country: string | undefined; submit: boolean }; id: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const client = t.client();
      await logIn(client, await createUser(t.prisma));
      const body = {
        answers: { support: i % 3 ? "yes" : "no", topics: i % 2 ? ["privacy", "safety"] : ["safety"], trust: 1 + (i % 5), comment: `Answer ${i}` },
        consent: i === 7 ? "do_not_publish" : i % 2 ? "publish_named" : "publish_anonymous",
        country: ["FR", "DE"][i % 2],
        submit: true,
      };
      const res = await client.put(`/api/consultations/${c.id}/responses/mine`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      people.push({ client, body, id: res.body.response.id as string });
    }
    // Amendments that move a response between filters, out of publication, and back in; a moderator's mark.
    const amend = (i: number, change: object) => people[i]!.client.put(`/api/consultations/${c.id}/responses/mine`, { ...people[i]!.body, ...change });
    expect((await amend(0, { consent: "do_not_publish" })).status).toBe(200);
    expect((await amend(1, { country: "BE", answers: { ...people[1]!.body.answers, support: "no", topics: ["privacy"] } })).status).toBe(200);
    expect((await amend(7, { consent: "publish_named" })).status).toBe(200);
    expect((await moderatorClient.put(`/api/responses/${people[3]!.id}/suspected-automated`, { suspected: true, reason: "Same address, one second apart." })).status).toBe(200);

    await campaignsOnceIndexed(t, c.id);
    const rows = await t.prisma.response.findMany({ where: { consultationId: c.id, status: "submitted", consent: { in: ["publish_named", "publish_anonymous"] } } });
    const filters: [string, (r: (typeof rows)[number]) => boolean][] = [
      ["", () => true],
      ["category=individual", (r) => r.category === "individual"],
      ["country=FR", (r) => r.country === "FR"],
      ["country=BE", (r) => r.country === "BE"],
      ["question=support&answer=no", (r) => (r.answers as { support: string }).support === "no"],
      ["question=topics&answer=privacy", (r) => (r.answers as { topics: string[] }).topics.includes("privacy")],
      ["question=trust&answer=2", (r) => (r.answers as { trust: number }).trust === 2],
      ["question=trust&answer=02", (r) => (r.answers as { trust: number }).trust === 2],
      ["country=DE&question=topics&answer=safety", (r) => r.country === "DE" && (r.answers as { topics: string[] }).topics.includes("safety")],
    ];
    for (const [query, keep] of filters) {
      const list = await t.client().get(`/api/consultations/${c.id}/responses?${query}`);
      expect(list.status, query).toBe(200);
      const matching = rows.filter(keep);
      expect(list.body.total, query).toBe(matching.length);
      expect(list.body.items, query).toHaveLength(matching.length);
      expect(list.body.counts.suspectedAutomated, query).toBe(matching.filter((r) => r.suspectedAutomatedAt !== null).length);
    }
    // The amendments took effect: 0 left the list, 7 joined it, 1 moved to Belgium; 3 is counted apart.
    expect(rows.map((r) => r.id).sort()).toEqual(people.filter((_, i) => i !== 0).map((p) => p.id).sort());
    const all = (await t.client().get(`/api/consultations/${c.id}/responses`)).body;
    expect(all.counts).toMatchObject({ byCategory: { individual: 7 }, byChannel: { web: 7 }, suspectedAutomated: 1 });
  });

  it("takes two first submissions of one person at once (two tabs) as one response: created, then amended", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const orgClient = t.client();
    await logIn(orgClient, organiser);
    expect((await orgClient.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    const person = await createUser(t.prisma);
    const tabs = [t.client(), t.client()];
    for (const tab of tabs) await logIn(tab, person);
    const answers = await Promise.all(tabs.map((tab, i) => tab.put(`/api/consultations/${c.id}/responses/mine`, { answers: { comment: `From tab ${i}` }, consent: "publish_named", submit: true })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    const rows = await t.prisma.response.findMany({ where: { consultationId: c.id }, include: { versions: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.versions.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(rows[0]!.submissionNumber).toBe(answers[0]!.body.response.submissionNumber);
    expect(answers[1]!.body.response.submissionNumber).toBe(rows[0]!.submissionNumber);
  });
});
