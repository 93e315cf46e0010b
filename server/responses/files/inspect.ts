// What an uploaded file really is, read from its bytes (never from its name or the browser's Content-Type),
// and whether it carries active content. Only three kinds are taken: PDF, DOCX and ODT. A file is refused,
// with a reason the uploader can act on, when it is none of them, when it is damaged, or when it could run
// something in a reader's software: PDF JavaScript, actions run on opening or launching programs; Word
// macros (vbaProject) or a macro-enabled package; OpenDocument Basic or scripts.
import { inflateSync } from "node:zlib";
import yauzl from "yauzl";

export const ATTACHMENT_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_TYPES;

export type Inspection = { ok: true; kind: AttachmentKind; mediaType: string } | { ok: false; reason: string };

const refuse = (reason: string): Inspection => ({ ok: false, reason });

/** PDF names that make a reader act on its own: scripts, actions on open or on events, launching programs. */
const PDF_ACTIVE_NAMES = new Map([
  ["JavaScript", "it contains JavaScript"],
  ["JS", "it contains JavaScript"],
  ["OpenAction", "it runs an action when opened (OpenAction)"],
  ["AA", "it runs actions on events (additional actions)"],
  ["Launch", "it can launch a program (Launch action)"],
  ["SubmitForm", "it can send form data elsewhere (SubmitForm)"],
  ["ImportData", "it can import data from elsewhere (ImportData)"],
  ["RichMedia", "it embeds rich media (RichMedia)"],
  ["XFA", "it contains an XFA form, which can run scripts"],
]);

/** Decodes the #xx escapes a PDF name may use ("/J#61vaScript" is "/JavaScript"). */
const decodeName = (raw: string) => raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function activePdfName(text: string): string | null {
  for (const m of text.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    const reason = PDF_ACTIVE_NAMES.get(decodeName(m[1]!));
    if (reason) return reason;
  }
  return null;
}

/** Most PDFs keep their objects in compressed streams (object streams): names are looked for inside them too. */
const MAX_INFLATED = 64 * 1024 * 1024;
function pdfActiveContent(buf: Buffer): string | null {
  const latin = buf.toString("latin1");
  const plain = activePdfName(latin);
  if (plain) return plain;
  let inflatedTotal = 0;
  for (const m of latin.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = latin.indexOf("endstream", start);
    if (end < 0) break;
    // Every stream is tried: one that is not zlib data fails on its first two bytes, at no cost.
    let inflated: Buffer;
    try {
      inflated = inflateSync(buf.subarray(start, end), { maxOutputLength: MAX_INFLATED - inflatedTotal });
    } catch {
      continue; // a stream that does not inflate holds no object a reader would run either
    }
    inflatedTotal += inflated.length;
    const hit = activePdfName(inflated.toString("latin1"));
    if (hit) return hit;
    if (inflatedTotal >= MAX_INFLATED) return "it is too large once decompressed to be checked";
  }
  return null;
}

export interface ZipListing {
  names: string[];
  /** Uncompressed size as the archive states it (yauzl checks it while reading: validateEntrySizes). */
  sizeOf: (name: string) => number | undefined;
  read: (name: string, max: number) => Promise<Buffer | null>;
  close: () => void;
}

/** Limits against ZIP bombs: office files have tens of entries and a few megabytes once unpacked. */
const ZIP_MAX_ENTRIES = 5_000;
const ZIP_MAX_UNCOMPRESSED = 256 * 1024 * 1024;

/** The entries of a ZIP, within the limits above; a string says why it cannot be read. The caller closes it. */
export function listZip(buf: Buffer): Promise<ZipListing | string> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return resolve("it is a damaged ZIP package");
      const entries = new Map<string, yauzl.Entry>();
      let total = 0;
      zip.on("error", () => resolve("it is a damaged ZIP package"));
      zip.on("entry", (e: yauzl.Entry) => {
        total += e.uncompressedSize;
        if (entries.size >= ZIP_MAX_ENTRIES || total > ZIP_MAX_UNCOMPRESSED) {
          zip.close();
          return resolve("it unpacks to more than a document can hold");
        }
        entries.set(e.fileName, e);
        zip.readEntry();
      });
      zip.on("end", () =>
        resolve({
          names: [...entries.keys()],
          sizeOf: (name) => entries.get(name)?.uncompressedSize,
          close: () => zip.close(),
          read: (name, max) =>
            new Promise((done) => {
              const entry = entries.get(name);
              if (!entry || entry.uncompressedSize > max) return done(null);
              zip.openReadStream(entry, (e, stream) => {
                if (e || !stream) return done(null);
                const chunks: Buffer[] = [];
                stream.on("data", (c: Buffer) => chunks.push(c));
                stream.on("error", () => done(null));
                stream.on("end", () => done(Buffer.concat(chunks)));
              });
            }),
        }),
      );
      zip.readEntry();
    });
  });
}

/** The entry read from a package, for text extraction (ODT's content.xml). */
export async function readPackageEntry(buf: Buffer, name: string, max: number): Promise<Buffer | null> {
  const zip = await listZip(buf);
  if (typeof zip === "string") return null;
  try {
    return await zip.read(name, max);
  } finally {
    zip.close();
  }
}

async function inspectPackage(buf: Buffer): Promise<Inspection> {
  const zip = await listZip(buf);
  if (typeof zip === "string") return refuse(zip);
  try {
    const lower = zip.names.map((n) => n.toLowerCase());
    if (zip.names.includes("[Content_Types].xml")) {
      const types = (await zip.read("[Content_Types].xml", 1024 * 1024))?.toString("utf8") ?? "";
      if (!zip.names.includes("word/document.xml") && !/wordprocessingml\.document\.main/.test(types)) return refuse("it is an Office package but not a Word document (DOCX)");
      if (lower.some((n) => n.endsWith("vbaproject.bin") || n.endsWith("vbadata.xml")) || /vbaProject|macroEnabled/i.test(types)) {
        return refuse("it contains macros (vbaProject): save it as a plain .docx without macros");
      }
      if (lower.some((n) => n.startsWith("word/activex/"))) return refuse("it contains ActiveX controls");
      if (lower.some((n) => n.startsWith("word/embeddings/") && /\.(bin|exe|dll|js|vbs|bat|cmd|ps1|jar)$/.test(n))) return refuse("it embeds an executable object");
      return { ok: true, kind: "docx", mediaType: ATTACHMENT_TYPES.docx };
    }
    // OpenDocument: the first entry is "mimetype", stored, naming the kind of document.
    const mimetype = (await zip.read("mimetype", 200))?.toString("ascii").trim();
    if (mimetype !== undefined) {
      if (mimetype !== ATTACHMENT_TYPES.odt) return refuse(`it is an OpenDocument file of another kind (${mimetype.slice(0, 80)}), not a text document (ODT)`);
      if (!zip.names.includes("content.xml")) return refuse("it is a damaged OpenDocument file (no content.xml)");
      if (lower.some((n) => n.startsWith("basic/") || n.startsWith("scripts/"))) return refuse("it contains macros or scripts (Basic/Scripts): save it again without macros");
      const content = (await zip.read("content.xml", 64 * 1024 * 1024))?.toString("utf8") ?? "";
      if (/<script:event-listener|<office:scripts>\s*<office:script/.test(content)) return refuse("it runs scripts on events");
      return { ok: true, kind: "odt", mediaType: ATTACHMENT_TYPES.odt };
    }
    return refuse("it is a ZIP archive, not a PDF, DOCX or ODT document");
  } finally {
    zip.close();
  }
}

/** The kind of document the bytes hold, or why it is refused. */
export async function inspectAttachment(buf: Buffer): Promise<Inspection> {
  if (buf.length === 0) return refuse("it is empty");
  // A PDF header may follow a little junk (readers allow up to 1 KiB); anything else is not a PDF.
  const head = buf.subarray(0, 1024).toString("latin1");
  if (head.includes("%PDF-")) {
    if (!buf.subarray(Math.max(0, buf.length - 2048)).toString("latin1").includes("%%EOF")) return refuse("it is a damaged or truncated PDF");
    const active = pdfActiveContent(buf);
    return active ? refuse(`${active}: save it again as a plain PDF ("print to PDF" removes active content)`) : { ok: true, kind: "pdf", mediaType: ATTACHMENT_TYPES.pdf };
  }
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return inspectPackage(buf);
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return refuse("it is an old Word (.doc) or other legacy Office file: save it as PDF, DOCX or ODT");
  }
  return refuse("it is not a PDF, DOCX or ODT document (its content says so, whatever its name)");
}
