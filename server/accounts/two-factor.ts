// Two-factor authentication: TOTP (RFC 6238, otplib) and ten one-time recovery codes.
// - Enrolment is two steps: a secret is made and shown (otpauth URI, QR code); it protects nothing until
//   a first code from the app confirms it, so a half-done enrolment cannot lock anyone out.
// - A code is good once: the time step of the last accepted code is kept and only later steps pass, so a
//   code seen over a shoulder or in a log is worthless after use.
// - Recovery codes are random (60 bits), shown once, stored as SHA-256 (no slow hash needed for random
//   secrets) and each used at most once; consuming one is a conditional update, so two requests racing
//   with the same code cannot both pass.
// - Turning it off, or new recovery codes, need the password and a current code: a stolen session alone
//   cannot remove the second factor.
import { Prisma } from "../db/generated/client.ts";
import crypto from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { PrismaClient, Tx } from "../db/index.ts";
import type { Actor } from "./actor.ts";
import { errors } from "../http/errors.ts";
import { inTransaction } from "../events/record.ts";
import { endUserSessions } from "./sessions.ts";
import { verifyPassword } from "./password.ts";
import type { TwoFactorEnrolment, TwoFactorStatus, TTwoFactorProofBody } from "../../shared/schemas/two-factor.ts";

export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Roundtable";
/** Seconds of clock drift accepted either way (one 30 s step each side). */
const EPOCH_TOLERANCE_S = 30;

export interface SecondFactor {
  code?: string;
  recoveryCode?: string;
}

const hashRecoveryCode = (userId: string, normalised: string) => crypto.createHash("sha256").update(`${userId}:${normalised}`).digest("hex");

/** 12 characters of [a-z0-9] without look-alikes, printed as three groups of four. */
function newRecoveryCode(): { printed: string; normalised: string } {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = crypto.randomBytes(12);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  return { printed: `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`, normalised: chars };
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(userId, c.normalised) })) });
  return codes.map((c) => c.printed);
}

/** Whether the account has two-factor switched on (a confirmed enrolment). */
export async function hasTwoFactor(db: Tx, userId: string): Promise<boolean> {
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(row?.enabledAt);
}

/** Admin anywhere, or organiser or moderator of any consultation, directly or through an organisation. */
export async function holdsStaffRole(db: Tx, userId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ staff: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND is_admin)
        OR EXISTS (SELECT 1 FROM consultation_members WHERE user_id = ${userId} AND role::text IN ('organiser', 'moderator'))
        OR EXISTS (SELECT 1 FROM consultation_organisations co JOIN organisation_memberships om ON om.organisation_id = co.organisation_id
                    WHERE om.user_id = ${userId} AND co.role::text IN ('organiser', 'moderator')) AS staff`;
  return rows[0]?.staff === true;
}

/**
 * "Holds a staff role, and two-factor is not on", as SQL over the user id `userId` (a parameter or a
 * column): the one rule, used alone here and inside the statement every signed-in request runs
 * (accounts/service.ts loadSessionUser).
 */
export function staffWithoutTwoFactorSql(userId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(NOT EXISTS (SELECT 1 FROM two_factors WHERE user_id = ${userId} AND enabled_at IS NOT NULL)
       AND (EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND is_admin)
         OR EXISTS (SELECT 1 FROM consultation_members WHERE user_id = ${userId} AND role::text IN ('organiser', 'moderator'))
         OR EXISTS (SELECT 1 FROM consultation_organisations co JOIN organisation_memberships om ON om.organisation_id = co.organisation_id
                     WHERE om.user_id = ${userId} AND co.role::text IN ('organiser', 'moderator'))))`;
}

export async function isStaffWithoutTwoFactor(db: Tx, userId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ locked: boolean }[]>`SELECT ${staffWithoutTwoFactorSql(Prisma.sql`${userId}`)} AS locked`;
  return rows[0]?.locked === true;
}

export async function getTwoFactorStatus(prisma: PrismaClient, userId: string, requireForStaff: boolean): Promise<TwoFactorStatus> {
  const [row, left, staff] = await Promise.all([
    prisma.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
    requireForStaff ? holdsStaffRole(prisma, userId) : Promise.resolve(false),
  ]);
  const enabled = Boolean(row?.enabledAt);
  return { enabled, required: staff, recoveryCodesLeft: enabled ? left : 0 };
}

/** Step one: a new secret, shown to the owner. Starting again replaces an unconfirmed one. */
export async function beginEnrolment(prisma: PrismaClient, actor: Actor): Promise<TwoFactorEnrolment> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true, twoFactor: { select: { enabledAt: true } } } });
  if (user.twoFactor?.enabledAt) throw errors.conflict("Two-factor authentication is already on. Turn it off first to set up another app.");
  const secret = generateSecret();
  await prisma.twoFactor.upsert({ where: { userId: actor.id }, create: { userId: actor.id, secret }, update: { secret, lastStep: null } });
  const otpauthUri = generateURI({ issuer: ISSUER, label: user.email, secret });
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: "M", margin: 2, width: 220 });
  return { secret, otpauthUri, qrDataUrl };
}

/**
 * The time step the code belongs to if it is right for the secret and newer than the last one used; null
 * otherwise. otplib refuses steps up to `afterTimeStep`, which is what makes each code single-use.
 */
async function acceptedStep(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  const result = await verify({ secret, token: code, epochTolerance: EPOCH_TOLERANCE_S, ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) });
  // A TOTP result (the default strategy) carries the step; the union type also covers HOTP's.
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Records a code's step as used, unless a concurrent request already used it or a later one. */
async function claimStep(db: Tx, userId: string, step: number, lastStep: number | null): Promise<boolean> {
  const { count } = await db.twoFactor.updateMany({ where: { userId, ...(lastStep === null ? { lastStep: null } : { lastStep }) }, data: { lastStep: step } });
  return count === 1;
}

/** Step two: the first code proves the app holds the secret. Ends the account's other sessions. */
export async function confirmEnrolment(prisma: PrismaClient, actor: Actor, code: string, sessionId: string): Promise<{ recoveryCodes: string[]; epoch: number }> {
  const row = await prisma.twoFactor.findUnique({ where: { userId: actor.id } });
  if (!row) throw errors.conflict("Start setting up two-factor authentication first.");
  if (row.enabledAt) throw errors.conflict("Two-factor authentication is already on.");
  const step = await acceptedStep(row.secret, code, row.lastStep);
  if (step === null) throw wrongCode();
  return inTransaction(prisma, async (tx) => {
    if (!(await claimStep(tx, actor.id, step, row.lastStep))) throw wrongCode();
    await tx.twoFactor.update({ where: { userId: actor.id }, data: { enabledAt: new Date() } });
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.id);
    // Sessions logged in with the password alone end: from now on a login needs the second factor too.
    const epoch = await endUserSessions(tx, actor.id, "two_factor_changed", sessionId);
    return { recoveryCodes, epoch };
  });
}

const wrongCode = () => errors.invalidInput("This code is not right, or was already used.", [{ path: "code", message: "is not right" }]);

/**
 * Checks a second factor for an account with two-factor on and, if right, uses it up (the code's time
 * step, or the recovery code). Returns false for a wrong code or an account without two-factor.
 */
export async function useSecondFactor(db: Tx, userId: string, factor: SecondFactor): Promise<boolean> {
  const row = await db.twoFactor.findUnique({ where: { userId } });
  if (!row?.enabledAt) return false;
  if (factor.code) {
    const step = await acceptedStep(row.secret, factor.code, row.lastStep);
    return step !== null && (await claimStep(db, userId, step, row.lastStep));
  }
  if (factor.recoveryCode) {
    const { count } = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(userId, factor.recoveryCode), usedAt: null }, data: { usedAt: new Date() } });
    return count === 1;
  }
  return false;
}

/** The password and a second factor, both right (a stolen session alone proves neither). */
async function checkProof(prisma: PrismaClient, actor: Actor, proof: TTwoFactorProofBody): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, proof.password))) {
    throw errors.invalidInput("The password is not right.", [{ path: "password", message: "is not right" }]);
  }
  if (!(await hasTwoFactor(prisma, actor.id))) throw errors.conflict("Two-factor authentication is not on.");
  if (!(await useSecondFactor(prisma, actor.id, proof))) throw wrongCode();
}

export async function disableTwoFactor(prisma: PrismaClient, actor: Actor, proof: TTwoFactorProofBody, sessionId: string): Promise<{ epoch: number }> {
  await checkProof(prisma, actor, proof);
  return inTransaction(prisma, async (tx) => {
    await tx.twoFactor.delete({ where: { userId: actor.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    const epoch = await endUserSessions(tx, actor.id, "two_factor_changed", sessionId);
    return { epoch };
  });
}

/** Ten new codes; the old ones stop working. */
export async function regenerateRecoveryCodes(prisma: PrismaClient, actor: Actor, proof: TTwoFactorProofBody): Promise<{ recoveryCodes: string[] }> {
  await checkProof(prisma, actor, proof);
  return { recoveryCodes: await prisma.$transaction((tx) => replaceRecoveryCodes(tx, actor.id)) };
}
