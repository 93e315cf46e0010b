// Two-factor authentication (TOTP, RFC 6238) and its one-time recovery codes: the request bodies the
// account's security page and the login page's second step send. See server/accounts/two-factor.ts.
import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { zString } from "./common.ts";

/** Six digits from the authenticator app; spaces people type in the middle ("123 456") are dropped. */
export const zTotpCode = zString()
  .max(20)
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "must be the 6 digits your app shows"));

/** A recovery code as printed ("abcd-efgh-ijkl"); case and dashes do not matter when typed back. */
export const zRecoveryCode = zString()
  .max(40)
  .transform((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ""))
  .pipe(z.string().regex(/^[a-z0-9]{12}$/, "is not a recovery code"));

export const zPassword = zString().min(1, "is required").max(LIMITS.passwordMax);

/** Confirms an enrolment: the first code from the app proves it holds the secret. */
export const zConfirmTwoFactorBody = z.object({ code: zTotpCode }).strict();
export type TConfirmTwoFactorBody = z.infer<typeof zConfirmTwoFactorBody>;

/** Turning two-factor off, or new recovery codes: the password and a current code (or a recovery code). */
export const zTwoFactorProofBody = z
  .object({ password: zPassword, code: zTotpCode.optional(), recoveryCode: zRecoveryCode.optional() })
  .strict()
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), { message: "needs a code or a recovery code", path: ["code"] });
export type TTwoFactorProofBody = z.infer<typeof zTwoFactorProofBody>;

/** The login's second step: a code from the app, or one recovery code. */
export const zLoginSecondStepBody = z
  .object({ code: zTotpCode.optional(), recoveryCode: zRecoveryCode.optional() })
  .strict()
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), { message: "needs a code or a recovery code", path: ["code"] });
export type TLoginSecondStepBody = z.infer<typeof zLoginSecondStepBody>;

/** What the security page shows about the account's two-factor. */
export interface TwoFactorStatus {
  enabled: boolean;
  /** The account holds a staff role (admin, organiser, moderator) that needs two-factor before it is used. */
  required: boolean;
  recoveryCodesLeft: number;
}

/** An enrolment begun: the secret as an otpauth:// URI, as a QR code (a PNG data: URL), and as text to type in. */
export interface TwoFactorEnrolment {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}
