// Analysis of formal responses: the organiser's hierarchical codebook, two analysts coding open answers
// independently (blind to names and to each other's codes), Cohen's kappa per code (checked against a
// hand-worked example first), closed answers and codes by stakeholder category, the CSV exports, and the
// method and agreement in the summary report. Only analysts and staff reach any of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import { cohensKappa, kappaBand } from "../../server/responses/analysis/kappa.ts";
import type { TestClient } from "../support/client.ts";

describe("Cohen's kappa", () => {
  it("matches the hand-worked example", () => {
    // 50 answers. Both applied the code to 20, neither to 15; A alone to 5, B alone to 10.
    // po = 35/50 = 0.7; A applies it to 25/50 = 0.5, B to 30/50 = 0.6;
    // pe = 0.5 x 0.6 + 0.5 x 0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    const pairs = [
      ...Array.from({ length: 20 }, () => [true, true] as const),
      ...Array.from({ length: 5 }, () => [true, false] as const),
      ...Array.from({ length: 10 }, () => [false, true] as const),
      ...Array.from({ length: 15 }, () => [false, false] as const),
    ];
    const k = cohensKappa(pairs);
    expect(k.table).toEqual({ yesYes: 20, yesNo: 5, noYes: 10, noNo: 15 });
    expect(k.observedAgreement).toBeCloseTo(0.7, 10);
    expect(k.expectedAgreement).toBeCloseTo(0.5, 10);
    expect(k.kappa).toBeCloseTo(0.4, 10);
    expect(kappaBand(k.kappa)).toBe("fair");
  });

  it("is 1 for perfect agreement, below 0 for systematic disagreement, undefined without variation or units", () => {
    expect(cohensKappa([[true, true], [false, false]]).kappa).toBe(1);
    expect(cohensKappa([[true, false], [false, true]]).kappa).toBe(-1);
    expect(cohensKappa([[false, false], [false, false]])).toMatchObject({ kappa: null, observedAgreement: 1 });
    expect(cohensKappa([])).toMatchObject({ units: 0, kappa: null });
  });
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = {
  title: "Q",
  sections: [
    {
      key: "main",
      title: "Main",
      questions: [
        { key: "support", label: "Do you support the proposal?", type: "single_choice", options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] },
        { key: "topics", label: "Topics", type: "multiple_choice", options: [{ key: "privacy", label: "Privacy" }, { key: "safety", label: "Safety" }] },
        { key: "why", label: "Why?", type: "long_text" },
      ],
    },
  ],
};

async function person(displayName: string) {
  const user = await createUser(t.prisma, { displayName });
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}

describe("codebook, coding and agreement", () => {
  it("two analysts code independently; figures, exports and the report follow; nobody else gets in", async () => {
    const organiser = await person("Olga Organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id });
    expect((await organiser.client.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    const a = await person("Ana Analyst");
    const b = await person("Ben Analyst");
    await addMember(t.prisma, c.id, a.user.id, "analyst");
    await addMember(t.prisma, c.id, b.user.id, "analyst");
    const participant = await person("Pat Participant");

    // Five respondents; one for an organisation, one who chose not to publish (still analysed, never named).
    const answers: [string, string[], string, string][] = [
      ["yes", ["safety"], "Qxtext1 children must be protected", "publish_named"],
      ["no", ["privacy"], "Qxtext2 encryption must stay", "publish_anonymous"],
      ["no", ["privacy", "safety"], "Qxtext3 scanning is unsafe", "do_not_publish"],
      ["yes", [], "Qxtext4 costs matter", "publish_named"],
      ["no", ["privacy"], "Qxtext5 no comment really", "publish_named"],
    ];
    const ids: string[] = [];
    for (const [i, [support, topics, why, consent]] of answers.entries()) {
      const r = await person(`Respondent Qxname${i}`);
      let organisationId: string | undefined;
      if (i === 0) {
        const org = await createOrganisation(t.prisma, { category: "industry", verified: true, country: "BE" });
        await addToOrganisation(t.prisma, r.user.id, org.id, "representative");
        organisationId = org.id;
      }
      const res = await r.client.put(`/api/consultations/${c.id}/responses/mine`, { organisationId, submit: true, consent: consent === "publish_anonymous" && organisationId ? "publish_named" : consent, answers: { support, topics, why } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.response.id);
    }

    // The codebook: organisers keep it; analysts read it; nobody else sees it.
    const add = (client: TestClient, body: object) => client.post(`/api/consultations/${c.id}/codebook/codes`, body);
    expect((await add(a.client, { label: "X", definition: "x" })).status).toBe(403);
    const safety = (await add(organiser.client, { label: "Safety", definition: "Protecting children", position: 1 })).body.code;
    const enc = (await add(organiser.client, { label: "Encryption", definition: "Keeping encryption intact", parentId: safety.id })).body.code;
    const cost = (await add(organiser.client, { label: "Cost", definition: "Costs of compliance", position: 2 })).body.code;
    const cycle = await organiser.client.patch(`/api/codes/${safety.id}`, { parentId: enc.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details).toEqual([{ path: "parentId", message: "would make the code its own ancestor" }]);
    expect((await add(organiser.client, { label: "Y", definition: "y", parentId: "nosuchcode" })).status).toBe(400);
    const book = await a.client.get(`/api/consultations/${c.id}/codebook`);
    expect(book.body.codes.map((n: { path: string; children: { path: string }[] }) => [n.path, n.children.map((x) => x.path)])).toEqual([["Safety", ["Safety > Encryption"]], ["Cost", []]]);
    expect(book.body.abilities).toEqual({ edit: false });
    expect((await participant.client.get(`/api/consultations/${c.id}/codebook`)).status).toBe(404);
    expect((await t.client().get(`/api/consultations/${c.id}/codebook`)).status).toBe(401);

    // Coding. A: Enc on 1,2,3; Safety on 4. B: Enc on 1,2; Safety on 4. Unit 5 coded by both with nothing.
    const code = (client: TestClient, i: number, codeIds: string[]) => client.put(`/api/responses/${ids[i]}/codings/why`, { codeIds });
    for (const [i, codes] of [[0, [enc.id]], [1, [enc.id]], [2, [enc.id]], [3, [safety.id]], [4, []]] as const) expect((await code(a.client, i, [...codes])).status).toBe(200);
    // B's queue: blind to A's codes and to names; it says the answers were coded once already.
    const queue = await b.client.get(`/api/consultations/${c.id}/coding?questionKey=why`);
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(5);
    expect(queue.body.items[0]).toEqual({ responseId: ids[0], submissionNumber: expect.any(String), category: "industry", text: "Qxtext1 children must be protected", myCodeIds: null, codedBy: 1 });
    expect(JSON.stringify(queue.body)).not.toContain("Qxname");
    for (const [i, codes] of [[0, [enc.id]], [1, [enc.id]], [2, []], [3, [safety.id]], [4, []]] as const) expect((await code(b.client, i, [...codes])).status).toBe(200);
    // Bad codings write nothing.
    expect((await code(b.client, 0, ["nosuchcode"])).status).toBe(400);
    expect((await b.client.put(`/api/responses/${ids[0]}/codings/support`, { codeIds: [] })).status).toBe(400);
    expect((await code(participant.client, 0, [cost.id])).status).toBe(404);
    expect((await b.client.get(`/api/consultations/${c.id}/coding?questionKey=why`)).body.items[0].myCodeIds).toEqual([enc.id]);

    const analysis = (await a.client.get(`/api/consultations/${c.id}/analysis`)).body.analysis;
    expect(analysis).toMatchObject({ analysts: 2, codedUnits: 5, doubleCodedUnits: 5 });
    const byPath = Object.fromEntries(analysis.codes.map((x: { path: string }) => [x.path, x]));
    // Encryption: A yes on 1,2,3; B yes on 1,2 -> yy 2, yn 1, nn 2; po 0.8, pe 0.6x0.4 + 0.4x0.6 = 0.48; kappa 0.32/0.52.
    expect(byPath["Safety > Encryption"].units).toBe(3);
    expect(byPath["Safety > Encryption"].agreement.kappa).toBeCloseTo(0.32 / 0.52, 10);
    // Safety includes Encryption: A yes on 1-4, B on 1,2,4 -> po 0.8, pe 0.8x0.6 + 0.2x0.4 = 0.56; kappa 0.24/0.44.
    expect(byPath["Safety"]).toMatchObject({ units: 4, byCategory: { industry: 1, individual: 3 } });
    expect(byPath["Safety"].agreement.kappa).toBeCloseTo(0.24 / 0.44, 10);
    // Nobody applied Cost: no variation, kappa undefined.
    expect(byPath["Cost"]).toMatchObject({ units: 0, agreement: { units: 5, kappa: null, band: "undefined" } });
    const support = analysis.closed.find((q: { questionKey: string }) => q.questionKey === "support");
    expect(support.counts).toEqual({ yes: { industry: 1, individual: 1 }, no: { individual: 3 } });
    expect(analysis.closed.find((q: { questionKey: string }) => q.questionKey === "topics").counts).toEqual({ privacy: { individual: 3 }, safety: { industry: 1, individual: 1 } });

    // Exports.
    const codesCsv = String((await a.client.get(`/api/consultations/${c.id}/analysis/codes.csv`)).body);
    expect(codesCsv.split("\n")[0]).toBe("code,definition,answers,child_rights,civil_society,digital_rights,industry,public_authority,academia,individual,double_coded,kappa,observed_agreement");
    expect(codesCsv).toContain("Safety > Encryption,Keeping encryption intact,3,0,0,0,1,0,0,2,5,0.615,0.800");
    const codingsCsv = String((await organiser.client.get(`/api/consultations/${c.id}/analysis/codings.csv`)).body);
    expect(codingsCsv).toContain("analyst 1");
    expect(codingsCsv).not.toContain("Ana");
    expect(String((await organiser.client.get(`/api/consultations/${c.id}/analysis/closed.csv`)).body)).toContain("Do you support the proposal?,No,0,0,0,0,0,0,3,3");
    expect((await participant.client.get(`/api/consultations/${c.id}/analysis/codes.csv`)).status).toBe(404);
    expect((await participant.client.get(`/api/consultations/${c.id}/analysis`)).status).toBe(404);

    // A code in use stays; an unused leaf may go.
    expect((await organiser.client.delete(`/api/codes/${enc.id}`)).status).toBe(409);
    expect((await organiser.client.delete(`/api/codes/${safety.id}`)).status).toBe(409);
    const spare = (await add(organiser.client, { label: "Spare", definition: "Unused" })).body.code;
    expect((await organiser.client.delete(`/api/codes/${spare.id}`)).status).toBe(204);

    // The public report: the method and agreement, no text, no coder, no name.
    const summary = await organiser.client.get(`/api/consultations/${c.id}/summary`);
    expect(summary.body.summary.responses.analysis).toMatchObject({ codedUnits: 5, doubleCodedUnits: 5, method: expect.stringContaining("Cohen's kappa") });
    expect((await organiser.client.post(`/api/consultations/${c.id}/summary/versions`)).status).toBe(201);
    const html = String((await t.client().get(`/api/consultations/${c.id}/summary/versions/1.html`)).body);
    expect(html).toContain("Coding of open answers");
    expect(html).toContain("Safety &gt; Encryption: 3 answers; agreement: kappa 0.62 (substantial, over 5 double-coded)");
    for (const secret of ["Qxtext3", "Qxname", "Ana Analyst"]) expect(html).not.toContain(secret);
  }, 120_000);
});
