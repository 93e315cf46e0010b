import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { zString } from "./common.ts";
import { zNewPassword } from "./accounts.ts";

/** The account page's profile is part of PATCH /api/me (accounts.ts). */
export { zUpdateMeBody as zUpdateProfileBody, type TUpdateMeBody as TUpdateProfileBody } from "./accounts.ts";

export const zChangePasswordBody = z
  .object({
    currentPassword: zString().min(1, "is required").max(LIMITS.passwordMax),
    newPassword: zNewPassword,
  })
  .strict();
export type TChangePasswordBody = z.infer<typeof zChangePasswordBody>;
