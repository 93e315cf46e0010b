// Mail-backed account flows: verification, password reset, mail settings, the admins' outbox.
import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { zString } from "./common.ts";
import { zEmail, zNewPassword } from "./accounts.ts";

/** The token of a mailed link: 32 random bytes in base64url. */
export const zMailToken = zString().regex(/^[A-Za-z0-9_-]{20,100}$/, "is not a valid link");

export const zVerifyEmailBody = z.object({ token: zMailToken }).strict();
export type TVerifyEmailBody = z.infer<typeof zVerifyEmailBody>;

export const zPasswordResetRequestBody = z.object({ email: zEmail }).strict();
export type TPasswordResetRequestBody = z.infer<typeof zPasswordResetRequestBody>;

export const zPasswordResetConfirmBody = z.object({ token: zMailToken, password: zNewPassword }).strict();
export type TPasswordResetConfirmBody = z.infer<typeof zPasswordResetConfirmBody>;

/** How a kind of notification is mailed: at once, in the daily digest, or not at all. */
export const MAIL_DELIVERIES = ["instant", "digest", "off"] as const;
export type MailDelivery = (typeof MAIL_DELIVERIES)[number];

/** PUT /api/me/mail-settings: replies to one's contributions; moderation decisions and appeal outcomes. */
export const zMailSettingsBody = z
  .object({
    replies: z.enum(MAIL_DELIVERIES),
    decisions: z.enum(MAIL_DELIVERIES),
  })
  .strict();
export type TMailSettingsBody = z.infer<typeof zMailSettingsBody>;

export const zOutboxQuery = z.object({
  cursor: zString().max(LIMITS.cursorMax).optional(),
  limit: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(25),
});
export type TOutboxQuery = z.infer<typeof zOutboxQuery>;

export interface OutboxMailView {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  /** Empty once delivered over SMTP (the body may hold a single-use link). */
  text: string;
  status: "queued" | "sending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
