// The published copy of a PDF with some pages redacted by moderators. It is a new document into which
// only the kept pages are copied (pdf-lib copies what a page references and nothing else), and each
// redacted page becomes a blank page of the same size saying "Page N withheld by moderation: <code>".
// Deleting a page from the original instead would leave its objects in the file, readable by any tool.
//
// A kept page could still reach a redacted one through references: link annotations and article beads
// point at other pages, and a Resources dictionary shared by several pages names the images and forms of
// all of them. So before copying, each kept page loses its annotations, beads, piece info, thumbnail and
// metadata, and gets a Resources dictionary of its own holding only the XObjects its content names.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, StandardFonts, rgb, type PDFPage } from "pdf-lib";

/** Page keys that may reference other pages (or carry data beyond the page's own drawing). */
const DROPPED_PAGE_KEYS = ["Annots", "B", "PieceInfo", "Thumb", "Metadata", "AA"];

function contentBytes(page: PDFPage): string {
  const ctx = page.doc.context;
  const contents = page.node.get(PDFName.of("Contents"));
  const streams: PDFStream[] = [];
  const resolved = contents ? ctx.lookup(contents) : undefined;
  if (resolved instanceof PDFArray) for (const ref of resolved.asArray()) streams.push(ctx.lookup(ref) as PDFStream);
  else if (resolved instanceof PDFStream) streams.push(resolved);
  return streams
    .map((s) => {
      // A content stream that cannot be decoded here yields nothing: its XObjects are then all dropped,
      // which may blank a picture on a kept page but can never carry one from a redacted page.
      try {
        const bytes = s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents();
        return Buffer.from(bytes).toString("latin1");
      } catch {
        return "";
      }
    })
    .join("\n");
}

/** The page's own copy of its Resources, with only the XObjects its content invokes (`/Name Do`). */
function isolateResources(page: PDFPage) {
  const ctx = page.doc.context;
  const resources = page.node.Resources();
  if (!resources) return;
  const own = resources.clone(ctx);
  const xobjects = resources.lookupMaybe(PDFName.of("XObject"), PDFDict);
  if (xobjects) {
    const used = new Set([...contentBytes(page).matchAll(/\/([^\s/<>[\]()]+)\s+Do\b/g)].map((m) => m[1]));
    const kept = ctx.obj({});
    for (const [name, ref] of xobjects.entries()) if (used.has(name.decodeText())) kept.set(name, ref);
    own.set(PDFName.of("XObject"), kept);
  }
  page.node.set(PDFName.of("Resources"), own);
}

export class UnredactablePdfError extends Error {}

/** `redacted`: page number (1-based) -> the reason code printed on its blank page. */
export async function buildRedactedPdf(original: Buffer, redacted: Map<number, string>): Promise<Buffer> {
  let src: PDFDocument;
  try {
    src = await PDFDocument.load(new Uint8Array(original), { updateMetadata: false });
  } catch (err) {
    throw new UnredactablePdfError(err instanceof Error && /encrypt/i.test(err.message) ? "the PDF is encrypted" : "the PDF cannot be read page by page");
  }
  const out = await PDFDocument.create({ updateMetadata: false });
  const font = await out.embedFont(StandardFonts.Helvetica);
  const pages = src.getPages();
  for (const [i, page] of pages.entries()) {
    const number = i + 1;
    const { width, height } = page.getSize();
    const code = redacted.get(number);
    if (code !== undefined) {
      const blank = out.addPage([width, height]);
      const size = Math.max(8, Math.min(14, width / 40));
      blank.drawText(`Page ${number} withheld by moderation: ${code}`, { x: size * 3, y: height - size * 5, size, font, color: rgb(0, 0, 0), maxWidth: width - size * 6 });
      continue;
    }
    for (const key of DROPPED_PAGE_KEYS) page.node.delete(PDFName.of(key));
    isolateResources(page);
    const [copy] = await out.copyPages(src, [i]);
    out.addPage(copy!);
  }
  return Buffer.from(await out.save({ useObjectStreams: false }));
}
