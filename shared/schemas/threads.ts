import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { zCursor, zId, zQueryInt, zRequiredText, zString } from "./common.ts";

export const REPLY_TYPES = ["supports", "contests", "clarifies", "question"] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];
export const REPLY_TYPE_LABELS: Record<ReplyType, string> = {
  supports: "Supports",
  contests: "Contests",
  clarifies: "Clarifies",
  question: "Asks a question",
};
export const POST_STATUSES = ["published", "pending", "rejected", "hidden", "withdrawn"] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/**
 * Markdown (raw HTML allowed); the server stores the sanitised HTML. Not trimmed (indentation is
 * Markdown); control characters other than tab and line breaks are refused like everywhere (zString).
 */
export const zRichText = zString()
  .max(LIMITS.richTextMax, `must be at most ${LIMITS.richTextMax} characters`)
  .refine((s) => s.trim().length > 0, "is required");

export const zCreateThreadBody = z
  .object({
    title: zRequiredText(LIMITS.titleMax),
    body: zRichText,
    questionId: zId.optional(),
    onBehalfOfOrganisationId: zId.optional(),
  })
  .strict();
export type TCreateThreadBody = z.infer<typeof zCreateThreadBody>;

export const zCreatePostBody = z
  .object({
    body: zRichText,
    parentId: zId.optional(),
    replyType: z.enum(REPLY_TYPES).optional(),
    quotedPostId: zId.optional(),
    onBehalfOfOrganisationId: zId.optional(),
  })
  .strict()
  .refine((b) => b.replyType === undefined || b.parentId !== undefined, { message: "a typed reply needs parentId", path: ["replyType"] });
export type TCreatePostBody = z.infer<typeof zCreatePostBody>;

export const zEditPostBody = z
  .object({
    body: zRichText,
    /** The version the edit was based on; a stale one is refused with 409. */
    version: z.number().int().min(1).max(LIMITS.int4Max),
  })
  .strict();
export type TEditPostBody = z.infer<typeof zEditPostBody>;

export const zIdempotencyKey = zString().min(8, "must be at least 8 characters").max(128).regex(/^[\x21-\x7e]+$/, "must be printable ASCII");

export const zListThreadsQuery = z.object({
  questionId: zId.optional(),
  cursor: zCursor.optional(),
  limit: zQueryInt(1, LIMITS.pageSizeMax).default(20),
});

export const zPreviewBody = z.object({ body: zRichText }).strict();
