// The account page: one's own profile and password. A new password ends every other session of the
// account (someone who knew the old one is logged out), and keeps the one that changed it.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "./actor.ts";
import type { TChangePasswordBody, TUpdateProfileBody } from "../../shared/schemas/profile.ts";
import { inTransaction } from "../events/record.ts";
import { endUserSessions, sessionRowsOf } from "./sessions.ts";
import { errors } from "../http/errors.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { getMe } from "./service.ts";

export async function updateProfile(prisma: PrismaClient, actor: Actor, input: TUpdateProfileBody) {
  await prisma.user.update({ where: { id: actor.id }, data: { displayName: input.displayName, category: input.category, language: input.language } });
  return getMe(prisma, actor.id);
}

export async function changePassword(prisma: PrismaClient, actor: Actor, sessionId: string, input: TChangePasswordBody) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw errors.invalidInput("The current password is not right.", [{ path: "currentPassword", message: "is not right" }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(prisma, async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash } });
    // The epoch voids every session of the account on every process (sessions.ts); the rows of the other
    // sessions go too, so the count is what the owner is told.
    const { count } = await tx.session.deleteMany({ where: { ...sessionRowsOf(actor.id), NOT: { sid: sessionId } } });
    const epoch = await endUserSessions(tx, actor.id, "password_changed", sessionId);
    return { otherSessionsEnded: count, epoch };
  });
}
