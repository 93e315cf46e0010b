// Documents for upload tests, made here with the real tools (pdfkit, docx, a ZIP writer), plus the hostile
// variants: active content in a PDF (plain and inside a compressed object stream), a Word file with a
// macro project, an OpenDocument file with Basic macros, and files whose name lies about their content.
import { deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import { Document, Packer, Paragraph } from "docx";
import { readZip, zipToBuffer } from "../../server/exports/formats/zip.ts";
import type { TestClient, TestResponse } from "../support/client.ts";

const MTIME = new Date("2026-01-01T00:00:00Z");

export function makePdf(pages: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ compress: true, info: { Title: "Position paper" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  pages.forEach((text, i) => {
    if (i > 0) doc.addPage();
    doc.text(text);
  });
  doc.end();
  return done.then(() => Buffer.concat(chunks));
}

/** A minimal hand-written PDF whose catalog carries `extra` (an action, say); offsets are not checked by us. */
export function rawPdf(catalogExtra: string, extraObjects = ""): Buffer {
  return Buffer.from(
    `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n${extraObjects}trailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    "latin1",
  );
}

/** JavaScript hidden where a byte scan of the file cannot see it: inside a Flate-compressed object stream. */
export function pdfWithCompressedJavaScript(): Buffer {
  const hidden = deflateSync(Buffer.from("3 0 << /S /J#61vaScript /J#53 (app.alert('hi')) >>", "latin1"));
  const head = Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${hidden.length} >>\nstream\n`, "latin1");
  const tail = Buffer.from("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1");
  return Buffer.concat([head, hidden, tail]);
}

export async function makeDocx(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** The same DOCX with a macro project added (what Word keeps in a .docm). */
export async function withMacros(docx: Buffer): Promise<Buffer> {
  const entries = await readZip(docx);
  return zipToBuffer([...entries.map((e) => ({ name: e.name, data: e.data })), { name: "word/vbaProject.bin", data: Buffer.from("Attribute VB_Name = \"Module1\"") }], MTIME);
}

export function makeOdt(paragraphs: string[], opts: { macros?: boolean; mimetype?: string } = {}): Promise<Buffer> {
  const body = paragraphs.map((p) => `<text:p>${p.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</text:p>`).join("");
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text>${body}</office:text></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  return zipToBuffer(
    [
      { name: "mimetype", data: Buffer.from(opts.mimetype ?? "application/vnd.oasis.opendocument.text") },
      { name: "content.xml", data: Buffer.from(content) },
      { name: "META-INF/manifest.xml", data: Buffer.from(manifest) },
      ...(opts.macros ? [{ name: "Basic/Standard/Module1.xml", data: Buffer.from("<script:module>Sub Main\nShell(\"calc\")\nEnd Sub</script:module>") }] : []),
    ],
    MTIME,
  );
}

/** Uploads `data` as `fileName` (the browser's claimed type set to PDF, whatever it is: it must not matter). */
export async function upload(client: TestClient, responseId: string, questionKey: string, data: Buffer, fileName: string): Promise<TestResponse> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(data)], { type: "application/pdf" }), fileName);
  return client.raw("POST", `/api/responses/${responseId}/attachments?questionKey=${encodeURIComponent(questionKey)}`, { body: form, headers: { "x-csrf-token": await client.heldCsrfToken() } });
}
