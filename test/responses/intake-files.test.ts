// Imported responses with files: a ZIP holding the sheet (responses.csv or responses.xlsx) and the files
// its file-upload columns name by path. Each file is checked as an upload is (type by content, active
// content refused, size and count limits); any bad row and the answer names every problem by row and
// column, and nothing is written (no response, no file). A good bundle stores the files with their
// responses: listed, downloadable when published, their text searchable.
import { campaignsOnceIndexed } from "./indexing.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { zipToBuffer } from "../../server/exports/formats/zip.ts";
import { makeDocx, makeOdt, makePdf, rawPdf, withMacros } from "./files.ts";

const MAX_BYTES = 200_000;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { RESPONSE_ATTACHMENT_MAX_BYTES: String(MAX_BYTES), RESPONSE_ATTACHMENTS_MAX: "2" } });
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = {
  title: "Papers by post",
  sections: [
    {
      key: "main",
      title: "Main",
      questions: [
        { key: "support", label: "Support?", type: "single_choice", required: true, options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] },
        { key: "paper", label: "Position paper", type: "file_upload", maxFiles: 2 },
        { key: "annex", label: "Annex", type: "file_upload", maxFiles: 1 },
      ],
    },
  ],
};
const MTIME = new Date("2026-01-01T00:00:00Z");
const zip = (entries: Record<string, Buffer | string>) => zipToBuffer(Object.entries(entries).map(([name, data]) => ({ name, data: Buffer.isBuffer(data) ? data : Buffer.from(data) })), MTIME);

async function importFile(client: TestClient, consultationId: string, data: Buffer, name: string) {
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

const written = async (consultationId: string) => ({
  responses: await t.prisma.response.count({ where: { consultationId } }),
  files: await t.prisma.responseAttachment.count({ where: { response: { consultationId } } }),
});

describe("imports with files", () => {
  it("refuses a bundle with any bad file, naming row and column, writing nothing", async () => {
    const { c, client } = await setUp();
    const good = await makePdf(["Qxgoodpaper on encryption."]);
    const sheet = [
      "channel,category,consent,support,paper,annex",
      "paper,individual,publish_named,yes,good.pdf,", // fine
      "paper,individual,publish_named,yes,missing.pdf,", // not in the ZIP
      "paper,individual,publish_named,yes,program.pdf,", // not a PDF, whatever its name
      "paper,individual,publish_named,yes,macro.docx,", // active content
      "paper,individual,publish_named,yes,script.pdf,", // JavaScript in a PDF
      "paper,individual,publish_named,yes,big.pdf,", // over the size limit
      "paper,individual,publish_named,yes,good.pdf|good2.pdf|good3.pdf,", // over the question's limit
      "paper,individual,publish_named,yes,good.pdf|good2.pdf,paper.odt", // over the response's limit
    ].join("\n");
    const bundle = await zip({
      "responses.csv": sheet,
      "good.pdf": good,
      "good2.pdf": good,
      "good3.pdf": good,
      "paper.odt": await makeOdt(["An ODT"]),
      "program.pdf": Buffer.from("MZ\x90\x00 this is a program"),
      "macro.docx": await withMacros(await makeDocx(["Macro"])),
      "script.pdf": rawPdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
      "big.pdf": Buffer.concat([good, Buffer.alloc(MAX_BYTES)]),
    });
    const refused = await importFile(client, c.id, bundle, "bundle.zip");
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.error.message).toMatch(/^7 of 8 rows are not valid: .*Nothing was imported\.$/);
    expect(refused.body.error.details).toEqual([
      { path: "rows.3.paper", message: '"missing.pdf" is not in the ZIP' },
      { path: "rows.4.paper", message: expect.stringMatching(/^"program\.pdf" is refused: .*not a PDF, DOCX or ODT/) },
      { path: "rows.5.paper", message: expect.stringMatching(/^"macro\.docx" is refused: it contains macros/) },
      { path: "rows.6.paper", message: expect.stringMatching(/^"script\.pdf" is refused: it runs an action when opened \(OpenAction\)/) },
      { path: "rows.7.paper", message: `"big.pdf" is larger than ${MAX_BYTES} bytes, the limit for one file` },
      { path: "rows.8.paper", message: "allows at most 2 files" },
      { path: "rows.9", message: "names 3 files: a response may carry at most 2" },
    ]);
    expect(await written(c.id)).toEqual({ responses: 0, files: 0 });

    // A sheet alone cannot name files; a ZIP needs exactly one sheet at its root.
    const alone = await importFile(client, c.id, Buffer.from("channel,category,consent,support,paper\npaper,individual,publish_named,yes,good.pdf"), "r.csv");
    expect(alone.body.error.details).toEqual([{ path: "rows.2.paper", message: expect.stringContaining("import a ZIP holding the sheet") }]);
    for (const entries of [{ "good.pdf": good }, { "responses.csv": sheet, "responses.xlsx": "x" }, { "sub/responses.csv": sheet }] as Record<string, Buffer | string>[]) {
      const res = await importFile(client, c.id, await zip(entries), "b.zip");
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: "file", message: "must hold one sheet named responses.csv or responses.xlsx" }]);
    }
    expect((await importFile(client, c.id, Buffer.from("PK\x03\x04 not really a zip"), "b.zip")).status).toBe(400);
    expect(await written(c.id)).toEqual({ responses: 0, files: 0 });
  }, 60_000);

  it("takes a good bundle (CSV or XLSX sheet): files stored, published, downloadable and searchable", async () => {
    const { c, client } = await setUp();
    const paper = await makePdf(["Qximportedpaper argues for end to end encryption."]);
    const annex = await makeDocx(["Qximportedannex with figures."]);
    const sheet = ["channel,category,consent,name,support,paper,annex", "paper,individual,publish_named,Paula Post,yes,papers/paula.pdf,papers/annex.docx", "email,individual,do_not_publish,,no,papers/paula.pdf,"].join("\n");
    const ok = await importFile(client, c.id, await zip({ "responses.csv": sheet, "papers/paula.pdf": paper, "papers/annex.docx": annex, "papers/unused.pdf": paper }), "bundle.zip");
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toEqual({ imported: 2, byChannel: { paper: 1, email: 1 }, files: 3 });
    expect(await written(c.id)).toEqual({ responses: 2, files: 3 });

    const anonymous = t.client();
    await campaignsOnceIndexed(t, c.id);
    const list = (await anonymous.get(`/api/consultations/${c.id}/responses`)).body;
    expect(list.total).toBe(1);
    const item = list.items[0];
    expect(item.respondent).toBe("Paula Post");
    expect(item.attachments.map((a: { fileName: string; questionKey: string }) => [a.questionKey, a.fileName])).toEqual([["paper", "paula.pdf"], ["annex", "annex.docx"]]);
    expect(item.answers.paper).toEqual([item.attachments[0].id]);
    const download = await fetch(`${t.url}${item.attachments[0].url}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(paper)).toBe(true);
    expect((await anonymous.get("/api/search?q=Qximportedannex")).body.total).toBe(1);
    // The unpublished one's copy of the file is not public (and so not found by the word twice).
    expect((await anonymous.get("/api/search?q=Qximportedpaper")).body.total).toBe(1);

    // An XLSX sheet in the bundle works the same.
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet("Responses");
    ws.addRow(["channel", "category", "consent", "support", "paper"]);
    ws.addRow(["email", "industry", "publish_anonymous", "yes", "paper.pdf"]);
    const xlsx = await importFile(client, c.id, await zip({ "responses.xlsx": Buffer.from(await workbook.xlsx.writeBuffer()), "paper.pdf": paper }), "bundle.zip");
    expect(xlsx.status, JSON.stringify(xlsx.body)).toBe(201);
    expect(xlsx.body).toEqual({ imported: 1, byChannel: { email: 1 }, files: 1 });
    expect(await written(c.id)).toEqual({ responses: 3, files: 4 });
  }, 60_000);
});
