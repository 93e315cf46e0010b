// Single-use links mailed to a person (verify an address, reset a password). The link carries 32 random
// bytes; the database keeps only their SHA-256, so a leaked copy of it verifies or resets nothing. A
// token is spent by a conditional update (unused and unexpired): two clicks at once spend it once.
import crypto from "node:crypto";
import type { Tx } from "../db/index.ts";
import type { EmailTokenPurpose } from "../db/generated/client.ts";

export const TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 48 * 3600_000,
  reset_password: 3600_000,
};

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** A new token for the account; earlier unused ones of the same purpose stop working (only the last mail counts). */
export async function issueToken(tx: Tx, userId: string, purpose: EmailTokenPurpose, now = new Date()): Promise<string> {
  await tx.emailToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  const token = newToken();
  await tx.emailToken.create({ data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) } });
  return token;
}

/** Spends the token: the account it was for, or null when it is unknown, used or expired. */
export async function spendToken(tx: Tx, purpose: EmailTokenPurpose, token: string, now = new Date()): Promise<string | null> {
  const tokenHash = hashToken(token);
  const { count } = await tx.emailToken.updateMany({ where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (count === 0) return null;
  return (await tx.emailToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } })).userId;
}
