import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { REASON_CODES } from "./moderation.ts";
import { zCursor, zPlainText, zQueryInt, zString } from "./common.ts";

export const zListUsersQuery = z.object({
  q: zString().trim().max(LIMITS.emailMax).optional(),
  cursor: zCursor.optional(),
  limit: zQueryInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export const zAdminAuditQuery = z.object({
  action: zString().trim().max(64).optional(),
  cursor: zCursor.optional(),
  limit: zQueryInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export const zUpdateUserBody = z
  .object({
    status: z.enum(["active", "suspended"]).optional(),
    isAdmin: z.literal(true).optional(),
    /** Required with status "suspended": the reason code and the statement the person is sent. */
    reasonCode: z.enum(REASON_CODES).optional(),
    statement: zPlainText(LIMITS.plainTextMax).pipe(z.string().min(1, "is required")).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.isAdmin !== undefined, { message: "must change status or isAdmin" });
export type TUpdateUserBody = z.infer<typeof zUpdateUserBody>;
