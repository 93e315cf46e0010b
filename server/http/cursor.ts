// Opaque keyset cursors: base64url JSON of the last row's sort keys. Tampered cursors are a 400.
import { errors } from "./errors.ts";

export function encodeCursor(keys: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(keys)).toString("base64url");
}

export function decodeCursor<K extends string>(cursor: string, fields: readonly K[]): Record<K, string> {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    for (const f of fields) {
      if (typeof value[f] !== "string" && typeof value[f] !== "number") throw new Error(f);
    }
    return Object.fromEntries(fields.map((f) => [f, String(value[f])])) as Record<K, string>;
  } catch {
    throw errors.invalidInput("The cursor is not valid.", [{ path: "query.cursor", message: "is not a cursor this API issued" }]);
  }
}
