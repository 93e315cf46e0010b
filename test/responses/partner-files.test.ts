// Partners' responses with files: one multipart/form-data POST /api/partner/v1/responses holding the response
// as JSON (part "response") and each file in a part named by its file-upload question's key. The key and the
// rate limit come before the body is read; each file is checked as a web upload is (type by content, active
// content refused, size and count limits, the question must take files, required ones present); a bad file
// refuses the whole response and nothing is written. A good one is stored with its files in one transaction:
// staff download them, search finds their text; a retry with the same externalRef stores nothing again.
import { campaignsOnceIndexed } from "./indexing.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import { makeDocx, makePdf, pdfWithCompressedJavaScript, rawPdf, withMacros } from "./files.ts";

const MAX_BYTES = 200_000;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { RESPONSE_ATTACHMENT_MAX_BYTES: String(MAX_BYTES), RESPONSE_ATTACHMENTS_MAX: "3" } });
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = {
  title: "Partner papers",
  sections: [
    {
      key: "main",
      title: "Main",
      questions: [
        { key: "support", label: "Support?", type: "single_choice", required: true, options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] },
        { key: "paper", label: "Position paper", type: "file_upload", maxFiles: 2, required: true },
        { key: "annex", label: "Annex", type: "file_upload", maxFiles: 1 },
      ],
    },
  ],
};

type Part = { field: string; data: Buffer; name: string };

async function setUp() {
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
  const staff = t.client();
  await logIn(staff, organiser);
  const c = await createConsultation(t.prisma, { createdById: organiser.id });
  expect((await staff.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
  const created = await staff.post(`/api/consultations/${c.id}/partners`, { name: "Citizens' Forum" });
  expect(created.status).toBe(201);
  const key: string = created.body.apiKey;
  /** One multipart request: the response as JSON, then the files (the claimed type is PDF whatever they are: it must not matter). */
  const send = (response: object | string | null, files: Part[], auth: string | null = `Bearer ${key}`) => {
    const form = new FormData();
    if (response !== null) form.append("response", typeof response === "string" ? response : JSON.stringify(response));
    for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.data)], { type: "application/pdf" }), f.name);
    return t.client().raw("POST", "/api/partner/v1/responses", { body: form, headers: auth ? { authorization: auth } : {} });
  };
  const written = async () => ({
    responses: await t.prisma.response.count({ where: { consultationId: c.id } }),
    files: await t.prisma.responseAttachment.count({ where: { response: { consultationId: c.id } } }),
  });
  return { c, staff, key, send, written };
}

const GOOD = { externalRef: "form-1", category: "individual", consent: "publish_named", name: "Pia Partner", answers: { support: "yes" } };

describe("partner API with files", () => {
  it("takes a response with a PDF and a DOCX in one request: staff download them, search finds their text, a retry stores nothing again", async () => {
    const { c, staff, key, send, written } = await setUp();
    const paper = await makePdf(["Qxpartnerpaper argues for end to end encryption."]);
    const annex = await makeDocx(["Qxpartnerannex with the figures."]);
    const ok = await send(GOOD, [
      { field: "paper", data: paper, name: "C:\\forms\\position.pdf" },
      { field: "annex", data: annex, name: "annex.docx" },
    ]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const { response } = ok.body;
    expect(response.attachments).toEqual([
      { id: expect.any(String), questionKey: "paper", fileName: "position.pdf", mediaType: "application/pdf", size: paper.length },
      { id: expect.any(String), questionKey: "annex", fileName: "annex.docx", mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", size: annex.length },
    ]);
    expect(await written()).toEqual({ responses: 1, files: 2 });
    const stored = await t.prisma.response.findUniqueOrThrow({ where: { id: response.id } });
    expect(stored).toMatchObject({ channel: "partner", status: "submitted", answers: { support: "yes", paper: [response.attachments[0].id], annex: [response.attachments[1].id] } });

    // Staff download both, byte for byte.
    for (const [i, bytes] of [paper, annex].entries()) {
      const res = await fetch(`${t.url}/api/responses/${response.id}/attachments/${response.attachments[i].id}`, { headers: { cookie: staff.cookieHeader() } });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
    const review = await staff.get(`/api/consultations/${c.id}/responses/review`);
    expect(review.body.items[0].attachments.map((a: { fileName: string }) => a.fileName)).toEqual(["position.pdf", "annex.docx"]);
    // Published (publish_named): the files' text is searchable, by anyone who reads the consultation.
    await campaignsOnceIndexed(t, c.id);
    const reader = t.client();
    expect((await reader.get("/api/search?q=Qxpartnerpaper")).body.total).toBe(1);
    expect((await reader.get("/api/search?q=Qxpartnerannex")).body.total).toBe(1);

    // A retry with the same externalRef answers the same response and files, storing nothing again.
    const retry = await send(GOOD, [
      { field: "paper", data: paper, name: "position.pdf" },
      { field: "annex", data: annex, name: "annex.docx" },
    ]);
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.response).toEqual(response);
    expect(await written()).toEqual({ responses: 1, files: 2 });
    // A second externalRef is a second response, with its own copy of the file; the JSON part may come as a
    // file of type application/json (as some HTTP clients send it), after the files.
    const form = new FormData();
    form.append("paper", new Blob([new Uint8Array(paper)]), "position.pdf");
    form.append("response", new Blob([JSON.stringify({ ...GOOD, externalRef: "form-2" })], { type: "application/json" }), "response.json");
    const second = await t.client().raw("POST", "/api/partner/v1/responses", { body: form, headers: { authorization: `Bearer ${key}` } });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(await written()).toEqual({ responses: 2, files: 3 });
    // The same externalRef twice at once (a partner's retry racing its first try): one response, one set of files.
    const racing = await Promise.all([1, 2].map(() => send({ ...GOOD, externalRef: "form-3" }, [{ field: "paper", data: paper, name: "position.pdf" }])));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(racing[0]!.body.response).toEqual(racing[1]!.body.response);
    expect(await written()).toEqual({ responses: 3, files: 4 });
  }, 60_000);

  it("refuses a renamed executable, active content, an oversize file, a wrong question key and broken rules with a clear 4xx, writing nothing", async () => {
    const { key, send, written } = await setUp();
    const good = await makePdf(["Qxfine paper."]);
    const paper = (data: Buffer, name = "paper.pdf"): Part => ({ field: "paper", data, name });
    const cases: { files: Part[]; response?: object | string | null; status: number; details: unknown[] }[] = [
      // Type by content, not name; with a good file beside it, nothing of the response is kept.
      { files: [paper(good), { field: "annex", data: Buffer.from("MZ\x90\x00 this is a program"), name: "annex.pdf" }], status: 400, details: [{ path: "files.annex", message: expect.stringMatching(/^"annex\.pdf" is refused: it is not a PDF, DOCX or ODT document/) }] },
      { files: [paper(rawPdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"))], status: 400, details: [{ path: "files.paper", message: expect.stringMatching(/^"paper\.pdf" is refused: it runs an action when opened \(OpenAction\)/) }] },
      { files: [paper(pdfWithCompressedJavaScript())], status: 400, details: [{ path: "files.paper", message: expect.stringMatching(/is refused: it contains JavaScript/) }] },
      { files: [paper(await withMacros(await makeDocx(["Macro"])), "paper.docx")], status: 400, details: [{ path: "files.paper", message: expect.stringMatching(/is refused: it contains macros/) }] },
      { files: [paper(Buffer.concat([good, Buffer.alloc(MAX_BYTES)]))], status: 413, details: [{ path: "files.paper", message: `must be at most ${MAX_BYTES} bytes` }] },
      // The part must name a file-upload question of this questionnaire.
      { files: [paper(good), { field: "support", data: good, name: "x.pdf" }], status: 400, details: [{ path: "files.support", message: "is not a file-upload question of this questionnaire" }] },
      { files: [paper(good), { field: "nope", data: good, name: "x.pdf" }], status: 400, details: [{ path: "files.nope", message: "is not a file-upload question of this questionnaire" }] },
      // The questionnaire's rules: a required file question, a question's limit, the response's limit.
      { files: [{ field: "annex", data: good, name: "a.pdf" }], status: 400, details: [{ path: "files.paper", message: 'is required: send its file in a multipart/form-data part named "paper"' }] },
      { files: [paper(good), paper(good), paper(good)], status: 400, details: [{ path: "files.paper", message: "allows at most 2 files" }] },
      { files: [paper(good), paper(good), { field: "annex", data: good, name: "a.pdf" }, { field: "annex", data: good, name: "b.pdf" }], status: 400, details: [{ path: "files", message: "must be at most 3 files" }] },
      // Ids in the JSON answers would be guesses: files go in parts.
      { files: [paper(good)], response: { ...GOOD, answers: { support: "yes", annex: ["abc"] } }, status: 400, details: [{ path: "answers.annex", message: 'is a file-upload question: send its files as multipart/form-data parts named "annex"' }] },
      // The response part: required, JSON, the same schema as the JSON body.
      { files: [paper(good)], response: null, status: 400, details: [{ path: "response", message: "is required" }] },
      { files: [paper(good)], response: "{not json", status: 400, details: [{ path: "response", message: "must be JSON" }] },
      { files: [paper(good)], response: { ...GOOD, consent: "maybe" }, status: 400, details: [{ path: "consent", message: expect.any(String) }] },
    ];
    for (const [i, k] of cases.entries()) {
      const res = await send(k.response === undefined ? GOOD : k.response, k.files);
      expect(res.status, `case ${i}: ${JSON.stringify(res.body)}`).toBe(k.status);
      expect(res.body.error.details, `case ${i}`).toEqual(k.details);
      expect(res.body.error.message, `case ${i}`).toBeTruthy();
    }
    // The JSON form cannot answer the required file question: it is told how to send files.
    const json = await t.client().raw("POST", "/api/partner/v1/responses", { body: JSON.stringify(GOOD), headers: { "content-type": "application/json", authorization: `Bearer ${key}` } });
    expect(json.status).toBe(400);
    expect(json.body.error.details).toEqual([{ path: "files.paper", message: 'is required: send its file in a multipart/form-data part named "paper"' }]);
    expect(await written()).toEqual({ responses: 0, files: 0 });

    // Positive control: the same response with a good file is taken in.
    const ok = await send(GOOD, [paper(good)]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(await written()).toEqual({ responses: 1, files: 1 });
  }, 90_000);

  it("refuses a missing, unknown or revoked key before reading the files; the good key is taken", async () => {
    const { staff, key, send, written } = await setUp();
    const good = await makePdf(["Qxkeyed paper."]);
    // Over every limit: refused 401 all the same, the body is never read for an unknown caller.
    const huge = Buffer.concat([good, Buffer.alloc(MAX_BYTES * 2)]);
    for (const auth of [null, "Bearer nope", `Bearer ${key}x`, `Basic ${key}`]) {
      const res = await send(GOOD, [{ field: "paper", data: huge, name: "p.pdf" }], auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.body.error.code).toBe("unauthenticated");
    }
    expect(await written()).toEqual({ responses: 0, files: 0 });
    const ok = await send(GOOD, [{ field: "paper", data: good, name: "p.pdf" }]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(await written()).toEqual({ responses: 1, files: 1 });
    // Revoked: refused like an unknown key.
    const partner = await t.prisma.responsePartner.findFirstOrThrow({ where: { keyPrefix: key.slice(0, 10) } });
    expect((await staff.delete(`/api/partners/${partner.id}`)).status).toBe(204);
    expect((await send({ ...GOOD, externalRef: "form-2" }, [{ field: "paper", data: good, name: "p.pdf" }])).status).toBe(401);
    expect(await written()).toEqual({ responses: 1, files: 1 });
  }, 60_000);
});

describe("partner API with files, rate-limited", () => {
  it("counts a multipart request against the key's limit before reading it", async () => {
    const limited = await startTestServer({ env: { RESPONSE_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) }, rateLimits: { partnerPerKey: { points: 2, duration: 60 } } });
    try {
      const organiser = await createUser(limited.prisma);
      const staff = limited.client();
      await logIn(staff, organiser);
      const c = await createConsultation(limited.prisma, { createdById: organiser.id });
      expect((await staff.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
      const key: string = (await staff.post(`/api/consultations/${c.id}/partners`, { name: "Busy Forum" })).body.apiKey;
      const good = await makePdf(["Qxlimited paper."]);
      const send = (ref: string, data: Buffer) => {
        const form = new FormData();
        form.append("response", JSON.stringify({ ...GOOD, externalRef: ref }));
        form.append("paper", new Blob([new Uint8Array(data)]), "p.pdf");
        return limited.client().raw("POST", "/api/partner/v1/responses", { body: form, headers: { authorization: `Bearer ${key}` } });
      };
      expect((await send("a", good)).status).toBe(201);
      expect((await send("b", good)).status).toBe(201);
      // The third is refused before its body is read, however large it is.
      const refused = await send("c", Buffer.concat([good, Buffer.alloc(MAX_BYTES * 2)]));
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("rate_limited");
      expect(await limited.prisma.responseAttachment.count({ where: { response: { consultationId: c.id } } })).toBe(2);
    } finally {
      await limited.stop();
    }
  }, 60_000);
});
