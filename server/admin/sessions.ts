// An admin ends every session of an account (a lost laptop, a shared password) without suspending it:
// the session rows go, and every process disconnects the account's sockets from the same event.
import { inTransaction } from "../events/record.ts";
import { endUserSessions, sessionRowsOf } from "../accounts/sessions.ts";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { accountPolicy } from "../accounts/policy.ts";
import { errors } from "../http/errors.ts";
import { recordAudit } from "../moderation/audit.ts";


export async function endAccountSessions(prisma: PrismaClient, actor: Actor, userId: string) {
  if (!accountPolicy.list(actor)) throw errors.forbidden();
  const target = await prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!target) throw errors.notFound("User");
  return inTransaction(prisma, async (tx) => {
    // The epoch (endUserSessions) voids any session the rows missed, on every process, and records the
    // event that closes the account's sockets.
    const { count } = await tx.session.deleteMany({ where: sessionRowsOf(userId) });
    await endUserSessions(tx, userId, "logged_out_everywhere");
    await recordAudit(tx, { consultationId: null, actorId: actor.id, action: "end_sessions", targetType: "user", targetId: userId, after: { sessionsEnded: count } });
    return { userId, sessionsEnded: count };
  });
}
