// Opaque keyset cursors: base64url JSON of the last row's sort keys. Each list decodes its cursor with a
// zod schema of exactly the keys it issued, so a tampered cursor (not base64 JSON, a missing or extra key,
// a wrong type, a non-finite, negative or out-of-range number, a date that is no date) is a 400 here and
// never a database error: every value that reaches a query has the type and range of its column.
import { z } from "zod";
import { LIMITS } from "../../shared/limits.ts";
import { zId, zString } from "../../shared/schemas/common.ts";
import { errors } from "./errors.ts";

export function encodeCursor(keys: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(keys)).toString("base64url");
}

/** The value types cursors carry. */
export const cursorKeys = {
  id: zId,
  /** A row's `seq` (a PostgreSQL integer). */
  seq: z.number().int().min(0).max(LIMITS.int4Max),
  /** An instant as toISOString() writes it; decoded to a Date. */
  instant: z.iso
    .datetime()
    .transform((s) => new Date(s))
    .refine((d) => !Number.isNaN(d.getTime())),
  text: (max: number) => zString().max(max),
};

export function decodeCursor<S extends z.ZodRawShape>(cursor: string, shape: S): z.output<z.ZodObject<S>> {
  const invalid = () => errors.invalidInput("The cursor is not valid.", [{ path: "query.cursor", message: "is not a cursor this API issued" }]);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = z.object(shape).strict().safeParse(value);
  if (!parsed.success) throw invalid();
  return parsed.data;
}
