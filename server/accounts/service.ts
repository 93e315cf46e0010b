// Accounts: registration, credential checks, the current user. Callable from routes, the CLI and tests.
import type { PrismaClient } from "../db/index.ts";
import { isUniqueViolation } from "../db/index.ts";
import { errors } from "../http/errors.ts";
import type { TRegisterBody } from "../../shared/schemas/accounts.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.ts";
import { presentMe } from "./present.ts";
import { recordEventNow } from "../events/record.ts";
import { GLOBAL } from "../events/types.ts";

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export async function registerUser(prisma: PrismaClient, input: TRegisterBody & { isAdmin?: boolean }) {
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
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw errors.conflict("An account with this email already exists.", [{ path: "email", message: "is already registered" }]);
    throw err;
  }
}

/**
 * Returns the user whose credentials these are, or null. Unknown email, wrong password and suspended
 * accounts are indistinguishable to the caller, in result and in time.
 */
export async function authenticate(prisma: PrismaClient, email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { emailKey: emailKey(email) } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.status !== "active") return null;
  return user;
}

export async function setPassword(prisma: PrismaClient, email: string, password: string) {
  const passwordHash = await hashPassword(password);
  const result = await prisma.user.updateMany({ where: { emailKey: emailKey(email) }, data: { passwordHash } });
  if (result.count === 0) throw errors.notFound("User");
}

export async function getMe(prisma: PrismaClient, userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    include: { organisations: { include: { organisation: true } }, consultationRoles: true },
  });
  if (!user) throw errors.unauthenticated();
  return presentMe(user);
}

/** What Passport re-reads on every request: a suspended or deleted account is logged out at once. */
export async function loadSessionUser(prisma: PrismaClient, userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, isAdmin: true, status: true } });
  if (!user || user.status !== "active") return null;
  return { id: user.id, isAdmin: user.isAdmin };
}

/** A session ended (logout): its sockets end too, on whichever process holds them. */
export async function sessionEnded(prisma: PrismaClient, userId: string, sessionId: string) {
  await recordEventNow(prisma, { consultationId: GLOBAL, type: "session:ended", payload: { userId, sessionId } });
}
