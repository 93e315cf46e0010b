// Reads one uploaded file from a multipart/form-data request with busboy, into memory, refusing as soon
// as it passes the configured size (the rest of the body is drained, never buffered). Anything but one
// part named "file" is refused, so a form cannot smuggle other fields past the route's schema.
import type { Request } from "express";
import busboy from "busboy";
import { AppError, errors } from "../../http/errors.ts";

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

const NAME_MAX = 200;

/** A display name only: path parts, control and reserved characters gone, length bounded. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"<>:|?*]/g, "")
    .replace(/^\.+/, "")
    .trim();
  return [...(cleaned || "document")].slice(0, NAME_MAX).join("");
}

export function readUploadedFile(req: Request, maxBytes: number): Promise<UploadedFile> {
  if (!req.is("multipart/form-data")) {
    return Promise.reject(errors.invalidInput("Send the file as multipart/form-data, in a part named \"file\".", [{ path: "file", message: "is required" }]));
  }
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 0 } });
    } catch {
      return reject(errors.invalidInput("The multipart body is malformed.", [{ path: "file", message: "is not a readable multipart body" }]));
    }
    let failure: AppError | null = null;
    let file: UploadedFile | null = null;
    const fail = (e: AppError) => (failure ??= e);
    bb.on("file", (field, stream, info) => {
      if (field !== "file") {
        fail(errors.invalidInput(`The part "${field.slice(0, 40)}" is not expected: send the file in a part named "file".`, [{ path: "file", message: "is required" }]));
        return stream.resume();
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => {
        chunks.length = 0;
        fail(new AppError("payload_too_large", `The file is larger than the limit of ${formatMiB(maxBytes)}.`, [{ path: "file", message: `must be at most ${maxBytes} bytes` }]));
      });
      stream.on("end", () => {
        if (!failure) file = { fileName: cleanFileName(info.filename), data: Buffer.concat(chunks) };
      });
    });
    bb.on("field", (name) => fail(errors.invalidInput(`The field "${name.slice(0, 40)}" is not expected: only a part named "file" is.`, [{ path: name.slice(0, 40), message: "is not a field you can set" }])));
    bb.on("filesLimit", () => fail(errors.invalidInput("Send one file per request.", [{ path: "file", message: "must be one file" }])));
    bb.on("fieldsLimit", () => fail(errors.invalidInput("Only a part named \"file\" is expected.", [{ path: "file", message: "must be the only part" }])));
    bb.on("error", () => reject(failure ?? errors.invalidInput("The multipart body is malformed.", [{ path: "file", message: "is not a readable multipart body" }])));
    bb.on("close", () => {
      if (failure) return reject(failure);
      if (!file) return reject(errors.invalidInput("No file was sent: send it in a part named \"file\".", [{ path: "file", message: "is required" }]));
      resolve(file);
    });
    req.pipe(bb);
  });
}

const formatMiB = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`);

export interface UploadedPart extends UploadedFile {
  /** The form field the file came in (for a partner's response: the file-upload question it answers). */
  field: string;
}

export interface MultipartForm {
  /** The one text field expected, or null when it was not sent. */
  text: string | null;
  files: UploadedPart[];
}

/**
 * Reads a form of one text field (`textField`, at most `textMaxBytes`) and up to `maxFiles` files, each at
 * most `maxFileBytes`, in whatever field names (the caller decides what they mean). Everything is bounded:
 * past a limit the rest of the body is drained, never buffered, and the whole form is refused.
 */
export function readMultipartForm(req: Request, opts: { textField: string; textMaxBytes: number; maxFiles: number; maxFileBytes: number }): Promise<MultipartForm> {
  const { textField } = opts;
  const malformed = () => errors.invalidInput("The multipart body is malformed.", [{ path: textField, message: "is not a readable multipart body" }]);
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // One text field and maxFiles files (one more: the text may come as a file); past either, busboy drains the rest.
      bb = busboy({ headers: req.headers, limits: { files: opts.maxFiles + 1, fileSize: opts.maxFileBytes, fields: 1, fieldSize: opts.textMaxBytes } });
    } catch {
      return reject(malformed());
    }
    let failure: AppError | null = null;
    let text: string | null = null;
    const files: UploadedPart[] = [];
    const fail = (e: AppError) => (failure ??= e);
    const tooMany = () => errors.invalidInput(`A response may carry at most ${opts.maxFiles} files.`, [{ path: "files", message: `must be at most ${opts.maxFiles} files` }]);
    let fileCount = 0;
    bb.on("field", (name, value, info) => {
      if (name !== textField) return fail(errors.invalidInput(`The field "${name.slice(0, 40)}" is not expected: send the response as JSON in a part named "${textField}", and each file in a part named by its question's key.`, [{ path: name.slice(0, 40), message: "is not a field you can set" }]));
      if (info.valueTruncated) return fail(new AppError("payload_too_large", `The "${textField}" part is larger than the limit of ${formatMiB(opts.textMaxBytes)}.`, [{ path: textField, message: `must be at most ${opts.textMaxBytes} bytes` }]));
      if (text !== null) return fail(errors.invalidInput(`Send one "${textField}" part.`, [{ path: textField, message: "must be sent once" }]));
      text = value;
    });
    bb.on("file", (field, stream, info) => {
      const path = `files.${field.slice(0, 60)}`;
      if (field === textField) {
        // Some clients send a JSON part as a file (a Blob of type application/json): taken as the text, within its limit.
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (c: Buffer) => {
          size += c.length;
          if (size <= opts.textMaxBytes) chunks.push(c);
        });
        stream.on("end", () => {
          if (size > opts.textMaxBytes) fail(new AppError("payload_too_large", `The "${textField}" part is larger than the limit of ${formatMiB(opts.textMaxBytes)}.`, [{ path: textField, message: `must be at most ${opts.textMaxBytes} bytes` }]));
          else if (text !== null) fail(errors.invalidInput(`Send one "${textField}" part.`, [{ path: textField, message: "must be sent once" }]));
          else text = Buffer.concat(chunks).toString("utf8");
        });
        return;
      }
      if (++fileCount > opts.maxFiles) {
        fail(tooMany());
        return stream.resume();
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => {
        chunks.length = 0;
        fail(new AppError("payload_too_large", `The file "${cleanFileName(info.filename).slice(0, 120)}" is larger than the limit of ${formatMiB(opts.maxFileBytes)}.`, [{ path, message: `must be at most ${opts.maxFileBytes} bytes` }]));
      });
      stream.on("end", () => {
        if (!failure) files.push({ field, fileName: cleanFileName(info.filename), data: Buffer.concat(chunks) });
      });
    });
    bb.on("filesLimit", () => fail(tooMany()));
    bb.on("fieldsLimit", () => fail(errors.invalidInput(`Only one text part is expected, "${textField}".`, [{ path: textField, message: "must be the only text part" }])));
    bb.on("error", () => reject(failure ?? malformed()));
    bb.on("close", () => (failure ? reject(failure) : resolve({ text, files })));
    req.pipe(bb);
  });
}
