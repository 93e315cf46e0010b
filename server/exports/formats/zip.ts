// ZIP reading and deterministic ZIP writing (yazl streams its output; every entry gets the same date and
// mode, so the same files give the same bytes).
import { once } from "node:events";
import { PassThrough, type Readable, type Writable } from "node:stream";
import yazl from "yazl";
import yauzl from "yauzl";

export interface ZipSource {
  name: string;
  /** A buffer, or a function opening a stream (opened when the entry is written, not before). */
  data: Buffer | (() => Readable);
}

/** Streams a ZIP of the sources, in the given order, into `out` (which it ends). */
export function writeZip(sources: ZipSource[], mtime: Date, out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const options = { mtime, mode: 0o100644, compress: true, forceDosTimestamp: true };
    for (const s of sources) {
      if (Buffer.isBuffer(s.data)) zip.addBuffer(s.data, s.name, options);
      else zip.addReadStream(s.data(), s.name, options);
    }
    zip.outputStream.on("error", reject);
    out.on("error", reject);
    out.on("finish", () => resolve());
    zip.outputStream.pipe(out);
    zip.end();
  });
}

/** All entries of a ZIP held in memory (small archives: DOCX files, test fixtures). */
export function readZip(buffer: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("not a zip"));
      const entries: { name: string; data: Buffer }[] = [];
      zip.on("error", reject);
      zip.on("end", () => resolve(entries));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error("unreadable entry"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** A ZIP in memory: for archives built from buffers (the DOCX re-pack). */
export async function zipToBuffer(sources: ZipSource[], mtime: Date): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = once(out, "end");
  await writeZip(sources, mtime, out);
  await ended;
  return Buffer.concat(chunks);
}
