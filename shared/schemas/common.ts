import { z } from "zod";
import { LIMITS } from "../limits.ts";

/**
 * Characters no text field of any request may hold: C0 controls other than tab, newline and carriage
 * return, DEL, C1 controls, and unpaired UTF-16 surrogates. PostgreSQL refuses NUL in text outright
 * (22021, a 500 before this check existed) and lone surrogates cannot be encoded as UTF-8 at all; the
 * other controls are invisible, never typed, and break CSV and report exports further down.
 * `\p{Cs}` with the u flag matches only a surrogate that is not half of a pair.
 */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;

/** The first forbidden character of `s` (position counted in characters, from 1), or null. */
export function findForbiddenCharacter(s: string): { position: number; codePoint: number; unpairedSurrogate: boolean } | null {
  const match = FORBIDDEN_CHARACTER.exec(s);
  if (!match) return null;
  const codePoint = match[0].codePointAt(0)!;
  return { position: [...s.slice(0, match.index)].length + 1, codePoint, unpairedSurrogate: codePoint >= 0xd800 && codePoint <= 0xdfff };
}

function forbiddenCharacterMessage(s: string): string | null {
  const found = findForbiddenCharacter(s);
  if (!found) return null;
  const hex = `U+${found.codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  // The position lets a person find an invisible character they pasted.
  return found.unpairedSurrogate
    ? `must be valid Unicode text (an unpaired surrogate ${hex} at character ${found.position})`
    : `must not contain control characters (${hex} at character ${found.position}); tab and line breaks are fine`;
}

/** The check itself, one instance: test/http/input.test.ts finds it in every request schema's strings. */
export const noForbiddenCharacters = z.superRefine((s: string, ctx) => {
  const message = forbiddenCharacterMessage(s);
  if (message) ctx.addIssue({ code: "custom", message, continue: false });
});

/**
 * THE base of every text field in a request (body, query, path parameter, header): use it instead of
 * z.string() in shared/schemas and in routes. It refuses; it never strips, so what was sent is what is
 * stored or nothing is. The check runs first and stops the field's later checks: one clear message.
 */
export const zString = () => z.string().check(noForbiddenCharacters);

/** Plain text: trimmed, no control characters other than newlines and tabs (see zString). */
export const zPlainText = (max: number) => zString().trim().max(max, `must be at most ${max} characters`);

export const zRequiredText = (max: number) => zPlainText(max).pipe(z.string().min(1, "is required"));

export const zId = zString().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "is not a valid id");

export const zHttpUrl = zString()
  .trim()
  .max(LIMITS.urlMax)
  .url("must be a URL")
  .refine((u) => /^https?:\/\//i.test(u), "must start with http:// or https://");

/**
 * A whole number from a query string or path segment, within [min, max]. Coercion turns "1e400" into
 * Infinity and "abc" into NaN; zod refuses both, and the bounds keep the value inside PostgreSQL's
 * integer, so no number from a URL reaches the database unchecked.
 */
export const zQueryInt = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** An opaque page cursor as received; server/http/cursor.ts decodes and checks what is inside. */
export const zCursor = zString().max(LIMITS.cursorMax);

export const zPageQuery = z.object({
  cursor: zCursor.optional(),
  limit: zQueryInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type TPageQuery = z.infer<typeof zPageQuery>;

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

/** A unit's Akoma Ntoso-style identifier in a draft text (art_7__para_4__point_b). */
export const zEId = zString().min(1).max(300).regex(/^[A-Za-z0-9_]+$/, "is not a valid eId");
