// Password reset. The request answers the same (202) whether or not the address has an account, and a
// mail goes out only when it does; the link works once, for an hour. Setting the new password spends
// the token, voids the account's other reset links and ends every session of the account, in one
// transaction. Opening the link also proves the address is the person's: it counts as verified.
import type { PrismaClient } from "../db/index.ts";
import { errors } from "../http/errors.ts";
import { inTransaction } from "../events/record.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { hashPassword } from "./password.ts";
import { issueToken, spendToken } from "./email-tokens.ts";
import { endUserSessions } from "./sessions.ts";
import { emailKey } from "./service.ts";

export async function requestPasswordReset(prisma: PrismaClient, email: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { emailKey: emailKey(email) }, select: { id: true, email: true, displayName: true, language: true, status: true } });
    // A suspended account gets no link either: a reset must not be a way around a suspension.
    if (!user || user.status !== "active") return;
    const token = await issueToken(tx, user.id, "reset_password");
    await enqueueMail(tx, user, "reset_password", { name: user.displayName, token });
  });
}

export async function confirmPasswordReset(prisma: PrismaClient, token: string, password: string): Promise<void> {
  // Hashed before the transaction (argon2 is slow); for a bad token the work is wasted, which is fine.
  const passwordHash = await hashPassword(password);
  await inTransaction(prisma, async (tx) => {
    const userId = await spendToken(tx, "reset_password", token);
    if (!userId) throw errors.invalidInput("This link is not valid or has expired. Ask for a new one.", [{ path: "token", message: "is not valid or has expired" }]);
    const now = new Date();
    await tx.emailToken.updateMany({ where: { userId, purpose: "reset_password", usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    await endUserSessions(tx, userId, "password_changed");
  });
}
