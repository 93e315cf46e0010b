// Questionnaires and responses through the API: an organiser builds one (structural problems named by
// path, others refused), respondents save drafts, submit once and amend until closing with every version
// kept, as individuals or for the organisation they represent, with a receipt in HTML and PDF.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const opts = (...keys: string[]) => keys.map((key) => ({ key, label: `Option ${key}` }));

/** One question of every type, with conditions of every kind. */
export const QUESTIONNAIRE = {
  title: "Have your say on detection orders",
  introduction: "About 15 minutes.",
  sections: [
    {
      key: "about",
      title: "About you",
      questions: [
        { key: "role", label: "You answer as", type: "single_choice", required: true, options: opts("parent", "teacher", "other") },
        { key: "children", label: "How many children?", type: "number", integer: true, min: 0, required: true, showIf: { kind: "choice", questionKey: "role", anyOf: ["parent"] } },
        { key: "topics", label: "Topics you care about", type: "multiple_choice", options: opts("privacy", "safety", "cost"), maxChoices: 2 },
      ],
    },
    {
      key: "views",
      title: "Your views",
      questions: [
        { key: "trust", label: "Trust in platforms", type: "scale", min: 1, max: 5, required: true },
        { key: "why_low", label: "Why so low?", type: "short_text", required: true, showIf: { kind: "range", questionKey: "trust", max: 2 } },
        { key: "priorities", label: "Rank the safeguards", type: "ranking", options: opts("audit", "redress", "sunset"), rankAll: true },
        { key: "statements", label: "Do you agree?", type: "matrix", required: true, rows: opts("scan", "report"), columns: opts("agree", "disagree") },
        { key: "comment", label: "Anything else?", type: "long_text" },
        { key: "paper", label: "Your position paper", type: "file_upload", showIf: { kind: "answered", questionKey: "comment" } },
      ],
    },
  ],
};

const complete = { role: "teacher", trust: 4, priorities: ["redress", "audit", "sunset"], statements: { scan: "disagree", report: "agree" }, comment: "Ελληνικά & <b>bold</b>" };

async function setUp(status: "open" | "draft" = "open") {
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
  const c = await createConsultation(t.prisma, { createdById: organiser.id, status, title: "Detection orders" });
  const orgClient = t.client();
  await logIn(orgClient, organiser);
  const put = await orgClient.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE);
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  return { organiser, c, orgClient };
}

async function respondent(displayName = "Rita Respondent"): Promise<{ client: TestClient; user: Awaited<ReturnType<typeof createUser>> }> {
  const user = await createUser(t.prisma, { displayName });
  const client = t.client();
  await logIn(client, user);
  return { client, user };
}

describe("building a questionnaire", () => {
  it("organisers build it; anyone who reads the consultation reads it; others cannot change it", async () => {
    const { c, orgClient } = await setUp();
    const read = await t.client().get(`/api/consultations/${c.slug}/questionnaire`);
    expect(read.status).toBe(200);
    expect(read.body.questionnaire).toMatchObject({ title: QUESTIONNAIRE.title, version: 1, lockedReason: null, abilities: { edit: false, respond: false } });
    expect(read.body.questionnaire.sections[1].questions.map((q: { type: string }) => q.type)).toEqual(["scale", "short_text", "ranking", "matrix", "long_text", "file_upload"]);

    const { client: participant } = await respondent();
    const refused = await participant.put(`/api/consultations/${c.id}/questionnaire`, { ...QUESTIONNAIRE, title: "Hijacked" });
    expect(refused.status).toBe(403);
    const changed = await orgClient.put(`/api/consultations/${c.id}/questionnaire`, { ...QUESTIONNAIRE, title: "Revised title" });
    expect(changed.body.questionnaire).toMatchObject({ title: "Revised title", version: 2, abilities: { edit: true } });
  });

  it("a definition that does not hold together is refused, naming each problem, and nothing is stored", async () => {
    const { c, orgClient } = await setUp();
    const bad = structuredClone(QUESTIONNAIRE);
    bad.sections[0]!.questions[1]!.showIf = { kind: "choice", questionKey: "role", anyOf: ["astronaut"] };
    (bad.sections[1]!.questions[0] as { min: number }).min = 9;
    const res = await orgClient.put(`/api/consultations/${c.id}/questionnaire`, bad);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: "sections.0.questions.1.showIf.anyOf.0", message: '"astronaut" is not an option of "role"' },
      { path: "sections.1.questions.0.max", message: "must be greater than min" },
    ]);
    const schemaBad = await orgClient.put(`/api/consultations/${c.id}/questionnaire`, { ...QUESTIONNAIRE, sections: [{ key: "s", title: "S", questions: [{ key: "q", label: "Q", type: "dropdown" }] }] });
    expect(schemaBad.status).toBe(400);
    expect((await t.client().get(`/api/consultations/${c.id}/questionnaire`)).body.questionnaire.version).toBe(1);
  });

  it("a draft consultation's questionnaire is hidden like the consultation", async () => {
    const { c, orgClient } = await setUp("draft");
    expect((await orgClient.get(`/api/consultations/${c.id}/questionnaire`)).status).toBe(200);
    expect((await t.client().get(`/api/consultations/${c.id}/questionnaire`)).status).toBe(404);
  });
});

describe("answering", () => {
  it("draft, come back, submit once with a number, amend with versions kept, then the questionnaire is fixed", async () => {
    const { c, orgClient } = await setUp();
    const { client } = await respondent();
    const url = `/api/consultations/${c.id}/responses/mine`;

    const draft = await client.put(url, { answers: { role: "parent" } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.response).toMatchObject({ status: "draft", submissionNumber: null, version: 0, answers: { role: "parent" }, category: "individual" });
    const again = await client.put(url, { answers: { role: "parent", children: 2 }, country: "fr" });
    expect(again.status).toBe(200);
    const mine = await client.get(url);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ id: draft.body.response.id, answers: { role: "parent", children: 2 }, country: "FR", status: "draft" });

    // A bad answer in a draft is refused and changes nothing.
    const badDraft = await client.put(url, { answers: { role: "parent", children: -1 } });
    expect(badDraft.status).toBe(400);
    expect(badDraft.body.error.details).toEqual([{ path: "answers.children", message: "must be at least 0" }]);
    // Submitting needs every required question shown, and a publication choice.
    const incomplete = await client.put(url, { answers: { role: "parent", trust: 1 }, submit: true });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.details).toEqual([
      { path: "answers.children", message: "is required" },
      { path: "answers.why_low", message: "is required" },
      { path: "answers.statements", message: "is required" },
      { path: "consent", message: "is required to submit: choose how your response may be published" },
    ]);
    expect((await client.get(url)).body.items[0]).toMatchObject({ answers: { role: "parent", children: 2 }, status: "draft" });

    // Changing "role" hides "children": its stale answer is dropped, not submitted.
    const submitted = await client.put(url, { answers: { ...complete, children: 2 }, consent: "publish_named", submit: true });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const r = submitted.body.response;
    expect(r).toMatchObject({ status: "submitted", version: 1, consent: "publish_named", amendedAt: null, submissionNumber: expect.stringMatching(/^RT-\d{7}$/) });
    expect(r.answers).toEqual(complete);

    // Submitted once: a draft save no longer applies; an amendment does, and keeps the number.
    const overwrite = await client.put(url, { answers: { role: "other" } });
    expect(overwrite.status).toBe(409);
    const amended = await client.put(url, { answers: { ...complete, trust: 2, why_low: "Opaque moderation" }, consent: "publish_anonymous", submit: true });
    expect(amended.body.response).toMatchObject({ version: 2, submissionNumber: r.submissionNumber, consent: "publish_anonymous", submittedAt: r.submittedAt, amendedAt: expect.any(String) });
    const versions = await client.get(`/api/responses/${r.id}/versions`);
    expect(versions.body.items.map((v: { version: number; consent: string }) => [v.version, v.consent])).toEqual([[1, "publish_named"], [2, "publish_anonymous"]]);
    expect(versions.body.items[0].answers).toEqual(complete);

    // Answers refer to the questionnaire's keys: it is fixed now (sending it unchanged still passes).
    const current = (await orgClient.get(`/api/consultations/${c.id}/questionnaire`)).body.questionnaire;
    expect(current.lockedReason).toMatch(/fixed once responses have been submitted/);
    expect((await orgClient.put(`/api/consultations/${c.id}/questionnaire`, { ...QUESTIONNAIRE, title: "Late change" })).status).toBe(409);
    expect((await orgClient.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
  });

  it("the receipt (HTML and PDF) is the respondent's alone, once submitted", async () => {
    const { c } = await setUp();
    const { client } = await respondent("Ζωή Παπαδοπούλου");
    const url = `/api/consultations/${c.id}/responses/mine`;
    const draft = await client.put(url, { answers: { role: "teacher" } });
    const id = draft.body.response.id;
    expect((await client.get(`/api/responses/${id}/receipt.html`)).status).toBe(409);
    const sub = await client.put(url, { answers: complete, consent: "do_not_publish", submit: true });
    const number = sub.body.response.submissionNumber;

    const html = await client.get(`/api/responses/${id}/receipt.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
    expect(html.headers.get("cache-control")).toBe("no-store");
    const page = String(html.body);
    expect(page).toContain(number);
    expect(page).toContain("Ζωή Παπαδοπούλου");
    expect(page).toContain("Do not publish my response");
    expect(page).toContain("1. Option redress");
    expect(page).toContain("Option scan: Option disagree");
    expect(page).toContain("Ελληνικά &amp; &lt;b&gt;bold&lt;/b&gt;");
    const pdf = await client.raw("GET", `/api/responses/${id}/receipt.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(String(pdf.body).startsWith("%PDF-")).toBe(true);
    expect(String(pdf.body)).toContain("DejaVuSans");

    // Someone else, even the organiser: not found (the positive control above is the respondent's own).
    const { client: other } = await respondent();
    for (const path of [`/api/responses/${id}`, `/api/responses/${id}/receipt.html`, `/api/responses/${id}/receipt.pdf`, `/api/responses/${id}/versions`]) {
      expect((await other.get(path)).status, path).toBe(404);
    }
    expect((await t.client().get(`/api/responses/${id}`)).status).toBe(401);
  });

  it("on behalf of an organisation: only its representatives, in its category and country, always named", async () => {
    const { c } = await setUp();
    const org = await createOrganisation(t.prisma, { name: "Safe Childhood Alliance", category: "child_rights", verified: true, country: "IE" });
    const { client: rep, user: repUser } = await respondent();
    const { client: member, user: memberUser } = await respondent();
    await addToOrganisation(t.prisma, repUser.id, org.id, "representative");
    await addToOrganisation(t.prisma, memberUser.id, org.id, "member");
    const url = `/api/consultations/${c.id}/responses/mine`;

    const byMember = await member.put(url, { organisationId: org.id, answers: complete, consent: "publish_named", submit: true });
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.message).toMatch(/representative of a verified organisation/);
    const anonymous = await rep.put(url, { organisationId: org.id, answers: complete, consent: "publish_anonymous", submit: true });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error.details).toEqual([{ path: "consent", message: expect.stringMatching(/organisations are always named/) }]);

    const asOrg = await rep.put(url, { organisationId: org.id, answers: complete, consent: "publish_named", submit: true });
    expect(asOrg.status, JSON.stringify(asOrg.body)).toBe(201);
    expect(asOrg.body.response).toMatchObject({ organisation: { id: org.id, name: "Safe Childhood Alliance" }, category: "child_rights", country: "IE" });
    // The same person may also answer in their own name: a separate response.
    const asSelf = await rep.put(url, { answers: complete, consent: "publish_anonymous", submit: true });
    expect(asSelf.status).toBe(201);
    expect(asSelf.body.response.submissionNumber).not.toBe(asOrg.body.response.submissionNumber);
    expect((await rep.get(url)).body.items).toHaveLength(2);
    expect(await t.prisma.response.count({ where: { consultationId: c.id } })).toBe(2);
  });

  it("observers cannot respond; nobody responds after closing, even if the scheduler has not run", async () => {
    const { c } = await setUp();
    const { client: observer, user: obsUser } = await respondent();
    await addMember(t.prisma, c.id, obsUser.id, "observer");
    const url = `/api/consultations/${c.id}/responses/mine`;
    expect((await observer.put(url, { answers: { role: "teacher" } })).status).toBe(403);

    const { client } = await respondent();
    const sub = await client.put(url, { answers: complete, consent: "publish_named", submit: true });
    expect(sub.status).toBe(201);
    await t.prisma.consultation.update({ where: { id: c.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const late = await client.put(url, { answers: { ...complete, trust: 5 }, consent: "publish_named", submit: true });
    expect(late.status).toBe(403);
    expect(late.body.error.message).toMatch(/closed/);
    expect((await client.get(`/api/responses/${sub.body.response.id}`)).body.response).toMatchObject({ version: 1, abilities: { edit: false } });
    expect(await t.prisma.responseVersion.count({ where: { responseId: sub.body.response.id } })).toBe(1);
  });

  it("a consultation without a questionnaire takes no responses", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const { client } = await respondent();
    expect((await client.get(`/api/consultations/${c.id}/questionnaire`)).status).toBe(404);
    const res = await client.put(`/api/consultations/${c.id}/responses/mine`, { answers: {} });
    expect(res.status).toBe(404);
    expect(await t.prisma.response.count({ where: { consultationId: c.id } })).toBe(0);
  });

  it("submissions racing a change of the questionnaire: either the change is refused or no answer written for the old one is kept", async () => {
    // The first submission is written without an interactive transaction (server/responses/service.ts
    // submitFirstAnswer); its statement re-checks the questionnaire under the lock edits take.
    const changed = { ...QUESTIONNAIRE, sections: [{ key: "only", title: "Only", questions: [{ key: "renamed", label: "Renamed", type: "long_text", required: true }] }] };
    for (let round = 0; round < 3; round++) {
      const { c, orgClient } = await setUp();
      const people = await Promise.all(Array.from({ length: 6 }, (_, i) => respondent(`Racer ${round}-${i}`)));
      const [edit, ...submissions] = await Promise.all([
        orgClient.put(`/api/consultations/${c.id}/questionnaire`, changed),
        ...people.map((p) => p.client.put(`/api/consultations/${c.id}/responses/mine`, { answers: complete, consent: "publish_named", submit: true })),
      ]);
      const submitted = await t.prisma.response.findMany({ where: { consultationId: c.id, status: "submitted" }, include: { versions: true } });
      if (edit.status === 200) {
        // The change won: every answer to the old questions was refused, none kept.
        expect(submitted).toEqual([]);
        for (const s of submissions) expect(s.status).toBe(400);
      } else {
        // An answer won: the change is refused as for any submitted questionnaire, and each accepted answer is kept whole.
        expect(edit.status).toBe(409);
        expect(submitted.length).toBe(submissions.filter((s) => s.status === 201).length);
        expect(submitted.length).toBeGreaterThan(0);
        for (const r of submitted) expect(r.versions.map((v) => v.version)).toEqual([1]);
      }
    }
  });

  it("a first answer submitted from two tabs at once is one response", async () => {
    const { c } = await setUp();
    const { client, user } = await respondent();
    const both = await Promise.all([1, 2].map(() => client.put(`/api/consultations/${c.id}/responses/mine`, { answers: complete, consent: "publish_named", submit: true })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    const rows = await t.prisma.response.findMany({ where: { consultationId: c.id, respondentId: user.id }, include: { versions: true } });
    expect(rows).toHaveLength(1);
    // The second is an amendment of the first: two versions, one number.
    expect(rows[0]!.versions.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(new Set(both.map((r) => r.body.response.submissionNumber))).toEqual(new Set([rows[0]!.submissionNumber]));
  });
});
