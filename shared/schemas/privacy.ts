// Privacy: deleting one's account (DELETE /api/me: the password again, and a second factor when two-factor
// is on), and asking to take part under a verified pseudonym.
import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { zPlainText, zRequiredText } from "./common.ts";
import { zPassword, zRecoveryCode, zTotpCode } from "./two-factor.ts";

export const zDeleteAccountBody = z
  .object({ password: zPassword, code: zTotpCode.optional(), recoveryCode: zRecoveryCode.optional() })
  .strict()
  .refine((b) => !(b.code && b.recoveryCode), { message: "give a code or a recovery code, not both", path: ["code"] });
export type TDeleteAccountBody = z.infer<typeof zDeleteAccountBody>;

/** Asking to take part under a pseudonym: the real name is for the verifying staff only. */
export const zPseudonymRequestBody = z
  .object({
    pseudonym: zRequiredText(LIMITS.displayNameMax),
    legalName: zRequiredText(LIMITS.displayNameMax),
    note: zPlainText(1_000).optional(),
  })
  .strict();
export type TPseudonymRequestBody = z.infer<typeof zPseudonymRequestBody>;

export const zPseudonymDecisionBody = z.object({ verify: z.boolean(), statement: zPlainText(1_000).optional() }).strict();
export type TPseudonymDecisionBody = z.infer<typeof zPseudonymDecisionBody>;
