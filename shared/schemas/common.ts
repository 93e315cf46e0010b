import { z } from "zod";
import { LIMITS } from "../limits.ts";

/** Plain text: trimmed, no control characters other than newlines and tabs. */
export const zPlainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), "must not contain control characters");

export const zRequiredText = (max: number) => zPlainText(max).pipe(z.string().min(1, "is required"));

export const zId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "is not a valid id");

export const zHttpUrl = z
  .string()
  .trim()
  .max(LIMITS.urlMax)
  .url("must be a URL")
  .refine((u) => /^https?:\/\//i.test(u), "must start with http:// or https://");

export const zPageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type TPageQuery = z.infer<typeof zPageQuery>;

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}
