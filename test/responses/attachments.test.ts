// Written submissions: files attached to a response through the questionnaire's file-upload question.
// The type is read from the bytes, not the name; active content is refused with its reason; size and count
// limits hold; the text is extracted and searchable once published; downloads follow the publication rules
// on every request (respondent, staff, public only when published, listed and not withheld).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { inspectAttachment } from "../../server/responses/files/inspect.ts";
import { cleanFileName } from "../../server/responses/files/multipart.ts";
import { makeDocx, makeOdt, makePdf, pdfWithCompressedJavaScript, rawPdf, upload, withMacros } from "./files.ts";

const MAX_BYTES = 300_000;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { RESPONSE_ATTACHMENT_MAX_BYTES: String(MAX_BYTES), RESPONSE_ATTACHMENTS_MAX: "3" } });
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = {
  title: "Written submissions",
  sections: [
    {
      key: "main",
      title: "Main",
      questions: [
        { key: "comment", label: "Comment", type: "long_text" },
        { key: "paper", label: "Position paper", type: "file_upload", maxFiles: 2, required: true },
        { key: "annex", label: "Annex", type: "file_upload", maxFiles: 2 },
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

async function setUp() {
  const organiser = await person("Olga Organiser");
  const c = await createConsultation(t.prisma, { createdById: organiser.user.id });
  expect((await organiser.client.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
  return { c, organiser };
}

async function draftOf(client: ReturnType<TestServer["client"]>, consultationId: string) {
  const res = await client.put(`/api/consultations/${consultationId}/responses/mine`, { answers: { comment: "Draft" } });
  expect(res.status).toBe(201);
  return res.body.response.id as string;
}

describe("inspection by content", () => {
  it("knows PDF, DOCX and ODT by their bytes and refuses the rest, and active content, with a reason", async () => {
    expect(await inspectAttachment(await makePdf(["A plain paper"]))).toMatchObject({ ok: true, kind: "pdf" });
    expect(await inspectAttachment(await makeDocx(["A plain paper"]))).toMatchObject({ ok: true, kind: "docx" });
    expect(await inspectAttachment(await makeOdt(["A plain paper"]))).toMatchObject({ ok: true, kind: "odt" });
    const refused = async (buf: Buffer) => {
      const r = await inspectAttachment(buf);
      expect(r.ok).toBe(false);
      return (r as { reason: string }).reason;
    };
    expect(await refused(rawPdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"))).toMatch(/JavaScript|OpenAction/);
    expect(await refused(rawPdf("/OpenAction 3 0 R"))).toMatch(/OpenAction/);
    expect(await refused(rawPdf("/Names << /X << /S /Launch /F (calc.exe) >> >>"))).toMatch(/launch a program/);
    expect(await refused(rawPdf("/AcroForm << /XF#41 5 0 R >>"))).toMatch(/XFA/);
    expect(await refused(pdfWithCompressedJavaScript())).toMatch(/JavaScript/);
    expect(await refused(await withMacros(await makeDocx(["Macro"])))).toMatch(/macros \(vbaProject\)/);
    expect(await refused(await makeOdt(["Macro"], { macros: true }))).toMatch(/macros or scripts/);
    expect(await refused(await makeOdt(["Sheet"], { mimetype: "application/vnd.oasis.opendocument.spreadsheet" }))).toMatch(/another kind/);
    expect(await refused(Buffer.from("MZ\x90\x00 this is a program"))).toMatch(/not a PDF, DOCX or ODT/);
    expect(await refused(Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n"))).toMatch(/truncated/);
    expect(await refused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatch(/old Word/);
    expect(await refused(Buffer.alloc(0))).toMatch(/empty/);
  });

  it("keeps a file name for display only", () => {
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\Users\\x\\Paper \"final\".pdf")).toBe("Paper final.pdf");
    expect(cleanFileName("\u0000..")).toBe("document");
  });
});

describe("uploads", () => {
  it("takes a PDF, a DOCX and an ODT, extracts their text, and refuses by content, size and count, writing nothing", async () => {
    const { c } = await setUp();
    const r = await person("Rita Respondent");
    const id = await draftOf(r.client, c.id);

    const pdf = await upload(r.client, id, "paper", await makePdf(["Qxpdfword on page one", "Page two"]), "paper.pdf");
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
    expect(pdf.body.attachment).toMatchObject({ questionKey: "paper", fileName: "paper.pdf", mediaType: "application/pdf", pageCount: 2, withheld: false });
    expect(pdf.body.attachment.extractedCharacters).toBeGreaterThan(10);
    // A Word document named .pdf is a Word document: the name and the browser's type do not decide.
    const docx = await upload(r.client, id, "paper", await makeDocx(["Qxdocxword in a paragraph"]), "looks-like.pdf");
    expect(docx.status).toBe(201);
    expect(docx.body.attachment.mediaType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const stored = await t.prisma.responseAttachment.findMany({ where: { responseId: id }, orderBy: { createdAt: "asc" } });
    expect(stored.map((s) => s.extractedText)).toEqual([expect.stringContaining("Qxpdfword on page one"), "Qxdocxword in a paragraph"]);

    // Refusals: each a 4xx in the one error shape, none writes a row.
    const before = await t.prisma.responseAttachment.count();
    const cases: [Buffer, string, number, RegExp][] = [
      [Buffer.from("just text, named as a PDF"), "fake.pdf", 400, /not a PDF, DOCX or ODT/],
      [rawPdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "active.pdf", 400, /JavaScript|OpenAction/],
      [await withMacros(await makeDocx(["Macro"])), "macro.docx", 400, /macros/],
      [rawPdf("", `% ${"x".repeat(MAX_BYTES * 2)}\n`), "big.pdf", 413, /larger than the limit/],
      [await makeOdt(["Third file for paper"]), "third.odt", 400, /at most 2 files/],
    ];
    for (const [data, name, status, message] of cases) {
      const res = await upload(r.client, id, "paper", data, name);
      expect(res.status, name).toBe(status);
      expect(res.body.error.message, name).toMatch(message);
      expect(res.body.error.details[0].path, name).toBe("file");
    }
    // The whole response's limit (3): the annex takes one more, then no more.
    expect((await upload(r.client, id, "annex", await makeOdt(["Qxodtword annex"]), "annex.odt")).status).toBe(201);
    const overall = await upload(r.client, id, "annex", await makePdf(["One too many"]), "more.pdf");
    expect(overall.status).toBe(400);
    expect(overall.body.error.message).toMatch(/at most 3 files/);
    expect(await t.prisma.responseAttachment.count()).toBe(before + 1);
    // Not a file question, no file, a stranger's response.
    expect((await upload(r.client, id, "comment", await makePdf(["x"]), "x.pdf")).status).toBe(400);
    const stranger = await person("Sam Stranger");
    expect((await upload(stranger.client, id, "annex", await makePdf(["x"]), "x.pdf")).status).toBe(404);
    const noFile = await r.client.raw("POST", `/api/responses/${id}/attachments?questionKey=annex`, { body: JSON.stringify({}), headers: { "content-type": "application/json", "x-csrf-token": await r.client.heldCsrfToken() } });
    expect(noFile.status).toBe(400);
  }, 120_000);
});

describe("downloads and publication", () => {
  it("the respondent, staff, and the public only for a published, listed, not withheld file; search finds published text only", async () => {
    const { c, organiser } = await setUp();
    const moderator = await person("Mo Moderator");
    await addMember(t.prisma, c.id, moderator.user.id, "moderator");
    const pub = await person("Paula Public");
    const priv = await person("Pierre Private");
    const pubId = await draftOf(pub.client, c.id);
    const privId = await draftOf(priv.client, c.id);
    const a = (await upload(pub.client, pubId, "paper", await makePdf(["Qxpublishedpaper argues for safeguards"]), "Paula's paper.pdf")).body.attachment;
    const extra = (await upload(pub.client, pubId, "annex", await makeDocx(["Qxwithheldannex has a phone number"]), "annex.docx")).body.attachment;
    const unlisted = (await upload(pub.client, pubId, "annex", await makeDocx(["Qxunlistedfile was never listed"]), "draft.docx")).body.attachment;
    const p = (await upload(priv.client, privId, "paper", await makePdf(["Qxprivatepaper must stay private"]), "private.pdf")).body.attachment;

    // Before submission: the respondent only.
    const path = (rid: string, aid: string) => `/api/responses/${rid}/attachments/${aid}`;
    expect((await pub.client.get(path(pubId, a.id))).status).toBe(200);
    expect((await t.client().get(path(pubId, a.id))).status).toBe(404);
    expect((await moderator.client.get(path(pubId, a.id))).status).toBe(404);

    // A file id of someone else's response cannot be listed in one's answer.
    const foreign = await priv.client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { paper: [a.id] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([{ path: "answers.paper", message: `"${a.id}" is not a file uploaded to this question of your response` }]);
    // The required file question must be answered to submit.
    expect((await pub.client.put(`/api/consultations/${c.id}/responses/mine`, { submit: true, consent: "publish_named", answers: { comment: "x" } })).status).toBe(400);

    const submitted = await pub.client.put(`/api/consultations/${c.id}/responses/mine`, { submit: true, consent: "publish_named", answers: { comment: "See the paper", paper: [a.id], annex: [extra.id] } });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect((await priv.client.put(`/api/consultations/${c.id}/responses/mine`, { submit: true, consent: "do_not_publish", answers: { paper: [p.id] } })).status).toBe(200);

    const anonymous = t.client();
    const download = await anonymous.get(path(pubId, a.id));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="Paula's paper.pdf"; filename*=UTF-8''Paula's%20paper.pdf`);
    expect(download.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(String(download.body).startsWith("%PDF-")).toBe(true);
    expect((await anonymous.get(path(pubId, unlisted.id))).status).toBe(404);
    expect((await anonymous.get(path(privId, p.id))).status).toBe(404);
    expect((await pub.client.get(path(privId, p.id))).status).toBe(404);
    // A file id under another response's path is not found either.
    expect((await anonymous.get(path(privId, a.id))).status).toBe(404);
    expect((await moderator.client.get(path(privId, p.id))).status).toBe(200);
    expect((await priv.client.get(path(privId, p.id))).status).toBe(200);

    const search = async (q: string) => (await t.client().get(`/api/search?q=${q}&consultationId=${c.id}`)).body;
    const found = await search("Qxpublishedpaper");
    expect(found.items).toEqual([expect.objectContaining({ type: "response", id: pubId, title: submitted.body.response.submissionNumber })]);
    expect(JSON.stringify(found)).not.toContain("Paula");
    expect((await search("Qxwithheldannex")).total).toBe(1);
    expect((await search("Qxprivatepaper")).total).toBe(0);
    expect((await search("Qxunlistedfile")).total).toBe(0);

    // A moderator withholds the annex: gone from the public list, download and search; the respondent is told why.
    expect((await pub.client.post(`${path(pubId, extra.id)}/withhold`, { reason: "Personal data." })).status).toBe(404);
    const withheld = await moderator.client.post(`${path(pubId, extra.id)}/withhold`, { reason: "Personal data." });
    expect(withheld.status).toBe(200);
    expect((await anonymous.get(path(pubId, extra.id))).status).toBe(404);
    expect((await search("Qxwithheldannex")).total).toBe(0);
    expect((await search("Qxpublishedpaper")).total).toBe(1);
    const list = await anonymous.get(`/api/consultations/${c.id}/responses`);
    const item = list.body.items.find((i: { id: string }) => i.id === pubId);
    expect(item.answers).toMatchObject({ paper: [a.id], annex: [] });
    expect(item.attachments.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(item.redacted).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(extra.id);
    expect(JSON.stringify(list.body)).not.toContain("Personal data");
    const own = await pub.client.get(`/api/responses/${pubId}`);
    expect(own.body.response.attachments.find((x: { id: string }) => x.id === extra.id)).toMatchObject({ withheld: true, withheldReason: "Personal data." });
    expect((await pub.client.get(path(pubId, extra.id))).status).toBe(200);

    // A file in a submitted version stays; one never submitted may go.
    expect((await pub.client.delete(path(pubId, a.id))).status).toBe(409);
    expect((await pub.client.delete(path(pubId, unlisted.id))).status).toBe(204);
    expect(await t.prisma.responseAttachment.count({ where: { responseId: pubId } })).toBe(2);
    void organiser;
  }, 120_000);
});
