// Ending sessions. A session remembers the account's session epoch at login (server/accounts/passport.ts);
// raising the epoch voids every session made before, on every process, at their next request, because
// Passport re-reads the account on every request and socket handshake. The `user:sessionsEnded` event
// recorded in the same transaction closes open sockets at once (server/realtime/dispatcher.ts).
import type { DomainEventPayloads } from "../events/types.ts";
import { GLOBAL } from "../events/types.ts";
import { recordEvent, type EventTx } from "../events/record.ts";
import type { Request } from "express";

export type SessionsEndedReason = DomainEventPayloads["user:sessionsEnded"]["reason"];

/** Inside the caller's transaction, so the change that ends the sessions and their ending commit together. */
export async function endUserSessions(tx: EventTx, userId: string, reason: SessionsEndedReason, exceptSessionId?: string): Promise<number> {
  const user = await tx.user.update({ where: { id: userId }, data: { sessionEpoch: { increment: 1 } }, select: { sessionEpoch: true } });
  recordEvent(tx, { consultationId: GLOBAL, type: "user:sessionsEnded", payload: { userId, reason, ...(exceptSessionId ? { exceptSessionId } : {}) } });
  return user.sessionEpoch;
}

/** What Passport keeps in the session: the account and the epoch it was logged in under. */
export interface SessionUserRef {
  id: string;
  epoch: number;
}

/** Sessions written before epochs existed hold the bare id: they count as epoch 0. */
export function readSessionUserRef(stored: unknown): SessionUserRef | null {
  if (typeof stored === "string") return { id: stored, epoch: 0 };
  if (stored && typeof stored === "object") {
    const { id, epoch } = stored as Record<string, unknown>;
    if (typeof id === "string" && typeof epoch === "number" && Number.isInteger(epoch)) return { id, epoch };
  }
  return null;
}

/**
 * The stored session rows of an account, as a `where` on the sessions table. Passport keeps
 * {"passport":{"user":{"id":"<id>","epoch":n}}} in the serialised data; ids are cuids (no JSON
 * metacharacters), so the pattern cannot match another account. Rows it misses are still voided by the
 * epoch (endUserSessions).
 */
export function sessionRowsOf(userId: string) {
  return { data: { contains: `"user":{"id":"${userId}"` } };
}

/** This session moves to the account's new epoch, so it alone survives an ending (saved with the response). */
export function keepThisSession(req: Request, userId: string, epoch: number): void {
  (req.session as unknown as { passport: { user: SessionUserRef } }).passport.user = { id: userId, epoch };
}
