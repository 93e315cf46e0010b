// Intake from other channels: an import of email and paper responses (CSV and XLSX, in the documented
// layout) that writes every row or none and names each bad row and field; partners' API keys (hashed,
// revocable) sending responses validated like the web form's, grouped into campaigns; channels counted apart.
import { campaignsOnceIndexed } from "./indexing.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ rateLimits: { partnerPerKey: { points: 6, duration: 60 } } });
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
        { key: "support", label: "Support?", type: "single_choice", required: true, options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] },
        { key: "topics", label: "Topics", type: "multiple_choice", options: [{ key: "privacy", label: "Privacy" }, { key: "safety", label: "Safety" }] },
        { key: "trust", label: "Trust", type: "scale", min: 1, max: 5 },
        { key: "why", label: "Why?", type: "long_text" },
      ],
    },
  ],
};
const LETTER = "I object to the scanning of private messages because it breaks end to end encryption for every person in Europe and cannot be limited to criminals";

async function upload(client: TestClient, consultationId: string, data: Buffer, name: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(data)]), name);
  return client.raw("POST", `/api/consultations/${consultationId}/responses/import`, { body: form, headers: { "x-csrf-token": await client.heldCsrfToken() } });
}

async function setUp() {
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
  const client = t.client();
  await logIn(client, organiser);
  const c = await createConsultation(t.prisma, { createdById: organiser.id });
  expect((await client.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
  return { c, client };
}

describe("import", () => {
  it("refuses a file with bad rows, naming row and field, writing nothing; then takes a good CSV and XLSX", async () => {
    const { c, client } = await setUp();
    const bad = [
      "channel,category,consent,name,organisation,country,support,topics,trust,why",
      "paper,individual,publish_named,Paula Paper,,FR,yes,privacy|safety,4,Fine",
      "fax,individual,publish_named,,,FR,yes,,,",
      "email,aliens,publish_named,,,France,maybe,privacy|cats,9,",
      "email,industry,publish_anonymous,,Acme,,no,,,",
      'email,individual,do_not_publish,,,,,,"x",',
    ].join("\n");
    const refused = await upload(client, c.id, Buffer.from(bad), "responses.csv");
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^4 of 5 rows are not valid: .*Nothing was imported\.$/);
    expect(refused.body.error.details).toEqual([
      { path: "rows.3.channel", message: "must be one of email, paper" },
      { path: "rows.4.category", message: expect.stringContaining("must be one of child_rights") },
      { path: "rows.4.country", message: "must be a two-letter country code" },
      { path: "rows.5.consent", message: "cannot be anonymous for an organisation: organisations are always named" },
      { path: "rows.6.trust", message: "must be a number" },
    ]);
    // Once the structural problems are gone, answers are checked like the web form's.
    const answersBad = "channel,category,consent,support,topics,trust\nemail,individual,publish_named,maybe,privacy|cats,9\nemail,individual,publish_named,,,";
    const refused2 = await upload(client, c.id, Buffer.from(answersBad), "r.csv");
    expect(refused2.body.error.details).toEqual([
      { path: "rows.2.support", message: '"maybe" is not an option' },
      { path: "rows.2.topics", message: '"cats" is not an option' },
      { path: "rows.2.trust", message: "must be between 1 and 5" },
      { path: "rows.3.support", message: "is required" },
    ]);
    const header = await upload(client, c.id, Buffer.from("channel,category,consent,suport\nemail,individual,publish_named,yes"), "r.csv");
    expect(header.body.error.details).toEqual([{ path: "header.3", message: expect.stringContaining('"suport" is neither a fixed column') }]);
    expect((await upload(client, c.id, Buffer.from("%PDF-1.7 not a table"), "r.csv")).status).toBe(400);
    expect(await t.prisma.response.count({ where: { consultationId: c.id } })).toBe(0);

    // A good CSV (semicolons, a quoted field with a newline and a comma) and a good XLSX.
    const good = ["channel;category;consent;name;organisation;register_number;country;support;topics;trust;why", `paper;individual;publish_named;Paula Paper;;;FR;yes;privacy|safety;4;"Line one,\nline two"`, `email;digital_rights;publish_named;;Open Channels;999-1;BE;no;privacy;2;${LETTER}`].join("\r\n");
    const ok = await upload(client, c.id, Buffer.from(good), "whatever.txt");
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toEqual({ imported: 2, byChannel: { paper: 1, email: 1 }, files: 0 });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Responses");
    sheet.addRow(["channel", "category", "consent", "name", "support", "why"]);
    sheet.addRow(["email", "individual", "publish_anonymous", "Xena Hidden", "no", `${LETTER}. Qxadded my own words here.`]);
    const xlsx = await upload(client, c.id, Buffer.from(await workbook.xlsx.writeBuffer()), "sheet.bin");
    expect(xlsx.status, JSON.stringify(xlsx.body)).toBe(201);
    expect(xlsx.body).toEqual({ imported: 1, byChannel: { email: 1 }, files: 0 });

    await campaignsOnceIndexed(t, c.id);
    const list = (await t.client().get(`/api/consultations/${c.id}/responses`)).body;
    expect(list.total).toBe(3);
    expect(list.counts.byChannel).toEqual({ paper: 1, email: 2 });
    const byName = list.items.map((i: { respondent: string | null; organisation: { name: string } | null; channel: string; answers: object }) => [i.respondent, i.organisation?.name ?? null, i.channel]);
    expect(byName).toEqual(expect.arrayContaining([["Paula Paper", null, "paper"], [null, "Open Channels", "email"], [null, null, "email"]]));
    expect(JSON.stringify(list)).not.toContain("Xena");
    expect(list.items.find((i: { respondent: string }) => i.respondent === "Paula Paper").answers).toEqual({ support: "yes", topics: ["privacy", "safety"], trust: 4, why: "Line one,\nline two" });
    // Campaign detection runs on imports too.
    await campaignsOnceIndexed(t, c.id);
    expect(await t.prisma.responseCampaign.count({ where: { consultationId: c.id } })).toBe(1);

    // Only organisers import.
    const other = t.client();
    await logIn(other, await createUser(t.prisma));
    expect((await upload(other, c.id, Buffer.from(good), "r.csv")).status).toBe(403);
    expect(await t.prisma.response.count({ where: { consultationId: c.id } })).toBe(3);
  }, 120_000);
});

describe("partner API", () => {
  it("a key per partner, hashed and revocable; bad keys and bad responses are refused and write nothing", async () => {
    const { c, client } = await setUp();
    const created = await client.post(`/api/consultations/${c.id}/partners`, { name: "Citizens' Forum" });
    expect(created.status).toBe(201);
    const key: string = created.body.apiKey;
    expect(key).toMatch(/^rtp_/);
    const stored = await t.prisma.responsePartner.findUniqueOrThrow({ where: { id: created.body.partner.id } });
    expect(JSON.stringify(stored)).not.toContain(key);

    const send = (body: object, auth?: string) =>
      t.client().raw("POST", "/api/partner/v1/responses", { body: JSON.stringify(body), headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) } });
    const good = { externalRef: "form-1", category: "individual", consent: "publish_named", name: "Pia Partner", country: "DE", answers: { support: "no", why: LETTER } };
    for (const auth of [undefined, "Bearer nope", `Bearer ${key}x`, `Basic ${key}`]) {
      const res = await send(good, auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.body.error.code).toBe("unauthenticated");
    }
    // A signed-in organiser's session is no key: the route never reads the session.
    const withSession = await client.raw("POST", "/api/partner/v1/responses", { body: JSON.stringify(good), headers: { "content-type": "application/json", "x-csrf-token": await client.heldCsrfToken() } });
    expect(withSession.status).toBe(401);
    const invalid = await send({ ...good, answers: { support: "maybe" } }, `Bearer ${key}`);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details).toEqual([{ path: "answers.support", message: '"maybe" is not an option' }]);
    expect((await send({ ...good, consent: "publish_anonymous", organisation: "Acme" }, `Bearer ${key}`)).body.error.details).toEqual([{ path: "consent", message: "cannot be anonymous for an organisation: organisations are always named" }]);
    expect(await t.prisma.response.count({ where: { consultationId: c.id } })).toBe(0);

    // Positive control: the good one is taken in, once per externalRef; a campaign copy joins its campaign.
    const first = await send(good, `Bearer ${key}`);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await send(good, `Bearer ${key}`)).status).toBe(200);
    expect((await send({ ...good, externalRef: "form-2", name: "Paul Partner" }, `Bearer ${key}`)).status).toBe(201);
    expect(await t.prisma.response.count({ where: { consultationId: c.id, channel: "partner" } })).toBe(2);
    await campaignsOnceIndexed(t, c.id);
    expect(await t.prisma.responseCampaign.findFirst({ where: { consultationId: c.id } })).toMatchObject({ memberCount: 2 });
    // Rate-limited per key (6 a minute here, refused requests included): the seventh is refused.
    expect((await send({ ...good, externalRef: "form-3" }, `Bearer ${key}`)).status).toBe(201);
    const limited = await send({ ...good, externalRef: "form-4" }, `Bearer ${key}`);
    expect(limited.status).toBe(429);
    expect(await t.prisma.response.count({ where: { consultationId: c.id, channel: "partner" } })).toBe(3);

    const partners = (await client.get(`/api/consultations/${c.id}/partners`)).body.items;
    expect(partners).toEqual([expect.objectContaining({ name: "Citizens' Forum", keyPrefix: key.slice(0, 10), revoked: false, responses: 3 })]);
    expect(JSON.stringify(partners)).not.toContain(key);
    expect((await client.delete(`/api/partners/${created.body.partner.id}`)).status).toBe(204);
    const second = (await client.post(`/api/consultations/${c.id}/partners`, { name: "Second" })).body.apiKey;
    expect((await send({ ...good, externalRef: "form-9" }, `Bearer ${key}`)).status).toBe(401);
    expect((await send({ ...good, externalRef: "form-9" }, `Bearer ${second}`)).status).toBe(201);

    const summary = await client.get(`/api/consultations/${c.id}/summary`);
    expect(summary.body.summary.responses.byChannel).toEqual({ partner: 4 });
  }, 120_000);
});
