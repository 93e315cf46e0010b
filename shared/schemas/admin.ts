import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { REASON_CODES } from "./moderation.ts";

export const zListUsersQuery = z.object({
  q: z.string().trim().max(LIMITS.emailMax).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export const zUpdateUserBody = z
  .object({
    status: z.enum(["active", "suspended"]).optional(),
    isAdmin: z.literal(true).optional(),
    /** Required with status "suspended": the reason code and the statement the person is sent. */
    reasonCode: z.enum(REASON_CODES).optional(),
    statement: z.string().trim().min(1).max(LIMITS.plainTextMax).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.isAdmin !== undefined, { message: "must change status or isAdmin" });
export type TUpdateUserBody = z.infer<typeof zUpdateUserBody>;
