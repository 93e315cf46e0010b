// Accounts: registration, credential checks, the current user. Callable from routes, the CLI and tests.
import type { PrismaClient, Tx } from "../db/index.ts";
import { readRows } from "../db/direct-reads.ts";
import { Prisma } from "../db/generated/client.ts";
import { isUniqueViolation } from "../db/index.ts";
import crypto from "node:crypto";
import { AppError, errors } from "../http/errors.ts";
import type { TRegisterBody } from "../../shared/schemas/accounts.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.ts";
import { presentMe } from "./present.ts";
import { inTransaction, recordEventNow } from "../events/record.ts";
import { endUserSessions } from "./sessions.ts";
import { GLOBAL } from "../events/types.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { staffWithoutTwoFactorSql } from "./two-factor.ts";
import { mailVerificationLink } from "./verification.ts";

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Makes an account. `verified`: whether the address counts as proven (the CLI's admins, the demo, test
 * factories); self-registration passes false and mails a link (registerNewAccount).
 */
export async function registerUser(prisma: Tx, input: TRegisterBody & { isAdmin?: boolean; verified?: boolean; language?: string | null }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: {
        email: input.email.trim(),
        emailKey: emailKey(input.email),
        displayName: input.displayName,
        category: input.category ?? "individual",
        passwordHash,
        isAdmin: input.isAdmin ?? false,
        emailVerifiedAt: input.verified === false ? null : new Date(),
        language: input.language ?? null,
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw errors.conflict("An account with this email already exists.", [{ path: "email", message: "is already registered" }]);
    throw err;
  }
}

/**
 * Registration as the API offers it: for an email that already has an account, nothing is created and
 * the caller gets what a new account would look like (the answer must not tell the two apart; the
 * password is hashed either way so the timing matches too). The mail differs: a new account gets its
 * verification link, the owner of an existing one is told that someone tried (and how to reset).
 */
export async function registerNewAccount(prisma: PrismaClient, input: TRegisterBody, opts: { language?: string | null } = {}) {
  const existing = await prisma.user.findUnique({ where: { emailKey: emailKey(input.email) }, select: { id: true } });
  if (!existing) {
    try {
      const user = await prisma.$transaction(async (tx) => {
        const made = await registerUser(tx, { ...input, verified: false });
        // In the language the person registered in (the account's own choice stays unset until they make it).
        await mailVerificationLink(tx, { ...made, language: made.language ?? opts.language ?? null });
        return made;
      });
      return { created: true as const, user };
    } catch (err) {
      // Someone registered the same email in between: answer as for any existing email.
      if (!(err instanceof AppError && err.code === "conflict")) throw err;
    }
  } else {
    await hashPassword(input.password);
  }
  const owner = await prisma.user.findUnique({ where: { emailKey: emailKey(input.email) }, select: { email: true, displayName: true, language: true } });
  if (owner) await prisma.$transaction((tx) => enqueueMail(tx, owner, "register_existing", { name: owner.displayName }));
  const now = new Date();
  const lookalike = presentMe({
    id: `c${crypto.randomBytes(12).toString("hex").slice(0, 24)}`,
    email: input.email.trim(),
    emailKey: emailKey(input.email),
    displayName: input.displayName,
    category: input.category ?? "individual",
    passwordHash: "",
    isAdmin: false,
    status: "active",
    sessionEpoch: 0,
    language: null,
    deletedAt: null,
    legalName: null,
    pseudonymVerifiedAt: null,
    emailVerifiedAt: null,
    mailReplies: "digest",
    mailDecisions: "instant",
    digestCoveredUntil: null,
    createdAt: now,
    updatedAt: now,
    organisations: [],
    consultationRoles: [],
  });
  return { created: false as const, lookalike };
}

/**
 * Returns the user whose credentials these are, or null. Unknown email, wrong password and suspended
 * accounts are indistinguishable to the caller, in result and in time.
 */
export async function authenticate(prisma: PrismaClient, email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { emailKey: emailKey(email) } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  // A deleted account (server/privacy) never logs in again, whatever an admin later does to its row.
  if (!user || !ok || user.status !== "active" || user.deletedAt) return null;
  return user;
}

/** A new password ends every session of the account (whoever knew the old one is logged out), CLI included. */
export async function setPassword(prisma: PrismaClient, email: string, password: string) {
  const passwordHash = await hashPassword(password);
  await inTransaction(prisma, async (tx) => {
    const user = await tx.user.findUnique({ where: { emailKey: emailKey(email) }, select: { id: true } });
    if (!user) throw errors.notFound("User");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await endUserSessions(tx, user.id, "password_changed");
  });
}

export async function getMe(prisma: PrismaClient, userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    include: { organisations: { include: { organisation: true } }, consultationRoles: true },
  });
  if (!user) throw errors.unauthenticated();
  return presentMe(user);
}

/**
 * What Passport re-reads on every request: a suspended or deleted account is logged out at once, and so
 * is a session made under an older epoch (a password change, a suspension since). Jobs pass no epoch.
 * The language rides along for the error handler (messages in the account's language); policies see only the Actor.
 *
 * With `requireStaffTwoFactor`, an account that holds a staff role (admin, organiser, moderator) but has
 * no two-factor is `staffLocked`: it acts as a participant (isAdmin false here, its consultation role
 * capped in viewerFor) until it enrols, and its refusals answer `two_factor_required` (http/errors.ts).
 * Read on every request, so enrolling or being made staff takes effect at once.
 */
export async function loadSessionUser(prisma: PrismaClient, userId: string, sessionEpoch?: number, opts: { requireStaffTwoFactor?: boolean } = {}) {
  // One plain statement, not the query builder, read without Prisma's runtime (db/direct-reads.ts): it runs on
  // every signed-in request (see http/session-store.ts).
  // Whether a staff role waits for two-factor rides along only when staff must have it.
  const [user] = await readRows<{ id: string; is_admin: boolean; status: string; session_epoch: number; language: string | null; email_verified: boolean; staff_locked: boolean }>(
    prisma,
    Prisma.sql`
    SELECT u.id, u.is_admin, u.status::text AS status, u.session_epoch, u.language, u.email_verified_at IS NOT NULL AS email_verified,
           ${opts.requireStaffTwoFactor === true ? staffWithoutTwoFactorSql(Prisma.sql`u.id`) : Prisma.sql`false`} AS staff_locked
      FROM users u WHERE u.id = ${userId}`,
  );
  if (!user || user.status !== "active") return null;
  if (sessionEpoch !== undefined && sessionEpoch !== Number(user.session_epoch)) return null;
  const staffLocked = user.staff_locked === true;
  // emailVerified: for requireVerifiedEmail (server/accounts/verification.ts), without a query of its own.
  return { id: user.id, isAdmin: user.is_admin && !staffLocked, language: user.language, emailVerified: user.email_verified, ...(staffLocked ? { staffLocked: true } : {}) };
}

/** A session ended (logout): its sockets end too, on whichever process holds them. */
export async function sessionEnded(prisma: PrismaClient, userId: string, sessionId: string) {
  await recordEventNow(prisma, { consultationId: GLOBAL, type: "session:ended", payload: { userId, sessionId } });
}

