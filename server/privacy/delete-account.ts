// Deleting one's account. The rule (README, SECURITY.md):
// - Published contributions stay where they are, as the consultation published them, attributed to
//   "Former participant": a consultation's record (replies quoting them, summaries, exports) must hold.
// - Everything not published (pending, rejected, hidden, withdrawn posts; draft responses) is removed:
//   its text is erased, so nobody can publish it later.
// - Illegal-content records are preserved unchanged for the authorities: content quarantined as illegal,
//   the flags and decisions about it (and every moderation decision and appeal: they are the record of
//   what was decided, and their subjects may no longer be identified through them).
// - The person goes: email, name, password, two-factor, memberships, invitations, notifications and
//   sessions. The user row stays as an anonymous tombstone so kept rows still point somewhere; it can
//   never log in again (accounts/service.ts authenticate).
// All of it in one transaction: an account is deleted whole, or not at all.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { inTransaction } from "../events/record.ts";
import { endUserSessions, sessionRowsOf } from "../accounts/sessions.ts";
import { verifyPassword } from "../accounts/password.ts";
import { hasTwoFactor, useSecondFactor, type SecondFactor } from "../accounts/two-factor.ts";
import { recordAudit } from "../moderation/audit.ts";

export const FORMER_PARTICIPANT = "Former participant";

export interface DeleteAccountInput extends SecondFactor {
  password: string;
}

export async function deleteMyAccount(prisma: PrismaClient, actor: Actor, input: DeleteAccountInput): Promise<{ postsKept: number; postsRemoved: number }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    throw errors.invalidInput("The password is not right.", [{ path: "password", message: "is not right" }]);
  }
  if (await hasTwoFactor(prisma, actor.id)) {
    if (!input.code && !input.recoveryCode) throw errors.invalidInput("Enter a code from your authenticator app, or a recovery code.", [{ path: "code", message: "is required" }]);
    if (!(await useSecondFactor(prisma, actor.id, input))) throw errors.invalidInput("This code is not right, or was already used.", [{ path: "code", message: "is not right" }]);
  }
  const userId = actor.id;
  return inTransaction(prisma, async (tx) => {
    const postsKept = await tx.post.count({ where: { authorId: userId, OR: [{ status: "published" }, { quarantined: true }] } });
    // Not published and not an illegal-content record: the text goes (the row stays, so replies to it
    // and decisions about it keep their place).
    const unpublished = await tx.post.findMany({ where: { authorId: userId, status: { not: "published" }, quarantined: false }, select: { id: true } });
    const ids = unpublished.map((p) => p.id);
    if (ids.length) {
      await tx.postRevision.deleteMany({ where: { postId: { in: ids } } });
      await tx.post.updateMany({ where: { id: { in: ids } }, data: { bodySource: "", bodyHtml: "", status: "withdrawn" } });
    }
    await tx.response.deleteMany({ where: { respondentId: userId, status: "draft" } });
    await tx.twoFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.organisationMembership.deleteMany({ where: { userId } });
    await tx.consultationMember.deleteMany({ where: { userId } });
    await tx.organisationInvitation.deleteMany({ where: { inviteeId: userId } });
    await tx.notification.deleteMany({ where: { userId } });
    await tx.pseudonymRequest.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: sessionRowsOf(userId) });
    await tx.user.update({
      where: { id: userId },
      data: {
        email: `deleted-${userId}@deleted.invalid`,
        emailKey: `deleted-${userId}@deleted.invalid`,
        displayName: FORMER_PARTICIPANT,
        category: "individual",
        // Not an argon2 hash: no password verifies against it.
        passwordHash: "!deleted",
        isAdmin: false,
        status: "suspended",
        language: null,
        legalName: null,
        deletedAt: new Date(),
      },
    });
    // Every session and socket of the account ends at once, on every process.
    await endUserSessions(tx, userId, "account_deleted");
    await recordAudit(tx, { consultationId: null, actorId: userId, action: "delete_account", targetType: "user", targetId: userId, after: { postsKept, postsRemoved: ids.length } });
    return { postsKept, postsRemoved: ids.length };
  });
}
