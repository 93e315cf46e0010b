// Backup files: written atomically (a temporary file next to the target, flushed, then renamed over it, so
// FILE is either the previous file or the complete new one, never half a backup), readable by their owner
// only (a backup holds password hashes and live sessions), and described by size and SHA-256.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface ArchiveFile {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Creates an empty owner-only temporary file next to `file`, lets `fill` write it (itself, or a program
 * such as pg_dump given its path), then flushes and renames it to `file`. Removes it if anything fails.
 */
export async function writeAtomically(file: string, fill: (tempPath: string) => Promise<void>): Promise<ArchiveFile> {
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
  fs.closeSync(fs.openSync(temp, "wx", 0o600));
  try {
    await fill(temp);
    const fd = fs.openSync(temp, "r+");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  syncDirectory(path.dirname(target)); // the rename itself survives a power cut
  return { path: target, ...(await describeFile(target)) };
}

/** Streams `source` into `file` atomically; `expect`, if given, must match what arrived. */
export function writeStreamAtomically(file: string, source: Readable, expect?: { bytes: number; sha256: string }): Promise<ArchiveFile> {
  return writeAtomically(file, async (temp) => {
    const hash = crypto.createHash("sha256");
    let bytes = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(source, measure, fs.createWriteStream(temp));
    const sha256 = hash.digest("hex");
    if (expect && (bytes !== expect.bytes || sha256 !== expect.sha256)) {
      throw new Error(`The backup arrived incomplete or altered (${bytes} of ${expect.bytes} bytes, SHA-256 ${sha256} instead of ${expect.sha256}).`);
    }
  });
}

export async function describeFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = crypto.createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return { bytes: fs.statSync(file).size, sha256: hash.digest("hex") };
}

export function describeArchive(a: ArchiveFile): string {
  return `File: ${a.path} (${a.bytes.toLocaleString("en")} bytes)\nSHA-256: ${a.sha256}`;
}

function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the file itself is already on disk.
  }
}
