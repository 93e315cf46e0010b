// Email verification: a registration mails a link; until it is opened the account reads but does not
// contribute (posts, threads, endorsements, flags, positions: every route behind the write, endorse and
// flag limits answers 403 email_unverified). The link works without being logged in (people open mail
// on another device), once, for 48 hours; "resend" mails a new one and voids the old.
import type { RequestHandler } from "express";
import type { PrismaClient, Tx } from "../db/index.ts";
import { AppError, errors } from "../http/errors.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { issueToken, spendToken } from "./email-tokens.ts";
import type { Actor } from "./actor.ts";

export const emailUnverified = () =>
  new AppError("email_unverified", "Confirm your email address first: open the link we mailed you, or ask for a new one on your account page.");

/** In the transaction that made the account: its first link. */
export async function mailVerificationLink(tx: Tx, user: { id: string; email: string; displayName: string; language: string | null }) {
  const token = await issueToken(tx, user.id, "verify_email");
  await enqueueMail(tx, user, "verify_email", { name: user.displayName, token });
}

export async function resendVerification(prisma: PrismaClient, actor: Actor): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: actor.id }, select: { id: true, email: true, displayName: true, language: true, emailVerifiedAt: true } });
    if (!user) throw errors.unauthenticated();
    // Already verified: nothing to send (the answer is the same, there is nothing to hide from the owner).
    if (user.emailVerifiedAt) return;
    await mailVerificationLink(tx, user);
  });
}

export async function verifyEmail(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const userId = await spendToken(tx, "verify_email", token);
    if (!userId) throw errors.invalidInput("This link is not valid or has expired. Ask for a new one on your account page.", [{ path: "token", message: "is not valid or has expired" }]);
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });
  });
}

/**
 * Before every contribution route: an unverified account gets the one clear 403. The flag rides on the
 * session user (loadSessionUser), so this costs no query; anonymous callers pass on to the route's 401.
 */
export const requireVerifiedEmail: RequestHandler = (req, _res, next) => {
  const user = req.user as { emailVerified?: boolean } | undefined;
  if (user && user.emailVerified === false) return next(emailUnverified());
  next();
};
