// Campaigns counted, not discarded: near-identical responses are grouped as they are submitted, the
// campaign page shows the shared text, counts by category and country, and each published member's added
// text; members who chose not to publish are counted but never shown; unrelated responses stay apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import { addedText } from "../../server/responses/campaigns.ts";
import { campaignsOnceIndexed } from "./indexing.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = {
  title: "Campaigns",
  sections: [{ key: "main", title: "Main", questions: [{ key: "role", label: "You are", type: "single_choice", options: [{ key: "a", label: "A" }, { key: "b", label: "B" }] }, { key: "comment", label: "Comment", type: "long_text" }] }],
};
const LETTER =
  "I oppose the scanning of private messages. End-to-end encryption protects children and adults alike. Detection orders would undermine the security of everyone who communicates online. Please withdraw the proposal.";

describe("campaigns", () => {
  it("groups a seeded campaign as it arrives, keeps what each member added, and counts the unpublished apart", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const orgClient = t.client();
    await logIn(orgClient, organiser);
    expect((await orgClient.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    const submit = async (displayName: string, comment: string, consent: string, extra: Record<string, unknown> = {}) => {
      const user = await createUser(t.prisma, { displayName });
      const client = t.client();
      await logIn(client, user);
      const res = await client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { role: "a", comment }, consent, submit: true, country: "BE", ...extra });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { user, client, response: res.body.response };
    };

    const first = await submit("First Signer", LETTER, "publish_named");
    await submit("Second Signer", `${LETTER} As a parent of two, Qxaddedparent matters to me.`, "publish_anonymous", { country: "FR" });
    await submit("Quiet Signer", `${LETTER} Qxquietaddition.`, "do_not_publish");
    await submit("Fourth Signer", LETTER.toUpperCase().replace("PLEASE", "please, please"), "publish_named");
    const rep = await createUser(t.prisma, { displayName: "Rep" });
    const org = await createOrganisation(t.prisma, { category: "digital_rights", verified: true, country: "DE", name: "Open Channels" });
    await addToOrganisation(t.prisma, rep.id, org.id, "representative");
    const repClient = t.client();
    await logIn(repClient, rep);
    expect((await repClient.put(`/api/consultations/${c.id}/responses/mine`, { organisationId: org.id, answers: { comment: `${LETTER} We add our legal analysis.` }, consent: "publish_named", submit: true })).status).toBe(201);
    // Unrelated and too-short responses stay out.
    await submit("Other View", "Detection orders are necessary because grooming happens on platforms every day and voluntary measures have not been enough to find it in time.", "publish_named");
    await submit("Short", "I agree.", "publish_named");
    await submit("Short 2", "I agree.", "publish_named");

    // Grouping runs beside the submissions: the list says how many it has yet to look at, then none.
    const list = await campaignsOnceIndexed(t, c.id);
    expect(list.items).toHaveLength(1);
    const campaign = list.items[0]!;
    expect(campaign).toMatchObject({ count: 5, published: 4, byCategory: { individual: 4, digital_rights: 1 }, byCountry: { BE: 3, FR: 1, DE: 1 }, sharedText: LETTER });

    const page = await t.client().get(`/api/campaigns/${campaign.id}`);
    expect(page.status).toBe(200);
    const p = page.body.campaign;
    expect(p).toMatchObject({ count: 5, published: 4, notPublished: 1, sharedText: LETTER });
    expect(p.members).toHaveLength(4);
    expect(p.members[0]).toMatchObject({ submissionNumber: first.response.submissionNumber, respondent: "First Signer", addedText: "" });
    expect(p.members[1]).toMatchObject({ respondent: null, anonymous: true, addedText: "As a parent of two, Qxaddedparent matters to me." });
    expect(p.members[3]).toMatchObject({ organisation: { name: "Open Channels" }, addedText: "We add our legal analysis." });
    // The member who chose not to publish is counted, never shown.
    expect(JSON.stringify(page.body)).not.toContain("Qxquietaddition");
    expect(JSON.stringify(page.body)).not.toContain("Quiet Signer");
    expect(await t.prisma.response.count({ where: { consultationId: c.id, status: "submitted" } })).toBe(8);
    expect((await t.client().get(`/api/campaigns/nosuchcampaign`)).status).toBe(404);

    // The summary report states the campaign's count and content, from what was agreed to publish.
    const summary = await orgClient.get(`/api/consultations/${c.id}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.summary.responses).toMatchObject({ total: 8, published: 7, notPublished: 1 });
    expect(summary.body.summary.responses.campaigns).toEqual([
      { count: 5, published: 4, byCategory: { individual: 4, digital_rights: 1 }, sharedText: LETTER, additions: ["As a parent of two, Qxaddedparent matters to me.", "please, please WITHDRAW THE PROPOSAL.", "We add our legal analysis."], moreAdditions: 0, suspectedAutomated: 0, reportedImpersonation: 0 },
    ]);
    const published = await orgClient.post(`/api/consultations/${c.id}/summary/versions`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const html = String((await t.client().get(`/api/consultations/${c.id}/summary/versions/1.html`)).body);
    expect(html).toContain("Campaign 1: 5 responses (4 published)");
    expect(html).toContain("Qxaddedparent");
    expect(html).not.toContain("Qxquietaddition");
  });

  it("added text is the sentences the shared text does not have, whatever the case and punctuation", () => {
    expect(addedText("One two three. Four five!", "ONE TWO THREE. Four, five! Six seven?")).toBe("Six seven?");
    expect(addedText("One two three.", "One two three.")).toBe("");
  });
});
