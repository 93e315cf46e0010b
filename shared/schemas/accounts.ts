import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { STAKEHOLDER_CATEGORIES } from "../categories.ts";
import { INTERFACE_LANGUAGES } from "../languages.ts";
import { zRequiredText, zString } from "./common.ts";

export const zEmail = zString()
  .trim()
  .max(LIMITS.emailMax, `must be at most ${LIMITS.emailMax} characters`)
  .email("must be an email address");

// Length only, no composition rules (NIST SP 800-63B). Not trimmed: spaces are legitimate characters.
// Control characters are refused like in every field (no keyboard types them; a paste that carries one
// would otherwise set a password nobody can type again).
export const zNewPassword = zString()
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
    email: zString().trim().min(1, "is required").max(LIMITS.emailMax),
    password: zString().min(1, "is required").max(LIMITS.passwordMax),
  })
  .strict();
export type TLoginBody = z.infer<typeof zLoginBody>;

/**
 * PATCH /api/me: the account page's profile (the name shown beside one's contributions, the category one
 * speaks in) and the interface language (the header's switcher); any of them, at least one.
 */
export const zUpdateMeBody = z
  .object({
    displayName: zRequiredText(LIMITS.displayNameMax).optional(),
    category: z.enum(STAKEHOLDER_CATEGORIES).optional(),
    language: z.enum(INTERFACE_LANGUAGES).optional(),
  })
  .strict()
  .refine((b) => b.displayName !== undefined || b.category !== undefined || b.language !== undefined, { message: "must change displayName, category or language" });
export type TUpdateMeBody = z.infer<typeof zUpdateMeBody>;
