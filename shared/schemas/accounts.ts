import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { STAKEHOLDER_CATEGORIES } from "../categories.ts";
import { zRequiredText } from "./common.ts";

export const zEmail = z
  .string()
  .trim()
  .max(LIMITS.emailMax, `must be at most ${LIMITS.emailMax} characters`)
  .email("must be an email address");

// Length only, no composition rules (NIST SP 800-63B). Not trimmed: spaces are legitimate characters.
export const zNewPassword = z
  .string()
  .min(LIMITS.passwordMin, `must be at least ${LIMITS.passwordMin} characters`)
  .max(LIMITS.passwordMax, `must be at most ${LIMITS.passwordMax} characters`);

export const zRegisterBody = z
  .object({
    email: zEmail,
    password: zNewPassword,
    displayName: zRequiredText(LIMITS.displayNameMax),
    category: z.enum(STAKEHOLDER_CATEGORIES).optional(),
  })
  .strict();
export type TRegisterBody = z.infer<typeof zRegisterBody>;

export const zLoginBody = z
  .object({
    email: z.string().trim().min(1, "is required").max(LIMITS.emailMax),
    password: z.string().min(1, "is required").max(LIMITS.passwordMax),
  })
  .strict();
export type TLoginBody = z.infer<typeof zLoginBody>;
