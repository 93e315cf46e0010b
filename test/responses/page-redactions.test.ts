// Page redaction of a PDF attachment: a moderator redacts one page with a reason code and a statement.
// The public download is a PDF whose page is blank but for "Page N withheld by moderation: <code>", with
// none of the page's objects left in the file; search loses the page's text; the respondent keeps the
// original and reads the reason. The shared leak helper finds the page's word in no channel (REST,
// search, exports, the published summary report, the download), where it found it before (control).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { leaks, probeChannels, probeExports, type ChannelResult } from "../support/visibility.ts";
import { makeDocx, makePdf, upload } from "./files.ts";
import { buildRedactedPdf } from "../../server/responses/files/redact-pdf.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = {
  title: "Papers",
  sections: [{ key: "main", title: "Main", questions: [{ key: "paper", label: "Paper", type: "file_upload", maxFiles: 2 }] }],
};
const SECRET = "Qxsignaturepage";

async function person(displayName: string) {
  const user = await createUser(t.prisma, { displayName });
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}

async function download(client: TestClient, path: string) {
  const cookie = client.cookieHeader();
  const res = await fetch(client.baseUrl + path, { headers: cookie ? { cookie } : {} });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function pageTexts(pdf: Buffer): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf), { isEvalSupported: false } as Parameters<typeof getDocumentProxy>[1]);
  return (await extractText(doc, { mergePages: false })).text;
}

/** Every stream of the file, decoded: what any tool could read out of it, drawn or not. */
async function decodedStreams(pdf: Buffer): Promise<string[]> {
  const doc = await PDFDocument.load(new Uint8Array(pdf));
  const out: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream) {
      try {
        out.push(Buffer.from(decodePDFRawStream(obj).decode()).toString("latin1"));
      } catch {
        out.push(Buffer.from(obj.getContents()).toString("latin1"));
      }
    }
  }
  return out;
}

async function pageContent(pdf: Buffer, index: number): Promise<string> {
  const doc = await PDFDocument.load(new Uint8Array(pdf));
  // pdfkit writes one content stream per page.
  const stream = doc.context.lookup(doc.getPage(index).node.get(PDFName.of("Contents"))) as PDFRawStream;
  return Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
}

describe("redacting a page of a PDF attachment", () => {
  it("publishes the PDF without the page, searchable without its text, leaking it nowhere", async () => {
    const organiser = await person("Olga Organiser");
    const moderator = await person("Mona Moderator");
    const respondent = await person("Rita Respondent");
    const other = await person("Otto Other");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id });
    await addMember(t.prisma, c.id, moderator.user.id, "moderator");
    expect((await organiser.client.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    const draft = (await respondent.client.put(`/api/consultations/${c.id}/responses/mine`, { answers: {} })).body.response.id as string;
    const original = await makePdf(["Qxkeptfirst page of the paper.", `${SECRET} bears the signature of the author.`, "Qxkeptthird page, the conclusion."]);
    const pdf = (await upload(respondent.client, draft, "paper", original, "paper.pdf")).body.attachment;
    const docx = (await upload(respondent.client, draft, "paper", await makeDocx(["A Word annex"]), "annex.docx")).body.attachment;
    expect(pdf.pageCount).toBe(3);
    const path = `/api/responses/${draft}/attachments/${pdf.id}`;
    const body = { page: 2, reasonCode: "personal_data", reason: "Your signature is personal data." };
    // Only submitted responses are redacted.
    expect((await moderator.client.post(`${path}/page-redactions`, body)).status).toBe(409);
    expect((await respondent.client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { paper: [pdf.id, docx.id] }, consent: "publish_named", submit: true })).status).toBe(200);

    // Control: before the redaction the page's word is found (search, download) by a reader.
    const probe = { consultationId: c.id, token: SECRET };
    const channels = async (client: TestClient): Promise<ChannelResult[]> => {
      const results = [...(await probeChannels(client, probe)), ...(await probeExports(client, c.id))];
      const file = await download(client, path);
      results.push({ channel: `${path} (text of every page)`, status: file.status, body: file.status === 200 ? (await pageTexts(file.bytes)).join("\n") : "" });
      return results;
    };
    expect(leaks(await channels(t.client()), probe)).toEqual(expect.arrayContaining([expect.stringMatching(/^\/api\/search.*contains the token/), `${path} (text of every page) contains the token`]));

    // Refusals: not staff (404), a page past the end, a file that is not a PDF, a bad code; each a clear 4xx.
    expect((await other.client.post(`${path}/page-redactions`, body)).status).toBe(404);
    expect((await respondent.client.post(`${path}/page-redactions`, body)).status).toBe(404);
    const past = await moderator.client.post(`${path}/page-redactions`, { ...body, page: 4 });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([{ path: "page", message: "must be at most 3, the file's page count" }]);
    const word = await moderator.client.post(`/api/responses/${draft}/attachments/${docx.id}/page-redactions`, body);
    expect(word.status).toBe(400);
    expect(word.body.error.details[0].path).toBe("attachmentId");
    expect((await moderator.client.post(`${path}/page-redactions`, { ...body, reasonCode: "because" })).status).toBe(400);

    const redacted = await moderator.client.post(`${path}/page-redactions`, body);
    expect(redacted.status, JSON.stringify(redacted.body)).toBe(201);
    expect(redacted.body.attachment.redactedPages).toEqual([{ page: 2, reasonCode: "personal_data", reason: "Your signature is personal data." }]);
    expect((await moderator.client.post(`${path}/page-redactions`, body)).status).toBe(409);

    // The public copy: three pages, the second a notice; no stream of the original page left in the file.
    const published = await download(t.client(), path);
    expect(published.status).toBe(200);
    const texts = await pageTexts(published.bytes);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain("Qxkeptfirst");
    expect(texts[1]).toBe("Page 2 withheld by moderation: personal_data");
    expect(texts[2]).toContain("Qxkeptthird");
    const secretStream = await pageContent(original, 1);
    expect(await decodedStreams(original)).toContain(secretStream); // control: the comparison can see it
    expect(await decodedStreams(published.bytes)).not.toContain(secretStream);
    expect(await decodedStreams(published.bytes)).toContain(await pageContent(original, 0));

    // The respondent keeps the original and reads why; staff review the original too.
    expect((await pageTexts((await download(respondent.client, path)).bytes)).join(" ")).toContain(SECRET);
    expect((await pageTexts((await download(moderator.client, path)).bytes)).join(" ")).toContain(SECRET);
    const own = await respondent.client.get(`/api/responses/${draft}`);
    expect(own.body.response.attachments.find((a: { id: string }) => a.id === pdf.id).redactedPages).toEqual(redacted.body.attachment.redactedPages);

    // The public list says the response is redacted and which page, never the statement.
    const list = await t.client().get(`/api/consultations/${c.id}/responses`);
    const item = list.body.items.find((i: { id: string }) => i.id === draft);
    expect(item.redacted).toBe(true);
    expect(item.attachments.find((a: { id: string }) => a.id === pdf.id).redactedPages).toEqual([{ page: 2, reasonCode: "personal_data" }]);
    expect(JSON.stringify(list.body)).not.toContain("Your signature");

    // Search still finds the kept pages, not the redacted one.
    expect((await t.client().get(`/api/search?q=Qxkeptthird`)).body.total).toBe(1);
    expect((await t.client().get(`/api/search?q=${SECRET}`)).body.total).toBe(0);

    // A published summary report and every channel, for an anonymous reader and another participant.
    expect((await organiser.client.post(`/api/consultations/${c.id}/summary/versions`)).status).toBeLessThan(300);
    for (const [who, client] of [["anonymous", t.client()], ["participant", other.client]] as const) {
      expect(leaks(await channels(client), probe), who).toEqual([]);
    }
    // The audit log names the page and the reason, never the page's text.
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { consultationId: c.id, action: "redact_attachment_page" } });
    expect(audit.statement).toBe("Page 2 (personal_data): Your signature is personal data.");
  }, 120_000);
});

describe("the published copy", () => {
  it("carries nothing a kept page shares with a redacted one: a shared Resources entry, a link to it", async () => {
    // Two pages with one Resources dictionary between them; a form only page 2 draws; a link on page 1 to page 2.
    const doc = await PDFDocument.create();
    const ctx = doc.context;
    const form = ctx.register(ctx.stream("BT /F1 12 Tf (QXFORMSECRET) Tj ET", { Type: "XObject", Subtype: "Form", BBox: [0, 0, 100, 100] }));
    const kept = ctx.register(ctx.stream("BT /F1 12 Tf (QXKEPTPAGE) Tj ET", { Type: "XObject", Subtype: "Form", BBox: [0, 0, 100, 100] }));
    const shared = ctx.register(ctx.obj({ XObject: { Fx: form, Fk: kept } }));
    const one = doc.addPage([300, 300]);
    const two = doc.addPage([300, 300]);
    one.node.set(PDFName.of("Resources"), shared);
    two.node.set(PDFName.of("Resources"), shared);
    one.node.set(PDFName.of("Contents"), ctx.register(ctx.stream("q /Fk Do Q")));
    two.node.set(PDFName.of("Contents"), ctx.register(ctx.stream("q /Fx Do Q")));
    one.node.set(PDFName.of("Annots"), ctx.obj([ctx.obj({ Type: "Annot", Subtype: "Link", Rect: [0, 0, 10, 10], Dest: [two.ref, "XYZ", null, null, null] })]));
    const original = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(original.toString("latin1")).toContain("QXFORMSECRET"); // control

    const out = await buildRedactedPdf(original, new Map([[2, "personal_data"]]));
    const streams = await decodedStreams(out);
    expect(streams.join("\n")).not.toContain("QXFORMSECRET");
    expect(out.toString("latin1")).not.toContain("QXFORMSECRET");
    expect(streams.join("\n")).toContain("QXKEPTPAGE");
    const reread = await PDFDocument.load(new Uint8Array(out));
    expect(reread.getPageCount()).toBe(2);
    expect((await pageTexts(out))[1]).toBe("Page 2 withheld by moderation: personal_data");
  });
});
