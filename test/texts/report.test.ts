// The draft texts in the summary report: a section per contested article with the provision's words,
// its amendments with their support by category and the organisers' outcome, each linked to the reading
// view; built in the public scope (a withdrawn or hidden amendment is not there, the published ones are),
// names withheld under Chatham House; no section at all for a consultation without a text.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { ReportData } from "../../shared/schemas/exports.ts";
import { renderReportText } from "../../server/exports/report/render.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function person(consultationId: string, category: "digital_rights" | "child_rights" | "industry" | "individual" | "academia", role: "participant" | "moderator" = "participant") {
  const user = await createUser(t.prisma, { category });
  await addMember(t.prisma, consultationId, user.id, role);
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}

async function contested(accessMode: "open" | "chatham_house" = "open") {
  const organiserUser = await createUser(t.prisma);
  const c = await createConsultation(t.prisma, { createdById: organiserUser.id, accessMode });
  const organiser = t.client();
  await logIn(organiser, organiserUser);
  const created = await organiser.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
  expect(created.status).toBe(201);
  const textId = created.body.text.id as string;
  const privacy = await person(c.id, "digital_rights");
  const org = await createOrganisation(t.prisma, { name: `Open Channels ${Date.now()}`, category: "digital_rights", verified: true });
  await addToOrganisation(t.prisma, privacy.user.id, org.id, "representative");
  const child = await person(c.id, "child_rights");
  const researcher = await person(c.id, "academia");
  const industry = await person(c.id, "industry");
  const moderator = await person(c.id, "individual", "moderator");
  const propose = async (who: { client: ReturnType<TestServer["client"]> }, body: object) => {
    const res = await who.client.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, justification: "Because.", ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.amendment.id as string;
  };
  const specific = await propose(privacy, { kind: "replace", spanStart: 5, spanEnd: 7, quote: "significant risk", proposedText: "specific risk", organisationId: org.id });
  const keep = await propose(child, { kind: "replace", spanStart: 5, spanEnd: 7, quote: "significant risk", proposedText: "significant risk, as assessed,", });
  const withdrawn = await propose(industry, { kind: "delete" });
  const hidden = await propose(industry, { kind: "replace", proposedText: "Nothing at all." });
  expect((await industry.client.delete(`/api/amendments/${withdrawn}`)).status).toBe(204);
  expect((await moderator.client.post(`/api/amendments/${hidden}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Not about the text." })).status).toBe(200);
  expect((await researcher.client.post(`/api/amendments/${specific}/endorsements`)).status).toBe(200);
  expect((await organiser.put(`/api/amendments/${specific}/outcome`, { outcome: "partly_accepted", reasons: "The Council text says 'specific risk'." })).status).toBe(200);
  return { c, organiser, textId, org, ids: { specific, keep, withdrawn, hidden } };
}

describe("the summary report's draft-text section", () => {
  it("gives each contested article its provision, amendments with support by category and outcome, linked", async () => {
    const { c, organiser, textId, org, ids } = await contested();
    const res = await organiser.get(`/api/consultations/${c.id}/summary`);
    expect(res.status).toBe(200);
    const data = res.body.summary as ReportData;
    expect(data.texts).toHaveLength(1);
    const doc = data.texts![0]!;
    expect(doc).toMatchObject({ id: textId, title: "The proposal", version: 1, amendments: 2 });
    expect(doc.contested.map((a) => a.eId)).toEqual(["art_7"]);
    const unit = doc.contested[0]!.units[0]!;
    // Every public stance is mixed (replacements): spread 0. Industry's withdrawn deletion would oppose.
    expect(unit).toMatchObject({ eId: POINT_A, label: "Article 7(4)(a)", spread: 0, camps: 2, path: `/consultations/${c.slug}/texts/${textId}?unit=${POINT_A}` });
    expect(unit.text).toContain("evidence of a significant risk");
    // The published ones are there; the withdrawn and the hidden one are not.
    expect(unit.amendments.map((a) => a.id)).toEqual([ids.specific, ids.keep]);
    expect(unit.amendments[0]).toMatchObject({ organisation: org.name, category: "digital_rights", support: { digital_rights: 1, academia: 1 }, endorsements: 1, outcome: { outcome: "partly_accepted", reasons: "The Council text says 'specific risk'." } });
    expect(unit.amendments[1]).toMatchObject({ category: "child_rights", support: { child_rights: 1 }, outcome: null });

    const md = renderReportText(data, "md");
    expect(md).toContain("The draft texts: contested articles");
    expect(md).toContain("Article 7 — Issuance of detection orders");
    expect(md).toContain("“significant risk” → “specific risk”");
    expect(md).toContain("Partly accepted — The Council text says 'specific risk'.");
    expect(md).toContain(`${data.siteUrl}/consultations/${c.slug}/texts/${textId}?unit=${POINT_A}#amendment-${ids.specific}`);
    expect(md).not.toContain("Nothing at all.");
    // The response matrix lists the answered amendment (only it: the other is still pending).
    expect(doc.answered!.map((a) => [a.id, a.unitLabel, a.outcome?.outcome])).toEqual([[ids.specific, "Article 7(4)(a)", "partly_accepted"]]);
    const matrix = md.slice(md.indexOf("Response matrix"), md.indexOf("Question 1"));
    expect(matrix).toContain(`The proposal, Article 7(4)(a): Replace (${org.name})`);
    expect(matrix).toContain("Partly accepted");
  });

  it("withholds names under Chatham House, and has no section for a consultation without a text", async () => {
    const { c, organiser } = await contested("chatham_house");
    const data = (await organiser.get(`/api/consultations/${c.id}/summary`)).body.summary as ReportData;
    const amendments = data.texts![0]!.contested[0]!.units[0]!.amendments;
    expect(amendments).toHaveLength(2);
    for (const a of amendments) expect(a).toMatchObject({ organisation: null, author: null });
    expect(renderReportText(data, "md")).toContain("Proposed by Privacy or digital-rights group");

    const bare = await createConsultation(t.prisma, { createdById: (await t.prisma.consultation.findUniqueOrThrow({ where: { id: c.id } })).createdById });
    const plain = (await organiser.get(`/api/consultations/${bare.id}/summary`)).body.summary as ReportData;
    expect(plain.texts).toBeUndefined();
    expect(renderReportText(plain, "md")).not.toContain("The draft texts");
  });
});
